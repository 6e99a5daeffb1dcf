/**
 * Reference files from the workplace's shared/ folder, which sits beside the
 * repository (on a developer's machine and in CI alike). A missing file fails
 * the test that needs it: these checks are never skipped.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED = resolve(REPO_ROOT, '..', 'shared');

export function sharedFile(...parts: string[]): string {
  const p = join(SHARED, ...parts);
  if (!existsSync(p)) throw new Error(`reference file ${p} is missing: shared/ must sit beside the repository`);
  return p;
}
