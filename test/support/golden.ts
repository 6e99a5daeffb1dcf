/**
 * Golden files: compare output with the committed file, or rewrite the file
 * when UPDATE_GOLDEN=1. A missing golden fails (never silently created).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './shared-data.ts';

export function assertGolden(relPath: string, actual: string): void {
  const file = join(REPO_ROOT, 'test', 'golden', relPath);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `golden file ${file} is missing (run with UPDATE_GOLDEN=1 to create it)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from ${relPath}`);
}
