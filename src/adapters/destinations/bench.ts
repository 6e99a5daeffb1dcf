/**
 * Write-speed figures for `npm run bench`, each against a reference measured
 * on the same records in the same run:
 * - the S3 text path (accept every record, then write every gzip object) against
 *   plain node:zlib gzip -6 of the very same bytes (target: at most 1.5×);
 * - Parquet (accept, then write every gzip object), in records per second
 *   (target: at least 1 million), against DuckDB's own read_csv → gzip Parquet
 *   of the same record lines, already staged on disk: what writing through
 *   DuckDB would cost at best (why vpcflow has its own encoder, parquet.ts).
 * Every record is re-targeted at an S3 bucket in the format under test, so any
 * emitted records will do. Output goes under `dir`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import { type FieldDef, type FieldType, parseLogFormat } from '../../core/flows/fields.ts';
import { deliverySlot } from '../../core/flows/s3-keys.ts';
import type { FlowLog } from '../../core/model/types.ts';
import { GZIP_LEVEL } from './gzip.ts';
import type { DeliveryManifest } from './manifest.ts';
import { parquetColumnName } from './parquet.ts';
import { DeliverySink } from './sink.ts';

export interface ParquetBench {
  ms: number;
  recordsPerSec: number;
  bytes: number;
}

export interface TextBench {
  records: number;
  /** Sink time for gzip text objects: accept every record, then write all objects. */
  textMs: number;
  /** Uncompressed and compressed size of those objects. */
  textBytes: number;
  textGzipBytes: number;
  /** node:zlib gzip level 6 of each object's uncompressed bytes, summed. */
  gzip6Ms: number;
  /** textMs / gzip6Ms; the target is at most 1.5. */
  ratio: number;
}

export interface ReadCsvBench {
  /** DuckDB's COPY (read_csv of the staged lines → Parquet), summed over the objects. */
  ms: number;
  recordsPerSec: number;
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** The records, each sent to an S3 bucket in `fileFormat` (made once, before timing: records a run makes die young, these would not). */
export function retarget(records: readonly EmittedRecord[], fileFormat: FlowLog['fileFormat']): EmittedRecord[] {
  const clones = new Map<FlowLog, FlowLog>();
  return records.map((r) => {
    let fl = clones.get(r.flowLog);
    if (!fl) {
      const dest = r.flowLog.destinationType === 's3' ? r.flowLog.logDestination : 'arn:aws:s3:::vpcflow-bench';
      clones.set(r.flowLog, (fl = { ...r.flowLog, destinationType: 's3', logDestination: dest, fileFormat }));
    }
    return { ...r, flowLog: fl };
  });
}

async function timeSink(records: readonly EmittedRecord[], dir: string): Promise<{ ms: number; manifest: DeliveryManifest }> {
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  const t0 = performance.now();
  for (const r of records) sink.accept(r);
  const manifest = await sink.finish();
  return { ms: performance.now() - t0, manifest };
}

const filesOf = (m: DeliveryManifest): Array<{ path: string; bytes: number }> => m.destinations.flatMap((d) => d.files);

/** The text path against gzip -6 of the same bytes; `records` already retargeted to text (retarget). */
export async function benchText(records: EmittedRecord[], dir: string): Promise<TextBench> {
  const text = await timeSink(records, dir);
  const raw = filesOf(text.manifest).map((f) => gunzipSync(readFileSync(join(dir, f.path))));
  const t0 = performance.now();
  for (const b of raw) gzipSync(b, { level: GZIP_LEVEL });
  const gzip6Ms = performance.now() - t0;
  return {
    records: records.length, textMs: text.ms, textBytes: raw.reduce((s, b) => s + b.length, 0),
    textGzipBytes: filesOf(text.manifest).reduce((s, f) => s + f.bytes, 0), gzip6Ms, ratio: text.ms / gzip6Ms,
  };
}

/** Parquet through the sink; `records` already retargeted to Parquet (retarget). */
export async function benchParquet(records: EmittedRecord[], dir: string): Promise<ParquetBench> {
  const { ms, manifest } = await timeSink(records, dir);
  return { ms, recordsPerSec: records.length / (ms / 1000), bytes: filesOf(manifest).reduce((s, f) => s + f.bytes, 0) };
}

const SQL_TYPE: Record<FieldType, string> = { int32: 'INTEGER', int64: 'BIGINT', string: 'VARCHAR' };
const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** read_csv of record lines with the format's types: numbers read `-` as null, strings keep it (as the encoder writes them). */
function selectLinesSql(stagingPath: string, fields: readonly FieldDef[]): string {
  const columns = fields.map((f) => `${sqlString(parquetColumnName(f))}: '${SQL_TYPE[f.type]}'`).join(', ');
  const select = fields.map((f) => {
    const c = `"${parquetColumnName(f)}"`;
    return f.type === 'string' ? `coalesce(${c}, '-') AS ${c}` : c;
  }).join(', ');
  const opts = [`delim=' '`, `quote=''`, `escape=''`, `header=false`, `auto_detect=false`, `nullstr='-'`, `columns={${columns}}`];
  return `SELECT ${select} FROM read_csv(${sqlString(stagingPath)}, ${opts.join(', ')})`;
}

/** DuckDB alone: the record lines of each object staged beforehand, then only the COPY to gzip Parquet timed. */
export async function benchReadCsv(records: EmittedRecord[], dir: string): Promise<ReadCsvBench> {
  mkdirSync(dir, { recursive: true });
  const objects = new Map<string, { fl: FlowLog; lines: string[] }>();
  for (const r of records) {
    const k = `${r.flowLog.id} ${deliverySlot(r.end)}`;
    let o = objects.get(k);
    if (!o) objects.set(k, (o = { fl: r.flowLog, lines: [] }));
    o.lines.push(r.line);
  }
  const staged = [...objects.values()].map((o, i) => {
    const path = join(dir, `object-${i}.txt`);
    writeFileSync(path, `${o.lines.join('\n')}\n`);
    return { path, fields: parseLogFormat(o.fl.logFormat), out: join(dir, `object-${i}.parquet`) };
  });
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const con = await instance.connect();
  try {
    const t0 = performance.now();
    for (const s of staged) await con.run(`COPY (${selectLinesSql(s.path, s.fields)}) TO '${s.out.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION gzip)`);
    const ms = performance.now() - t0;
    return { ms, recordsPerSec: records.length / (ms / 1000) };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
