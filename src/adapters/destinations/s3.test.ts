import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import type { FlowLog } from '../../core/model/types.ts';
import { DeliverySink } from './sink.ts';
import { ACCOUNT, LOKI_TEXT, REGION, flowLog, listFiles, nodata, record, removeDir, tempDir, v2 } from './test-fixtures.ts';

let dir = '';
beforeEach(() => { dir = tempDir(); });
afterEach(() => removeDir(dir));

/** 2022-08-31T12:57:30Z: inside the 12:55 slot. */
const T = 1661950650;
const ENI = 'eni-03ef80ddb18bc0997';

async function deliver(records: EmittedRecord[]): Promise<string[]> {
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  for (const r of records) sink.accept(r);
  await sink.finish();
  return listFiles(dir);
}

const s3Log = (over: Partial<FlowLog> = {}): FlowLog =>
  flowLog({ id: 'fl-032a163fae170ae52', destinationType: 's3', logDestination: 'arn:aws:s3:::my-bucket/team/flows/', ...over });

test('object keys follow AWS for each partitioning option and file format', async () => {
  const name = (ext: string): RegExp => new RegExp(`^${ACCOUNT}_vpcflowlogs_${REGION}_fl-032a163fae170ae52_20220831T1255Z_[0-9a-f]{8}\\.${ext.replace('.', '\\.')}$`);
  const cases: Array<[Partial<FlowLog>, string, string]> = [
    [{}, `s3/my-bucket/team/flows/AWSLogs/${ACCOUNT}/vpcflowlogs/${REGION}/2022/08/31/`, 'log.gz'],
    [{ perHourPartition: true }, `s3/my-bucket/team/flows/AWSLogs/${ACCOUNT}/vpcflowlogs/${REGION}/2022/08/31/12/`, 'log.gz'],
    [{ hiveCompatiblePartitions: true }, `s3/my-bucket/team/flows/AWSLogs/aws-account-id=${ACCOUNT}/aws-service=vpcflowlogs/aws-region=${REGION}/year=2022/month=08/day=31/`, 'log.gz'],
    [{ hiveCompatiblePartitions: true, perHourPartition: true }, `s3/my-bucket/team/flows/AWSLogs/aws-account-id=${ACCOUNT}/aws-service=vpcflowlogs/aws-region=${REGION}/year=2022/month=08/day=31/hour=12/`, 'log.gz'],
    [{ fileFormat: 'parquet' }, `s3/my-bucket/team/flows/AWSLogs/${ACCOUNT}/vpcflowlogs/${REGION}/2022/08/31/`, 'log.parquet'],
    [{ fileFormat: 'parquet', hiveCompatiblePartitions: true, perHourPartition: true }, `s3/my-bucket/team/flows/AWSLogs/aws-account-id=${ACCOUNT}/aws-service=vpcflowlogs/aws-region=${REGION}/year=2022/month=08/day=31/hour=12/`, 'log.parquet'],
  ];
  for (const [over, folder, ext] of cases) {
    removeDir(dir);
    dir = tempDir();
    const files = await deliver([v2(s3Log(over), ENI, T - 20, T)]);
    assert.equal(files.length, 1, JSON.stringify(files));
    assert.ok(files[0]!.startsWith(folder), `${files[0]} should start with ${folder}`);
    assert.match(files[0]!.slice(folder.length), name(ext));
  }
});

test('a bucket without a prefix puts AWSLogs at the top', async () => {
  const files = await deliver([v2(s3Log({ logDestination: 'arn:aws:s3:::plain-bucket' }), ENI, T - 20, T)]);
  assert.match(files[0]!, new RegExp(`^s3/plain-bucket/AWSLogs/${ACCOUNT}/vpcflowlogs/`));
});

test('records go to the 5-minute object of their end, one object per flow log', async () => {
  const a = s3Log();
  const b = s3Log({ id: 'fl-0bbbbbbbbbbbbbbbb' });
  const slot = 1661950500; // 12:55:00
  const files = await deliver([
    v2(a, ENI, slot - 30, slot - 1), // 12:50 object
    v2(a, ENI, slot - 30, slot), // 12:55 object, although it started in the previous slot
    v2(a, ENI, slot + 10, slot + 299),
    v2(b, ENI, slot + 10, slot + 20),
  ]);
  assert.equal(files.length, 3);
  assert.equal(files.filter((f) => f.includes('_fl-032a163fae170ae52_20220831T1250Z_')).length, 1);
  assert.equal(files.filter((f) => f.includes('_fl-032a163fae170ae52_20220831T1255Z_')).length, 1);
  assert.equal(files.filter((f) => f.includes('_fl-0bbbbbbbbbbbbbbbb_20220831T1255Z_')).length, 1);
  const f1255 = files.find((f) => f.includes('_fl-032a163fae170ae52_20220831T1255Z_'))!;
  assert.equal(gunzipSync(readFileSync(join(dir, f1255))).toString().split('\n').length, 4); // header, 2 records, final ""
});

test('an object is written once its period is closed, and not before', async () => {
  const fl = s3Log();
  const slot = 1661950500;
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  sink.accept(v2(fl, ENI, slot - 60, slot - 5));
  sink.accept(v2(fl, ENI, slot + 5, slot + 30));
  await sink.closeThrough(slot - 1);
  assert.deepEqual(listFiles(dir), []);
  await sink.closeThrough(slot);
  assert.deepEqual(listFiles(dir).map((f) => /T(\d{4})Z/.exec(f)![1]), ['1250']);
  await sink.closeThrough(slot + 299);
  assert.equal(listFiles(dir).length, 1);
  const m = await sink.finish();
  assert.deepEqual(listFiles(dir).map((f) => /T(\d{4})Z/.exec(f)![1]), ['1250', '1255']);
  assert.deepEqual(m.destinations.map((d) => [d.type, d.name, d.records, d.files.length]), [['s3', 'my-bucket', 2, 2]]);
  assert.deepEqual(m.destinations[0]!.files.map((f) => f.path), listFiles(dir));
});

test('a text object is gzip of the header line and the records, like the Loki sample', async () => {
  const fl = s3Log();
  const recs = [v2(fl, ENI, T - 30, T), nodata(fl, 'eni-0aaaaaaaaaaaaaaaa', T - 60, T), v2(fl, ENI, T - 10, T + 1, { action: 'REJECT' })];
  const [file] = await deliver(recs);
  const gz = readFileSync(join(dir, file!));
  assert.deepEqual([...gz.subarray(0, 4)], [0x1f, 0x8b, 8, 0]); // deflate, no flags (no file name)
  assert.deepEqual([...gz.subarray(4, 8)], [0, 0, 0, 0]); // mtime 0
  assert.equal(gz[9], 3); // OS: Unix, whatever platform wrote it
  const text = gunzipSync(gz).toString('utf8');
  const lokiHeader = gunzipSync(readFileSync(LOKI_TEXT)).toString('utf8').split('\n')[0];
  assert.equal(text, [lokiHeader, ...recs.map((r) => r.line)].join('\n') + '\n');
  assert.equal(text.split('\n')[2], `2 ${ACCOUNT} eni-0aaaaaaaaaaaaaaaa - - - - - - - ${T - 60} ${T} - NODATA`);
});

test('a custom format gets its own field names as the header, in format order', async () => {
  const fl = s3Log({ logFormat: '${version} ${srcaddr} ${bytes} ${packets} ${tcp-flags} ${traffic-path} ${flow-direction}' });
  const [file] = await deliver([record(fl, ENI, [5, '10.0.0.1', 120, 2, 18, null, 'ingress'], T - 5, T)]);
  const lines = gunzipSync(readFileSync(join(dir, file!))).toString('utf8').split('\n');
  assert.deepEqual(lines, ['version srcaddr bytes packets tcp-flags traffic-path flow-direction', '5 10.0.0.1 120 2 18 - ingress', '']);
});

test('the same records give byte-identical objects twice', async () => {
  const build = (fmt: 'plain-text' | 'parquet'): EmittedRecord[] => {
    const fl = s3Log({ fileFormat: fmt, perHourPartition: true });
    return Array.from({ length: 5000 }, (_, i) => v2(fl, `eni-0${(i % 7).toString().padStart(16, '0')}`, T - 600 + (i % 500), T - 590 + (i % 1000), { sport: 1024 + i, packets: 1 + (i % 13) }));
  };
  for (const fmt of ['plain-text', 'parquet'] as const) {
    const runs: Map<string, Buffer>[] = [];
    for (let k = 0; k < 2; k++) {
      removeDir(dir);
      dir = tempDir();
      const files = await deliver(build(fmt));
      assert.ok(files.length >= 2, `${fmt}: ${files.length} files`);
      runs.push(new Map(files.map((f) => [f, readFileSync(join(dir, f))])));
    }
    assert.deepEqual([...runs[0]!.keys()], [...runs[1]!.keys()]);
    for (const [f, bytes] of runs[0]!) assert.ok(bytes.equals(runs[1]!.get(f)!), `${fmt}: ${f} differs`);
  }
});

test('a prefix that climbs out of the bucket folder is refused', async () => {
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  sink.accept(v2(s3Log({ logDestination: 'arn:aws:s3:::my-bucket/../../escape' }), ENI, T - 20, T));
  await assert.rejects(sink.finish(), /outside the output folder|not an S3 bucket ARN/);
  await sink.abort();
  assert.deepEqual(listFiles(dir), []);
});
