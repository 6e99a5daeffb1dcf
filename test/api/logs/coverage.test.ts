/**
 * What the Logs API claims, checked: every action in the handler table is
 * called through the SDK by some test here, and some test asserts one of its
 * errors (`expectAwsError(… new <Action>Command …)`).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LOGS_ACTIONS } from '../../../src/services/logs/index.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';

test('every Logs action has an SDK happy-path call and an error assertion in test/api/logs', () => {
  const dir = join(REPO_ROOT, 'test', 'api', 'logs');
  const text = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const missing: string[] = [];
  for (const action of Object.keys(LOGS_ACTIONS)) {
    if (!new RegExp(`new ${action}Command\\(`).test(text)) missing.push(`${action}: no call`);
    if (!new RegExp(`expectAwsError\\([^;]*new ${action}Command\\(`).test(text)) missing.push(`${action}: no error test`);
  }
  assert.deepEqual(missing, []);
});
