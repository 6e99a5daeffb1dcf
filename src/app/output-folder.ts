/**
 * The output folder policy: a run owns its folder. A folder that holds an
 * earlier vpcflow run (it has summary.json) is emptied of that run's outputs
 * first, so nothing stale survives; a non-empty folder that is not one is
 * refused rather than mixed into.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../cli/user-error.ts';

const OURS = ['s3', 'cloudwatch', 'firehose', 'resources.json', 'summary.json'];

export function claimOutputFolder(dir: string): string {
  const abs = resolve(dir);
  if (!existsSync(abs)) return abs;
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch (e) {
    throw new UserError(`cannot use output folder ${abs}: ${(e as Error).message}`);
  }
  if (names.length === 0) return abs;
  if (!names.includes('summary.json')) {
    throw new UserError(`output folder ${abs} is not empty and holds no earlier vpcflow run (no summary.json); choose another --out`);
  }
  for (const n of OURS) rmSync(join(abs, n), { recursive: true, force: true });
  return abs;
}
