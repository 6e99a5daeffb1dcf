/**
 * The files behind the paths given to ingest. Folders are walked (hidden
 * entries and vpcflow's own `.vpcflow` skipped); a `vpcflow run` output folder
 * contributes only its deliveries (s3/, cloudwatch/, firehose/), not its
 * summary and resource listings.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Skipped } from '../../core/ingest/report.ts';
import { RUN_OUTPUT_FOLDERS } from '../store/layout.ts';

export interface Inputs { files: string[]; missing: Skipped[] }

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push(p);
  }
}

/** Whether a folder is the output of `vpcflow run` (it has summary.json beside its deliveries). */
export const isRunFolder = (dir: string): boolean => existsSync(join(dir, 'summary.json'));

const isDir = (p: string): boolean => {
  try { return statSync(p).isDirectory(); } catch { return false; }
};

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** A folder's account folders (12 digits), sorted: none unless it is a `vpcflow serve` data folder. */
const accountFolders = (dir: string): string[] => readdirSync(dir).sort().filter((n) => ACCOUNT.test(n)).map((n) => join(dir, n)).filter(isDir);

const regionFolders = (accounts: readonly string[]): string[] =>
  accounts.flatMap((a) => readdirSync(a).sort().filter((r) => REGION.test(r)).map((r) => join(a, r)).filter(isDir));

/**
 * Whether a folder is a `vpcflow serve` data folder: account folders (12
 * digits), each with `s3/` and a folder per region laid out like a run's
 * output (`cloudwatch/`, `firehose/`, `resources.json`).
 */
export function isServeDataFolder(dir: string): boolean {
  return readdirSync(dir).some((n) => ACCOUNT.test(n) && isDir(join(dir, n)));
}

/** The region folders of a serve data folder (those holding deliveries), each read like a run folder. */
export const serveRegionFolders = (dir: string): string[] => regionFolders(accountFolders(dir));

/** The deliveries of a run folder, or of every account and region of a serve data folder. */
export function runOutputFiles(dir: string): string[] {
  const accounts = accountFolders(dir);
  if (!accounts.length) return deliveriesIn(dir);
  return [...accounts, ...regionFolders(accounts)].flatMap((d) => deliveriesIn(d));
}

function deliveriesIn(dir: string): string[] {
  const out: string[] = [];
  for (const sub of RUN_OUTPUT_FOLDERS) {
    const p = join(dir, sub);
    if (existsSync(p) && statSync(p).isDirectory()) walk(p, out);
  }
  return out;
}

export function expandInputs(paths: readonly string[]): Inputs {
  const files: string[] = [];
  const missing: Skipped[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      missing.push({ file: p, line: null, reason: code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${code ?? (e as Error).message})` });
      continue;
    }
    if (st.isDirectory()) {
      try {
        if (isRunFolder(p)) files.push(...runOutputFiles(p));
        else walk(p, files);
      } catch (e) {
        missing.push({ file: p, line: null, reason: `cannot list the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      }
    } else files.push(p);
  }
  return { files: [...new Set(files)], missing };
}
