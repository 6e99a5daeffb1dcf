/** Test helpers for the store: the `vpcflow run` whose output folder a store test opens. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli } from '../ingest/testing.ts';

/**
 * Runs `scenario` into `<dir>/run` and returns that folder with the summary
 * `--json` printed. The run must succeed: every store test reads its outputs.
 * `dir` is the caller's, so that its own clean-up removes it even when this fails.
 */
export async function runScenarioInto<S>(dir: string, scenario: string): Promise<{ run: string; summary: S }> {
  const run = join(dir, 'run');
  const r = await cli('run', scenario, '--out', run, '--json', '--no-progress');
  assert.equal(r.code, 0, r.err);
  return { run, summary: JSON.parse(r.out) as S };
}
