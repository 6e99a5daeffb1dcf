/**
 * The store's manifest: the Parquet parts that hold its records, where each
 * came from, and the fingerprint (path, size, mtime) of the `vpcflow run`
 * outputs the run parts were built from, so a changed folder is reloaded.
 * Written atomically (temp file + rename): readers never see half a manifest.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Skipped, Warning } from '../../core/ingest/report.ts';

export const MANIFEST_VERSION = 1;

export interface PartEntry {
  /** Relative to `.vpcflow/`, e.g. `parts/m1x2-0.parquet`. */
  file: string;
  origin: 'run' | 'ingest';
  /** The files its records came from (absolute paths for ingest, paths under the folder for run outputs). */
  sources: string[];
  records: number;
  /** The record fields the part has columns for. */
  fields: string[];
  /** Whether it holds log events, some of which may not be records (`parse_error` set). */
  events: boolean;
}

export interface FileStamp { path: string; size: number; mtimeMs: number }

export interface Manifest {
  version: number;
  parts: PartEntry[];
  /** The run outputs last loaded, and what their load reported. */
  run?: { files: FileStamp[]; skipped: Skipped[]; warnings: Warning[] };
}

/** Whether two fingerprints of run outputs are the same. */
export const sameStamps = (a: readonly FileStamp[], b: readonly FileStamp[]): boolean =>
  a.length === b.length && a.every((x, i) => x.path === b[i]!.path && x.size === b[i]!.size && x.mtimeMs === b[i]!.mtimeMs);

export const emptyManifest = (): Manifest => ({ version: MANIFEST_VERSION, parts: [] });

export function readManifest(path: string): Manifest {
  if (!existsSync(path)) return emptyManifest();
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (e) {
    throw new Error(`the store manifest ${path} is unreadable (${(e as Error).message}); remove the .vpcflow folder and load again`);
  }
  if (m.version !== MANIFEST_VERSION || !Array.isArray(m.parts)) {
    throw new Error(`the store manifest ${path} is of another vpcflow version; remove the .vpcflow folder and load again`);
  }
  return m;
}

export function writeManifest(path: string, m: Manifest): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(m, null, 1)}\n`);
  renameSync(tmp, path);
}
