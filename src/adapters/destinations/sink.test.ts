import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import type { DeliveryManifest } from './manifest.ts';
import { DeliverySink } from './sink.ts';
import { ACCOUNT, REGION, flowLog, listFiles, removeDir, tempDir, v2 } from './test-fixtures.ts';

const dirs: string[] = [];
beforeEach(() => { dirs.length = 0; });
afterEach(() => { for (const d of dirs) removeDir(d); });

const logs = [
  flowLog({ id: 'fl-0text', destinationType: 's3', logDestination: 'arn:aws:s3:::bucket-a/p', perHourPartition: true }),
  flowLog({ id: 'fl-0parq', destinationType: 's3', logDestination: 'arn:aws:s3:::bucket-b', fileFormat: 'parquet', hiveCompatiblePartitions: true }),
  flowLog({ id: 'fl-0cwl', destinationType: 'cloud-watch-logs', logDestination: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/vpc/a`, logGroupName: '/vpc/a' }),
  flowLog({ id: 'fl-0fh', destinationType: 'kinesis-data-firehose', logDestination: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/fh` }),
];

/** Windows of 60 s closing in order, like the aggregator emits them, over 20 minutes. */
function emissions(): Array<{ windowEnd: number; records: EmittedRecord[] }> {
  const out: Array<{ windowEnd: number; records: EmittedRecord[] }> = [];
  const t0 = 1700000000 - (1700000000 % 60);
  for (let w = 0; w < 20; w++) {
    const ws = t0 + w * 60;
    const records: EmittedRecord[] = [];
    for (let i = 0; i < 50; i++) {
      const fl = logs[i % logs.length]!;
      records.push(v2(fl, `eni-0${i % 5}`, ws + (i * 7) % 60, ws + 59, { sport: 1024 + w * 50 + i }));
    }
    out.push({ windowEnd: ws + 60, records });
  }
  return out;
}

async function run(): Promise<{ dir: string; manifest: DeliveryManifest }> {
  const dir = tempDir();
  dirs.push(dir);
  const sink = new DeliverySink({ dir: join(dir, 'out'), account: ACCOUNT, region: REGION });
  for (const { windowEnd, records } of emissions()) {
    for (const r of records) sink.accept(r);
    await sink.closeThrough(windowEnd);
  }
  return { dir: join(dir, 'out'), manifest: await sink.finish() };
}

test('a mixed run writes every destination, lists it in the manifest, and leaves no temporary file', async () => {
  const { dir, manifest } = await run();
  const files = listFiles(dir);
  assert.ok(files.every((f) => !f.split('/').at(-1)!.startsWith('.')), files.join('\n'));
  assert.deepEqual(manifest.destinations.flatMap((d) => d.files.map((f) => f.path)).sort(), files);
  // 50 records per window dealt round-robin over 4 flow logs: 13, 13, 12, 12.
  assert.deepEqual(manifest.recordsByType, { s3: 520, 'cloud-watch-logs': 240, 'kinesis-data-firehose': 240 });
  assert.deepEqual(manifest.destinations.map((d) => [d.type, d.name, d.records]), [
    ['cloud-watch-logs', '/vpc/a', 240], ['kinesis-data-firehose', 'fh', 240], ['s3', 'bucket-a', 260], ['s3', 'bucket-b', 260],
  ]);
  // Ends from 22:13:59 to 22:32:59 UTC fall in the 22:10 to 22:30 slots: five objects per S3 flow log.
  assert.equal(manifest.destinations.find((d) => d.name === 'bucket-a')!.files.length, 5);
  for (const d of manifest.destinations) {
    for (const f of d.files) assert.equal(readFileSync(join(dir, f.path)).length, f.bytes, f.path);
  }
});

test('the same emissions give byte-identical output folders', async () => {
  const a = await run();
  const b = await run();
  const files = listFiles(a.dir);
  assert.deepEqual(listFiles(b.dir), files);
  assert.ok(files.length > 10);
  for (const f of files) assert.ok(readFileSync(join(a.dir, f)).equals(readFileSync(join(b.dir, f))), f);
  assert.deepEqual(a.manifest, b.manifest);
});

test('finishFlowLog writes that flow log\'s S3 objects before finish, and finish lists them once, as if it had written them', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const out = join(dir, 'out');
  const sink = new DeliverySink({ dir: out, account: ACCOUNT, region: REGION });
  // No closeThrough: every object is still open when the flow logs end.
  for (const { records } of emissions()) for (const r of records) sink.accept(r);
  sink.finishFlowLog(logs[0]!);
  sink.finishFlowLog(logs[2]!); // not S3: nothing to do before finish
  const textObjects = () => listFiles(out).filter((f) => f.startsWith('s3/bucket-a/') && !f.split('/').at(-1)!.startsWith('.'));
  for (let i = 0; i < 200 && textObjects().length < 5; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(textObjects().length, 5, 'written without finish');
  assert.ok(!listFiles(out).some((f) => f.startsWith('s3/bucket-b/') || f.startsWith('cloudwatch/')), 'the other flow logs wait for finish');
  const manifest = await sink.finish();
  const reference = await run();
  assert.deepEqual(manifest, reference.manifest);
  for (const f of listFiles(reference.dir)) assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(reference.dir, f))), f);
});
