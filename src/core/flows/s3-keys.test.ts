import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FlowLog } from '../model/types.ts';
import { type S3Layout, deliverySlot, s3FileHash, s3FileName, s3KeyFor, s3KeyPrefix, s3ObjectKey } from './s3-keys.ts';

const at = (iso: string) => Date.parse(iso) / 1000;
const layout = (over: Partial<S3Layout> = {}): S3Layout => ({
  prefix: '', account: '123456789012', region: 'us-east-1', hiveCompatiblePartitions: false, perHourPartition: false, ...over,
});

test("AWS's documented file name: the 5-minute slot holding the record's end", () => {
  for (const end of ['2018-06-20T16:20:00Z', '2018-06-20T16:22:31Z', '2018-06-20T16:24:59Z']) {
    const name = s3FileName('123456789012', 'us-east-1', 'fl-1234abcd', deliverySlot(at(end)), 'plain-text');
    assert.match(name, /^123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_[0-9a-f]{8}\.log\.gz$/, end);
  }
  assert.match(s3FileName('123456789012', 'us-east-1', 'fl-1234abcd', deliverySlot(at('2018-06-20T16:25:00Z')), 'plain-text'), /_20180620T1625Z_/);
  assert.match(s3FileName('123456789012', 'us-east-1', 'fl-1234abcd', deliverySlot(at('2018-06-20T16:24:59Z')), 'parquet'), /_20180620T1620Z_[0-9a-f]{8}\.log\.parquet$/);
});

test('the hash is stable and differs across flow logs and slots', () => {
  const slot = at('2018-06-20T16:20:00Z');
  assert.equal(s3FileHash('fl-1', slot), s3FileHash('fl-1', slot));
  assert.match(s3FileHash('fl-1', slot), /^[0-9a-f]{8}$/);
  assert.notEqual(s3FileHash('fl-1', slot), s3FileHash('fl-2', slot));
  assert.notEqual(s3FileHash('fl-1', slot), s3FileHash('fl-1', slot + 300));
});

test('the four key layouts, zero-padded, in UTC', () => {
  const slot = at('2026-01-02T03:05:00Z');
  assert.equal(s3KeyPrefix(layout(), slot), 'AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/01/02/');
  assert.equal(s3KeyPrefix(layout({ perHourPartition: true }), slot), 'AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/01/02/03/');
  assert.equal(s3KeyPrefix(layout({ hiveCompatiblePartitions: true }), slot),
    'AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=01/day=02/');
  assert.equal(s3KeyPrefix(layout({ hiveCompatiblePartitions: true, perHourPartition: true }), slot),
    'AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=01/day=02/hour=03/');
});

test('an optional folder goes before AWSLogs, with its slashes normalised', () => {
  const slot = at('2026-12-31T23:55:00Z');
  for (const prefix of ['my_subfolder', 'my_subfolder/', '/my_subfolder/']) {
    assert.equal(s3KeyPrefix(layout({ prefix }), slot), 'my_subfolder/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/12/31/');
  }
  assert.equal(s3KeyPrefix(layout({ prefix: 'a/b' }), slot), 'a/b/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/12/31/');
});

test('the object key joins folder and file name for the slot of `end`', () => {
  const key = s3KeyFor(layout({ prefix: 'logs', perHourPartition: true }), 'fl-0abc', 'plain-text', at('2026-01-01T00:04:59Z'));
  assert.match(key, /^logs\/AWSLogs\/123456789012\/vpcflowlogs\/us-east-1\/2026\/01\/01\/00\/123456789012_vpcflowlogs_us-east-1_fl-0abc_20260101T0000Z_[0-9a-f]{8}\.log\.gz$/);
  // A record ending in the last slot of a day lands in that day's folder.
  assert.match(s3KeyFor(layout(), 'fl-0abc', 'plain-text', at('2026-01-01T23:59:59Z')), /\/2026\/01\/01\/.*_20260101T2355Z_/);
});

test("a flow log's bucket, folder and options give its object keys", () => {
  const fl = {
    id: 'fl-0abc', logDestination: 'arn:aws:s3:::my-bucket/my_subfolder/', fileFormat: 'parquet',
    hiveCompatiblePartitions: true, perHourPartition: true,
  } as FlowLog;
  const { bucket, key } = s3ObjectKey(fl, '123456789012', 'eu-west-3', at('2022-08-31T12:57:13Z'));
  assert.equal(bucket, 'my-bucket');
  assert.match(key, /^my_subfolder\/AWSLogs\/aws-account-id=123456789012\/aws-service=vpcflowlogs\/aws-region=eu-west-3\/year=2022\/month=08\/day=31\/hour=12\/123456789012_vpcflowlogs_eu-west-3_fl-0abc_20220831T1255Z_[0-9a-f]{8}\.log\.parquet$/);
  assert.equal(s3ObjectKey(fl, '123456789012', 'eu-west-3', deliverySlot(at('2022-08-31T12:57:13Z'))).key, key, 'the slot start names the same object');
  const plain = s3ObjectKey({ ...fl, logDestination: 'arn:aws:s3:::my-bucket', fileFormat: 'plain-text', hiveCompatiblePartitions: false, perHourPartition: false }, '123456789012', 'eu-west-3', at('2022-08-31T12:57:13Z'));
  assert.match(plain.key, /^AWSLogs\/123456789012\/vpcflowlogs\/eu-west-3\/2022\/08\/31\/123456789012_vpcflowlogs_eu-west-3_fl-0abc_20220831T1255Z_[0-9a-f]{8}\.log\.gz$/);
  assert.throws(() => s3ObjectKey({ ...fl, logDestination: 'arn:aws:logs:us-east-1:1:log-group:x' }, '1', 'us-east-1', 0), /not an S3 bucket ARN/);
});
