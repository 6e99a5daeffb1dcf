/** What the S3 API claims, checked: every implemented action is called through the SDK here, and its error asserted. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { S3_ACTIONS } from '../../../src/services/s3/index.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';

test('every S3 action has an SDK happy-path call and an error assertion in test/api/s3', () => {
  const dir = join(REPO_ROOT, 'test', 'api', 's3');
  const text = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const missing: string[] = [];
  for (const action of Object.keys(S3_ACTIONS)) {
    if (!new RegExp(`(?<!expectAwsError\\(\\s*[\\w.]*)\\b\\w+\\.send\\(new ${action}Command\\b`).test(text)) missing.push(`${action}: happy path`);
    if (!new RegExp(`expectAwsError\\(\\s*\\w+\\.(?:s3\\.)?send\\(new ${action}Command\\b`).test(text)) missing.push(`${action}: error`);
  }
  assert.deepEqual(missing, []);
});
