/**
 * The record formats of a `vpcflow run` folder's headerless deliveries, by
 * file: `cloudwatch/<group, URI-encoded>/<stream>.jsonl` and
 * `firehose/<delivery stream>.log`, looked up in the folder's resources.json
 * (core/ingest/run-destinations.ts). A folder without resources.json has no
 * lookup: its records are read as before, in AWS's default format.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Candidates } from '../../core/ingest/choose-format.ts';
import type { Warning } from '../../core/ingest/report.ts';
import { runDestinations } from '../../core/ingest/run-destinations.ts';

/** The candidate formats of a file's records, or undefined when resources.json says nothing about it. */
export type FormatsFor = (file: string) => Candidates | undefined;

export const RESOURCES_FILE = 'resources.json';

export function readRunFormats(dir: string): { formatsFor?: FormatsFor; warnings: Warning[] } {
  const path = join(dir, RESOURCES_FILE);
  if (!existsSync(path)) return { warnings: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return { warnings: [{ file: path, line: null, reason: `cannot be read (${(e as Error).message}): CloudWatch and Firehose records are read in the default format` }] };
  }
  const d = runDestinations(parsed);
  const warnings = d.problems.map((reason) => ({ file: path, line: null, reason }));
  const formatsFor: FormatsFor = (file) => {
    const parts = relative(dir, file).split(/[\\/]/);
    if (parts.length === 3 && parts[0] === 'cloudwatch' && parts[2]!.endsWith('.jsonl')) {
      let group = parts[1]!;
      try { group = decodeURIComponent(group); } catch { /* not URI-encoded: the name as it is */ }
      return d.cloudWatch(group, parts[2]!.slice(0, -'.jsonl'.length));
    }
    if (parts.length === 2 && parts[0] === 'firehose' && parts[1]!.endsWith('.log')) return d.firehose(parts[1]!.slice(0, -'.log'.length));
    return undefined;
  };
  return { formatsFor, warnings };
}

/** The run folder a delivery file (an absolute path) sits in by its place (`X/cloudwatch/G/S.jsonl`, `X/firehose/N.log`), if any. */
function runFolderOf(abs: string): string | undefined {
  const up = (p: string, n: number): string => (n === 0 ? p : up(dirname(p), n - 1));
  if (abs.endsWith('.jsonl') && basename(up(abs, 2)) === 'cloudwatch') return up(abs, 3);
  if (abs.endsWith('.log') && basename(up(abs, 1)) === 'firehose') return up(abs, 2);
  return undefined;
}

/**
 * For `vpcflow ingest` of files that still sit in a run folder (the folder
 * itself, or its cloudwatch/ or firehose/ folder): each file's formats from
 * its own folder's resources.json, read once per folder. What reading one
 * reported goes to `warnings`.
 */
export function formatsBesideRuns(warnings: Warning[]): FormatsFor {
  const byFolder = new Map<string, FormatsFor | undefined>();
  return (file) => {
    const abs = resolve(file);
    const dir = runFolderOf(abs);
    if (dir === undefined) return undefined;
    if (!byFolder.has(dir)) {
      const r = readRunFormats(dir);
      warnings.push(...r.warnings);
      byFolder.set(dir, r.formatsFor);
    }
    return byFolder.get(dir)?.(abs);
  };
}
