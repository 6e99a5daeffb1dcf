/** `vpcflow ingest`: the human summary and the --json shape. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cli, put, removeDir, tempDir } from '../../adapters/ingest/testing.ts';

const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const REC = '2 123456789012 eni-1 10.0.0.1 10.0.0.2 40001 443 6 3 300 1767225600 1767225660 ACCEPT OK';
let dir = '';
before(() => { dir = tempDir(); });
after(() => removeDir(dir));

test('--json prints records, skipped lines, warnings and per-file counts', async () => {
  const file = put(dir, 'a.log', `${HEADER}\n${REC}\n2 bad\n${REC.replace('ACCEPT OK', '- NODATA')}\n`);
  const r = await cli('ingest', file, '--out', join(dir, 'out'), '--json');
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.out), {
    records: 2,
    skipped: [{ file, line: 3, reason: 'expected 14 fields, found 2' }],
    warnings: [{ file, line: null, reason: '1 NODATA or SKIPDATA record with traffic values (AWS writes - there)' }],
    files: [{ file, kind: 's3-text', records: 2 }],
  });
});

test('the human summary says what loaded, what did not and why', async () => {
  const file = put(dir, 'b.log', `${HEADER}\n${REC}\n2 bad\n`);
  const r = await cli('ingest', file, join(dir, 'missing.log'), '--out', join(dir, 'out2'));
  assert.equal(r.code, 0);
  assert.equal(r.out, [
    `loaded 1 record from 1 of 2 files into ${join(dir, 'out2')}`,
    '',
    'not loaded (2):',
    `  ${join(dir, 'missing.log')}: no such file or folder`,
    `  ${file}:3: expected 14 fields, found 2`,
    '',
  ].join('\n'));
});
