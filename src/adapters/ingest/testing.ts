/** Test helpers for ingest and the store: temp folders, the CLI with captured output. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { main } from '../../cli/main.ts';
import type { IngestReport } from '../../core/ingest/report.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vpcflow-ingest-test-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes a file (gzip'd when the name ends in .gz) and returns its path. */
export function put(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, name.endsWith('.gz') ? gzipSync(content) : content);
  return p;
}

export interface CliResult { code: number; out: string; err: string }

export async function cli(...args: string[]): Promise<CliResult> {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

/** `vpcflow ingest … --json`, parsed. */
export async function ingest(out: string, paths: string[], ...extra: string[]): Promise<CliResult & { report: IngestReport }> {
  const r = await cli('ingest', ...paths, '--out', out, '--json', ...extra);
  return { ...r, report: r.out ? JSON.parse(r.out) as IngestReport : { records: 0, skipped: [], warnings: [], files: [] } };
}

/** `vpcflow query DIR SQL --json`, parsed. */
export async function queryJson(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const r = await cli('query', dir, sql, '--json');
  if (r.code !== 0) throw new Error(`query failed (${r.code}): ${r.err}`);
  return JSON.parse(r.out) as Record<string, unknown>[];
}
