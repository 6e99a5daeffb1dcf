import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { DeliverySink } from './sink.ts';
import { ACCOUNT, REGION, flowLog, listFiles, removeDir, tempDir, v2 } from './test-fixtures.ts';

let dir = '';
beforeEach(() => { dir = tempDir(); });
afterEach(() => removeDir(dir));

test('one record per line, in emission order, no header, one file per delivery stream', async () => {
  const a = flowLog({ id: 'fl-0a', destinationType: 'kinesis-data-firehose', logDestination: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/flows-a` });
  const b = flowLog({ id: 'fl-0b', destinationType: 'kinesis-data-firehose', logDestination: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/flows-b` });
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  const recs = [v2(a, 'eni-1', 300, 310), v2(b, 'eni-2', 100, 110), v2(a, 'eni-1', 100, 120), v2(a, 'eni-3', 200, 250)];
  for (const r of recs) sink.accept(r);
  const m = await sink.finish();
  assert.deepEqual(listFiles(dir), ['firehose/flows-a.log', 'firehose/flows-b.log']);
  assert.equal(readFileSync(join(dir, 'firehose/flows-a.log'), 'utf8'), [recs[0], recs[2], recs[3]].map((r) => r!.line + '\n').join(''));
  assert.equal(readFileSync(join(dir, 'firehose/flows-b.log'), 'utf8'), recs[1]!.line + '\n');
  assert.deepEqual(m.destinations.map((d) => [d.type, d.name, d.records]), [['kinesis-data-firehose', 'flows-a', 3], ['kinesis-data-firehose', 'flows-b', 1]]);
  assert.equal(m.recordsByType['kinesis-data-firehose'], 4);
});

test('large runs are appended while running and still appear only at the end', async () => {
  const fl = flowLog({ id: 'fl-0a', destinationType: 'kinesis-data-firehose', logDestination: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/big` });
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  const n = 120_000; // ~12 MB, past the flush budget
  for (let i = 0; i < n; i++) sink.accept(v2(fl, 'eni-1', 1000, 1010, { sport: i % 65536 }));
  const during = listFiles(dir);
  assert.equal(during.length, 1);
  assert.match(during[0]!, /^firehose\/\.big\.log\.\d+\.\d+\.tmp$/);
  await sink.finish();
  assert.deepEqual(listFiles(dir), ['firehose/big.log']);
  const lines = readFileSync(join(dir, 'firehose/big.log'), 'utf8').split('\n');
  assert.equal(lines.length, n + 1);
  assert.equal(lines[n], '');
  assert.equal(lines[70_000]!.split(' ')[5], String(70_000 % 65536));
});
