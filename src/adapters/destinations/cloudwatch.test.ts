import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { FlowLog } from '../../core/model/types.ts';
import { LateRecordError } from './errors.ts';
import { DeliverySink } from './sink.ts';
import { ACCOUNT, REGION, flowLog, listFiles, removeDir, tempDir, v2 } from './test-fixtures.ts';

let dir = '';
beforeEach(() => { dir = tempDir(); });
afterEach(() => removeDir(dir));

interface Event { timestamp: number; ingestionTime: number; message: string }
const events = (file: string): Event[] =>
  readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Event);

const cwl = (over: Partial<FlowLog> = {}): FlowLog =>
  flowLog({ id: 'fl-0aaaaaaaaaaaaaaaa', destinationType: 'cloud-watch-logs', logDestination: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/vpc/flow-logs`, logGroupName: '/vpc/flow-logs', ...over });

test('one stream per interface in a URI-encoded group folder, events as JSON lines', async () => {
  const fl = cwl();
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION, cloudWatchIngestionDelayMs: 5000 });
  const a = v2(fl, 'eni-0aaa', 1000, 1050);
  const b = v2(fl, 'eni-0bbb', 1010, 1040);
  sink.accept(a);
  sink.accept(b);
  const m = await sink.finish();
  assert.deepEqual(listFiles(dir), ['cloudwatch/%2Fvpc%2Fflow-logs/eni-0aaa-all.jsonl', 'cloudwatch/%2Fvpc%2Fflow-logs/eni-0bbb-all.jsonl']);
  const raw = readFileSync(join(dir, 'cloudwatch/%2Fvpc%2Fflow-logs/eni-0aaa-all.jsonl'), 'utf8');
  assert.equal(raw, `{"timestamp":1000000,"ingestionTime":1055000,"message":${JSON.stringify(a.line)}}\n`);
  assert.deepEqual(events('cloudwatch/%2Fvpc%2Fflow-logs/eni-0bbb-all.jsonl'), [{ timestamp: 1010000, ingestionTime: 1045000, message: b.line }]);
  assert.deepEqual(m.destinations, [{
    type: 'cloud-watch-logs', name: '/vpc/flow-logs', records: 2, files: [
      { path: 'cloudwatch/%2Fvpc%2Fflow-logs/eni-0aaa-all.jsonl', records: 1, bytes: Buffer.byteLength(raw) },
      { path: 'cloudwatch/%2Fvpc%2Fflow-logs/eni-0bbb-all.jsonl', records: 1, bytes: readFileSync(join(dir, 'cloudwatch/%2Fvpc%2Fflow-logs/eni-0bbb-all.jsonl')).length },
    ],
  }]);
  assert.equal(m.recordsByType['cloud-watch-logs'], 2);
});

test('the group name comes from the log-group ARN when LogGroupName is absent', async () => {
  const fl = cwl({ logGroupName: undefined, logDestination: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:app#flows:*` });
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  sink.accept(v2(fl, 'eni-1', 100, 110));
  await sink.finish();
  assert.deepEqual(listFiles(dir), ['cloudwatch/app%23flows/eni-1-all.jsonl']);
});

test('events are in timestamp order per stream, equal timestamps in arrival order, across closeThrough calls', async () => {
  // A 10-minute flow log and a 1-minute flow log into one group: the long window closes
  // after short windows that started later, so arrival order is not timestamp order.
  const long = cwl({ id: 'fl-0long', maxAggregationInterval: 600 });
  const short = cwl({ id: 'fl-0short' });
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  const arrivals = [
    v2(short, 'eni-1', 1060, 1100, { sport: 1 }),
    v2(short, 'eni-1', 1000, 1050, { sport: 2 }),
    v2(short, 'eni-1', 1060, 1070, { sport: 3 }),
  ];
  for (const r of arrivals) sink.accept(r);
  await sink.closeThrough(1000); // nothing before 1000 yet: nothing released
  const late = [v2(long, 'eni-1', 1000, 1500, { sport: 4 }), v2(long, 'eni-1', 1200, 1590, { sport: 5 })];
  for (const r of late) sink.accept(r);
  await sink.closeThrough(1100);
  sink.accept(v2(short, 'eni-1', 1100, 1150, { sport: 6 }));
  await sink.finish();
  const got = events('cloudwatch/%2Fvpc%2Fflow-logs/eni-1-all.jsonl');
  assert.deepEqual(got.map((e) => e.timestamp), [1000000, 1000000, 1060000, 1060000, 1100000, 1200000]);
  assert.deepEqual(got.map((e) => Number(e.message.split(' ')[5])), [2, 4, 1, 3, 6, 5]);
  for (let i = 1; i < got.length; i++) assert.ok(got[i - 1]!.timestamp <= got[i]!.timestamp);
});

test('two flow logs into one group share the interface\'s stream', async () => {
  const accept = cwl({ id: 'fl-0accept', trafficType: 'ACCEPT' });
  const reject = cwl({ id: 'fl-0reject', trafficType: 'REJECT' });
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  sink.accept(v2(accept, 'eni-1', 100, 150));
  sink.accept(v2(reject, 'eni-1', 90, 140, { action: 'REJECT' }));
  sink.accept(v2(reject, 'eni-2', 95, 140, { action: 'REJECT' }));
  const m = await sink.finish();
  assert.deepEqual(listFiles(dir), ['cloudwatch/%2Fvpc%2Fflow-logs/eni-1-all.jsonl', 'cloudwatch/%2Fvpc%2Fflow-logs/eni-2-all.jsonl']);
  assert.deepEqual(events('cloudwatch/%2Fvpc%2Fflow-logs/eni-1-all.jsonl').map((e) => e.message.split(' ').at(-2)), ['REJECT', 'ACCEPT']);
  assert.equal(m.destinations[0]!.records, 3);
});

test('nothing appears under a final name before the end, and no temporary file after it', async () => {
  const fl = cwl();
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  for (let i = 0; i < 2000; i++) sink.accept(v2(fl, `eni-${i % 3}`, 100 + i, 200 + i));
  await sink.closeThrough(5000);
  assert.deepEqual(listFiles(dir).filter((f) => !/\/\.[^/]*\.tmp$/.test(f)), []);
  await sink.finish();
  assert.deepEqual(listFiles(dir), [0, 1, 2].map((i) => `cloudwatch/%2Fvpc%2Fflow-logs/eni-${i}-all.jsonl`));
});

test('a record starting before the watermark is refused', async () => {
  const fl = cwl();
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  await sink.closeThrough(1000);
  assert.throws(() => sink.accept(v2(fl, 'eni-1', 999, 1010)), LateRecordError);
  sink.accept(v2(fl, 'eni-1', 1000, 1010));
  await sink.abort();
  assert.deepEqual(listFiles(dir), []);
});

test('a message holding characters JSON escapes is written as JSON.stringify writes it', async () => {
  const fl = cwl();
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION, cloudWatchIngestionDelayMs: 5000 });
  // Record fields never hold these; the writer checks each line for them all the same (a long one makes its buffer grow).
  const odd = ['a "quoted" \\ back\tslash\n', 'é ü 日本', 'lone \ud800 surrogate', 'x'.repeat(5000) + '"'];
  const recs = odd.map((line, i) => ({ ...v2(fl, 'eni-0aaa', 1000 + i, 1050), line }));
  for (const r of recs) sink.accept(r);
  await sink.finish();
  const raw = readFileSync(join(dir, 'cloudwatch/%2Fvpc%2Fflow-logs/eni-0aaa-all.jsonl'), 'utf8');
  assert.equal(raw, recs.map((r) => `{"timestamp":${r.start * 1000},"ingestionTime":1055000,"message":${JSON.stringify(r.line)}}\n`).join(''));
});
