import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LogStore } from './index.ts';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'vpcflow-logstore-'));
  dirs.push(d);
  return d;
};
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

test('deliver creates the group and the stream, as flow log delivery does in AWS', async () => {
  const root = temp();
  const store = new LogStore({ root, now: () => 5000 });
  await store.deliver('/vpc/flow', 'eni-1-all', [{ timestamp: 1000, message: 'a', ingestionTime: 4000 }, { timestamp: 2000, message: 'b' }]);
  const g = store.group('/vpc/flow')!;
  assert.equal(g.creationTime, 5000);
  assert.deepEqual(g.streams.get('eni-1-all')!.events.map((e) => [e.timestamp, e.ingestionTime, e.message]), [[1000, 4000, 'a'], [2000, 5000, 'b']]);
  const file = readFileSync(join(root, 'cloudwatch', '%2Fvpc%2Fflow', 'eni-1-all.jsonl'), 'utf8');
  assert.equal(file, '{"timestamp":1000,"ingestionTime":4000,"message":"a"}\n{"timestamp":2000,"ingestionTime":5000,"message":"b"}\n');
  await store.close();
});

test('batches that arrive out of order are read in timestamp order, equal timestamps by arrival', async () => {
  const store = new LogStore();
  await store.deliver('g', 's', [{ timestamp: 30, message: 'c' }, { timestamp: 40, message: 'd' }]);
  await store.deliver('g', 's', [{ timestamp: 10, message: 'a' }, { timestamp: 30, message: 'c2' }]);
  assert.deepEqual(store.group('g')!.streams.get('s')!.events.map((e) => e.message), ['a', 'c', 'c2', 'd']);
});

test('concurrent appends to one stream are all on disk when they resolve (group commit)', async () => {
  const root = temp();
  const store = new LogStore({ root });
  const { group } = store.createGroup('g');
  const { stream } = store.createStream(group, 's');
  await Promise.all(Array.from({ length: 200 }, (_, i) => store.appendEvents(group, stream, [{ timestamp: i, message: `m${i}` }])));
  const lines = readFileSync(join(root, 'cloudwatch', 'g', 's.jsonl'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 200);
  const reloaded = new LogStore({ root });
  assert.equal(reloaded.group('g')!.streams.get('s')!.events.length, 200);
  await store.close();
});

test('a vpcflow run output folder (no .group.json) loads; odd names round-trip; a torn line is reported', () => {
  const root = temp();
  const gdir = join(root, 'cloudwatch', '%2Fvpc%2Fflow-logs');
  mkdirSync(gdir, { recursive: true });
  writeFileSync(join(gdir, 'eni-0aaa-all.jsonl'), '{"timestamp":1000,"ingestionTime":1045,"message":"x"}\n{"timestamp":2000,"ingest');
  const store = new LogStore({ root });
  assert.deepEqual(store.loaded, { groups: 1, events: 1, skippedLines: 0, tornLines: 1 });
  const s = store.group('/vpc/flow-logs')!.streams.get('eni-0aaa-all')!;
  assert.equal(s.creationTime, 1045);
  const odd = new LogStore({ root: temp() });
  const { group } = odd.createGroup('.hidden');
  odd.createStream(group, '2026/01/01/[$LATEST]abc');
  const again = new LogStore({ root: odd.root });
  assert.deepEqual([...again.group('.hidden')!.streams.keys()], ['2026/01/01/[$LATEST]abc']);
});
