/** `vpcflow query`: table, CSV and JSON output, and --athena-ddl on run and ingest folders. */
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../../../test/support/shared-data.ts';
import { cli, ingest, put, removeDir, tempDir } from '../../adapters/ingest/testing.ts';

const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
let dir = '';
let run = '';
let ingested = '';

before(async () => {
  dir = tempDir();
  run = join(dir, 'run');
  assert.equal((await cli('run', join(REPO_ROOT, 'test', 'fixtures', 'ingest', 's3-layouts.scenario.yaml'), '--out', run, '--no-progress')).code, 0);
  ingested = join(dir, 'ingested');
  const file = put(dir, 'flows.log', [HEADER,
    '2 123456789012 eni-1 10.0.0.1 10.0.0.2 40001 443 6 3 9000000000 1767225600 1767225660 ACCEPT OK',
    '2 123456789012 eni-1 10.0.0.2 10.0.0.1 443 40001 6 2 120 1767225600 1767225660 ACCEPT OK',
    '2 123456789012 eni-1 - - - - - - - 1767225600 1767225660 - NODATA'].join('\n'));
  assert.equal((await ingest(ingested, [file])).report.records, 3);
});
after(() => removeDir(dir));

const SQL = `SELECT interface_id, srcport, bytes, action FROM flow_logs ORDER BY srcport NULLS LAST`;

test('--json: an array of row objects, numbers (bigints too) as JSON numbers, NULL as null', async () => {
  const r = await cli('query', ingested, SQL, '--json');
  assert.equal(r.code, 0);
  assert.equal(r.out, '[{"interface_id":"eni-1","srcport":443,"bytes":120,"action":"ACCEPT"},{"interface_id":"eni-1","srcport":40001,"bytes":9000000000,"action":"ACCEPT"},{"interface_id":"eni-1","srcport":null,"bytes":null,"action":null}]\n');
  const sums = JSON.parse((await cli('query', ingested, 'SELECT sum(bytes) AS b, avg(packets) AS a, count(*) AS n FROM flow_logs', '--json')).out) as unknown;
  assert.deepEqual(sums, [{ b: 9000000120, a: 2.5, n: 3 }]);
});

test('the default output is an aligned table, numbers to the right', async () => {
  const r = await cli('query', ingested, SQL);
  assert.equal(r.out, [
    'interface_id | srcport |      bytes | action',
    '-------------+---------+------------+-------',
    'eni-1        |     443 |        120 | ACCEPT',
    'eni-1        |   40001 | 9000000000 | ACCEPT',
    'eni-1        |    NULL |       NULL | NULL',
    '(3 rows)',
    '',
  ].join('\n'));
});

test('--csv: a header line, then the rows; NULL is empty, text with commas or quotes is quoted', async () => {
  const r = await cli('query', ingested, `SELECT srcport, 'a,"b"' AS odd FROM flow_logs ORDER BY srcport NULLS LAST`, '--csv');
  assert.equal(r.out, 'srcport,odd\r\n443,"a,""b"""\r\n40001,"a,""b"""\r\n,"a,""b"""\r\n');
  assert.equal((await cli('query', ingested, 'SELECT 1', '--csv', '--json')).code, 2);
});

test('--athena-ddl on a run folder: one table per S3 location, in the layout its objects use', async () => {
  const r = await cli('query', run, '--athena-ddl');
  assert.equal(r.code, 0, r.err);
  const tables = [...r.out.matchAll(/CREATE EXTERNAL TABLE IF NOT EXISTS `([^`]+)`/g)].map((m) => m[1]);
  assert.deepEqual(tables, ['vpc_flow_logs_parquet_parquet_daily', 'vpc_flow_logs_parquet_parquet_hive', 'vpc_flow_logs_text_daily', 'vpc_flow_logs_text_hive', 'vpc_flow_logs_text_hourly']);
  assert.match(r.out, /LOCATION 's3:\/\/flow-lake\/text-hive\/AWSLogs\/'\nTBLPROPERTIES \("skip.header.line.count"="1"\);\n\nMSCK REPAIR TABLE `vpc_flow_logs_text_hive`;/);
  assert.match(r.out, /PARTITION \(`date`='2026-01-01', `hour`='23'\) LOCATION 's3:\/\/flow-lake\/text-hourly\/AWSLogs\/123456789012\/vpcflowlogs\/us-east-1\/2026\/01\/01\/23'/);
  assert.match(r.out, /PARTITION \(`date`='2026-01-02'\) LOCATION 's3:\/\/flow-lake\/parquet-daily\/AWSLogs\/123456789012\/vpcflowlogs\/us-east-1\/2026\/01\/02'/);
  // The v5 flow log's table lists its 29 columns in header order.
  const hive = r.out.slice(r.out.indexOf('`vpc_flow_logs_text_hive`'));
  assert.match(hive, /log_status string,\n  vpc_id string,[^)]*traffic_path int\n\)/);
});

test('--athena-ddl on an ingest folder describes the Parquet files vpcflow wrote; a CloudWatch-only folder has none', async () => {
  const r = await cli('query', ingested, '--athena-ddl');
  assert.equal(r.code, 0);
  assert.match(r.out, /-- Upload them, e\.g\. aws s3 cp .*\.vpcflow\/parts s3:\/\/DOC-EXAMPLE-BUCKET\/vpcflow\/ --recursive, then:\nCREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs_parquet` \(\n  version int,/);
  const cwOnly = join(dir, 'cw-only');
  cpSync(run, cwOnly, { recursive: true });
  rmSync(join(cwOnly, 's3'), { recursive: true });
  const none = await cli('query', cwOnly, '--athena-ddl');
  assert.equal(none.code, 2);
  assert.match(none.err, /holds no S3 objects for Athena: its flow logs deliver to CloudWatch Logs or Firehose/);
});

test('query refuses to run without SQL, or with SQL and --athena-ddl', async () => {
  assert.match((await cli('query', ingested)).err, /give the SQL to run/);
  assert.match((await cli('query', ingested, 'SELECT 1', '--athena-ddl')).err, /--athena-ddl takes no SQL/);
});
