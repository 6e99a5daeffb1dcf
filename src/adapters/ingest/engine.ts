/**
 * Loading files into a store folder: the one path behind `vpcflow ingest` and
 * the store's refresh of `vpcflow run` outputs. Under the store's lock it reads
 * every file (read-file.ts), writes new Parquet parts, and commits them to the
 * manifest in one rename; parts they replace (the same sources loaded again,
 * or older run outputs) are removed after the commit. A load that fails
 * removes the parts it wrote, never earlier ones. A file that fails part way
 * (a truncated gzip) contributes nothing: what of it had loaded is taken out.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { FieldDef } from '../../core/flows/fields.ts';
import { STORE_FIELDS } from '../../core/ingest/columns.ts';
import type { Format } from '../../core/ingest/format.ts';
import { emptyReport, type IngestReport } from '../../core/ingest/report.ts';
import { readParquet, sqlList, sqlString } from '../../core/ingest/sql.ts';
import { openDuck, type Duck } from '../store/duck.ts';
import { storeLayout, type StoreLayout } from '../store/layout.ts';
import { acquireLock } from '../store/lock.ts';
import { readManifest, sameStamps, writeManifest, type FileStamp, type Manifest, type PartEntry } from '../store/manifest.ts';
import { checkPart } from './checks.ts';
import { EventBatch } from './events.ts';
import { Parts } from './parts.ts';
import { readFile } from './read-file.ts';
import { ReadError } from './reader.ts';
import { formatsBesideRuns, type FormatsFor } from './run-formats.ts';
import { TextPipeline } from './text-pipeline.ts';

export interface LoadOptions {
  /** `--format`: the format of records that come without a header line. */
  format?: Format;
  origin: 'ingest' | 'run';
  /** The `source_file` value of a file (default: the file as given). */
  sourceName?: (file: string) => string;
  /** For origin `run`: the fingerprint of the outputs loaded, kept in the manifest. */
  runFiles?: FileStamp[];
  /** The formats of headerless records by file, from a run folder's resources.json. */
  formatsFor?: FormatsFor;
}

/** Parts no manifest lists (left by a crashed load), and stale staging files, go while the lock is held. */
function collectGarbage(layout: StoreLayout, m: Manifest): void {
  const listed = new Set(m.parts.map((p) => basename(p.file)));
  for (const name of readdirSync(layout.parts)) if (!listed.has(name)) rmSync(join(layout.parts, name), { force: true });
  for (const name of readdirSync(layout.tmp)) rmSync(join(layout.tmp, name), { force: true, recursive: true });
}

/** The manifest's parts once `sources` are loaded again: untouched, rewritten without them, or gone. */
async function supersede(duck: Duck, layout: StoreLayout, m: Manifest, origin: 'run' | 'ingest', sources: Set<string>, removed: string[]): Promise<PartEntry[]> {
  const kept: PartEntry[] = [];
  for (const p of m.parts) {
    const hit = p.origin === origin && (origin === 'run' || p.sources.some((s) => sources.has(s)));
    if (!hit) { kept.push(p); continue; }
    removed.push(join(layout.root, p.file));
    const left = p.sources.filter((s) => !sources.has(s));
    if (origin === 'run' || left.length === 0) continue;
    const file = p.file.replace(/(-r[0-9a-z]+)?\.parquet$/, `-r${Date.now().toString(36)}.parquet`);
    const path = join(layout.root, file);
    await duck.run(`COPY (SELECT * FROM ${readParquet(join(layout.root, p.file))} WHERE source_file NOT IN (SELECT unnest(${sqlList([...sources])}))) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION snappy)`);
    const count = await duck.query(`SELECT count(*) AS n FROM ${readParquet(path)}${p.events ? ' WHERE parse_error IS NULL' : ''}`);
    kept.push({ ...p, file, sources: left, records: Number(count.rows[0]?.n ?? 0) });
  }
  return kept;
}

async function loadFiles(duck: Duck, layout: StoreLayout, parts: Parts, files: readonly string[], opts: LoadOptions, report: IngestReport): Promise<boolean> {
  const manifest = readManifest(layout.manifest);
  // Another process may have loaded these very run outputs while this one waited for the lock.
  if (opts.origin === 'run' && opts.runFiles && manifest.run && sameStamps(manifest.run.files, opts.runFiles)) return false;
  collectGarbage(layout, manifest);
  // Without --format, files still in a run folder are read in the formats its resources.json gives.
  const formatsFor = opts.formatsFor ?? (opts.format ? undefined : formatsBesideRuns(report.warnings));
  const batch = new EventBatch(duck, parts);
  const text = new TextPipeline(duck, parts);
  const nameOf = opts.sourceName ?? ((f: string) => f);
  const fileOf = new Map<string, string>();
  const kinds = new Map<string, string>();
  const failed = new Set<string>();
  for (const file of files) {
    const sourceFile = nameOf(file);
    fileOf.set(sourceFile, file);
    try {
      const r = await readFile(file, sourceFile, { duck, batch, sink: parts, format: opts.format, formatsFor, text });
      kinds.set(file, r.kind);
      report.skipped.push(...r.skipped);
      report.warnings.push(...r.warnings);
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      report.skipped.push({ file, line: null, reason: e.message });
      failed.add(file);
      text.discard(file);
      batch.discard(file);
    }
  }
  for (const r of await text.drain()) {
    report.skipped.push(...r.skipped.filter((s) => !failed.has(s.file)));
    for (const [item, n] of r.repaired) {
      if (!failed.has(item.file)) report.warnings.push({ file: item.file, line: null, reason: `${n} line${n > 1 ? 's' : ''} with irregular spacing (AWS writes single spaces) read leniently` });
    }
  }
  for (const file of failed) await parts.dropSource(duck, nameOf(file));
  const ev = await batch.load();
  report.skipped.push(...ev.skipped);

  // Count per file, drop empty parts, report what the checks found.
  const perFile = new Map<string, number>();
  const live = [];
  for (const p of parts.created) {
    let rows = 0;
    if (p.entry.sources.length === 1 && !p.entry.events) {
      // One source, every row a record: the count the writer returned is the answer.
      rows = p.entry.records;
      perFile.set(p.entry.sources[0]!, (perFile.get(p.entry.sources[0]!) ?? 0) + rows);
    } else {
      const res = await duck.query(`SELECT source_file, count(*) AS rows, count(*) FILTER (WHERE ${p.entry.events ? 'parse_error IS NULL' : 'true'}) AS records FROM ${readParquet(p.path)} GROUP BY source_file`);
      for (const r of res.rows) {
        rows += Number(r.rows);
        perFile.set(String(r.source_file), (perFile.get(String(r.source_file)) ?? 0) + Number(r.records));
      }
    }
    if (rows === 0) { rmSync(p.path, { force: true }); continue; }
    live.push(p);
    // A part whose writer found no flagged row has no warnings to give: skip the read-back.
    if (!p.checksClean) report.warnings.push(...await checkPart(duck, p, (s) => fileOf.get(s) ?? s));
  }
  for (const [sourceFile, file] of fileOf) {
    const kind = kinds.get(file);
    if (kind === undefined) continue;
    const n = perFile.get(sourceFile) ?? 0;
    report.files.push({ file, kind, records: n });
    report.records += n;
  }
  const removed: string[] = [];
  const sources = new Set([...kinds.keys()].map(nameOf));
  const kept = await supersede(duck, layout, manifest, opts.origin, sources, removed);
  const next: Manifest = { ...manifest, parts: [...kept, ...live.map((p) => p.entry)] };
  if (opts.origin === 'run') next.run = { files: opts.runFiles ?? [], skipped: report.skipped, warnings: report.warnings };
  writeManifest(layout.manifest, next);
  for (const r of removed) rmSync(r, { force: true });
  return true;
}

/**
 * Loads `files` into the store in `dir`. The report gains `unchanged` when a
 * refresh of run outputs found them already loaded by another process.
 */
export async function loadIntoStore(dir: string, files: readonly string[], opts: LoadOptions, report: IngestReport = emptyReport()): Promise<IngestReport & { unchanged?: boolean }> {
  const layout = storeLayout(dir);
  for (const d of [layout.root, layout.parts, layout.tmp]) mkdirSync(d, { recursive: true });
  const release = await acquireLock(layout.lock);
  const parts = new Parts(layout, opts.origin);
  let committed = false;
  try {
    const duck = await openDuck();
    try {
      // Records have no order to keep (nor have they in S3 or Athena); not keeping one lets DuckDB write Parquet in parallel.
      await duck.run('SET preserve_insertion_order = false');
      const changed = await loadFiles(duck, layout, parts, files, opts, report);
      committed = true;
      if (!changed) return { ...report, unchanged: true };
    } finally {
      duck.close();
    }
  } finally {
    if (!committed) parts.removeAll();
    for (const name of existsSync(layout.tmp) ? readdirSync(layout.tmp) : []) {
      if (name.startsWith(parts.id)) rmSync(join(layout.tmp, name), { force: true });
    }
    release();
  }
  return report;
}

/** Paths relative to the store folder, `/`-separated: how run outputs are named in the store. */
export const relativeSource = (dir: string) => (file: string): string => relative(dir, file).split(/[\\/]/).join('/');

/** Every store field a set of parts has columns for, in store order. */
export function fieldsOf(entries: readonly PartEntry[]): FieldDef[] {
  const names = new Set(entries.flatMap((e) => e.fields));
  return STORE_FIELDS.filter((f) => names.has(f.name));
}
