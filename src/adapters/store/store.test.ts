/**
 * The store over a `vpcflow run` folder: built on first open, kept until the
 * outputs change, typed as Athena's table, NULL where a format lacks a field.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../../../test/support/shared-data.ts';
import { STORE_FIELDS, athenaType, columnName } from '../../core/ingest/columns.ts';
import { cli, removeDir, tempDir } from '../ingest/testing.ts';
import { openStore } from './store.ts';
import { runScenarioInto } from './testing.ts';

const SCENARIO = join(REPO_ROOT, 'test', 'fixtures', 'ingest', 's3-layouts.scenario.yaml');
let dir = '';
let run = '';
let summary: { records: { total: number }; destinations: { type: string; records: number }[] };

before(async () => {
  dir = tempDir();
  ({ run, summary } = await runScenarioInto<typeof summary>(dir, SCENARIO));
});
after(() => removeDir(dir));

test('a run folder becomes the store on first open: every record delivered to S3, CloudWatch Logs or Firehose is in flow_logs', async () => {
  const store = await openStore(run);
  try {
    assert.ok(store.refreshed, 'the first open loads the run outputs');
    assert.deepEqual(store.refreshed.skipped, []);
    // Hive-compatible keys (aws-account-id=…/year=…) are not taken for columns of the Parquet objects.
    assert.deepEqual(store.refreshed.warnings, []);
    const [{ n }] = await store.query('SELECT count(*) AS n FROM flow_logs') as [{ n: number }];
    assert.equal(n, summary.records.total);
    const cw = summary.destinations.find((d) => d.type === 'cloud-watch-logs')!;
    assert.deepEqual(await store.query('SELECT log_group, count(*) AS n FROM log_events GROUP BY 1'), [{ log_group: '/vpc/s3-layouts', n: cw.records }]);
    const fh = summary.destinations.find((d) => d.type === 'kinesis-data-firehose')!;
    const bySource = await store.query(`SELECT split_part(source_file, '/', 1) AS destination, count(*) AS n FROM flow_logs GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(bySource, [{ destination: 'cloudwatch', n: cw.records }, { destination: 'firehose', n: fh.records }, { destination: 's3', n: summary.records.total - cw.records - fh.records }]);
  } finally {
    await store.close();
  }
});

test('flow_logs has every field of versions 2 to 8 with Athena\'s types, then where records came from', async () => {
  const store = await openStore(run);
  try {
    const cols = await store.query('SELECT column_name, column_type FROM (DESCRIBE flow_logs)');
    const duck = { int: 'INTEGER', bigint: 'BIGINT', string: 'VARCHAR' };
    assert.deepEqual(cols.slice(0, STORE_FIELDS.length), STORE_FIELDS.map((f) => ({ column_name: columnName(f), column_type: duck[athenaType(f)] })));
    assert.deepEqual(cols.slice(STORE_FIELDS.length).map((c) => c.column_name), ['log_group', 'log_stream', 'flow_log_id', 'source_file', 'source_line', 'date', 'day']);
    for (const name of ['version', 'srcport', 'dstport', 'tcp_flags', 'traffic_path']) assert.equal(cols.find((c) => c.column_name === name)!.column_type, 'INTEGER');
    for (const name of ['protocol', 'packets', 'bytes', 'start', 'end']) assert.equal(cols.find((c) => c.column_name === name)!.column_type, 'BIGINT');
    assert.equal(STORE_FIELDS.length, 40 + 18, 'the VPC fields of versions 2–5, 7 and 8, and the 18 transit gateway fields of version 6');
  } finally {
    await store.close();
  }
});

test('a field the record\'s format lacks is NULL; numbers come back as numbers, bigint sums too', async () => {
  const store = await openStore(run);
  try {
    const rows = await store.query(`SELECT flow_log_id, count(tcp_flags) AS flags, count(vpc_id) AS vpcs, count(*) AS n, sum(bytes) AS bytes, typeof(sum(bytes)) AS t FROM flow_logs WHERE source_file LIKE 's3/flow-lake/text-%' GROUP BY ALL ORDER BY n DESC, flags DESC`);
    const hive = rows.find((r) => r.flags !== 0)!;
    assert.equal(hive.flags, hive.n, 'the v5 flow log fills tcp_flags on every record');
    assert.equal(hive.vpcs, hive.n);
    for (const r of rows.filter((x) => x !== hive)) assert.deepEqual([r.flags, r.vpcs], [0, 0]);
    assert.equal(typeof rows[0]!.bytes, 'number');
    assert.equal(rows[0]!.t, 'HUGEINT');
  } finally {
    await store.close();
  }
});

test('the store is kept while the run outputs stay as they are, and reloaded when they change', async () => {
  const s1 = await openStore(run);
  assert.equal(s1.refreshed, undefined);
  await s1.close();
  const cwFolder = join(run, 'cloudwatch');
  const [group] = readdirSync(cwFolder);
  const [stream] = readdirSync(join(cwFolder, group!));
  appendFileSync(join(cwFolder, group!, stream!), `${JSON.stringify({ timestamp: 1767312000000, ingestionTime: 1767312300000, message: '2 123456789012 eni-0f1e2d3c4b5a69788 203.0.113.9 10.0.0.10 4444 23 6 1 40 1767312000 1767312000 REJECT OK' })}\n`);
  const s2 = await openStore(run);
  try {
    assert.ok(s2.refreshed);
    const [{ n }] = await s2.query('SELECT count(*) AS n FROM log_events') as [{ n: number }];
    assert.equal(n, summary.destinations.find((d) => d.type === 'cloud-watch-logs')!.records + 1);
  } finally {
    await s2.close();
  }
  rmSync(join(run, 's3'), { recursive: true });
  const s3 = await openStore(run);
  try {
    assert.deepEqual(await s3.query(`SELECT count(*) AS n FROM flow_logs WHERE source_file LIKE 's3/%'`), [{ n: 0 }]);
  } finally {
    await s3.close();
  }
});

test('two processes opening a fresh run folder at once both see the whole store', async () => {
  const again = join(dir, 'again');
  assert.equal((await cli('run', SCENARIO, '--out', again, '--no-progress')).code, 0);
  const [a, b] = await Promise.all([openStore(again), openStore(again)]);
  try {
    const [ra, rb] = await Promise.all([a.query('SELECT count(*) AS n FROM flow_logs'), b.query('SELECT count(*) AS n FROM flow_logs')]);
    assert.deepEqual(ra, [{ n: summary.records.total }]);
    assert.deepEqual(rb, ra);
  } finally {
    await a.close();
    await b.close();
  }
});
