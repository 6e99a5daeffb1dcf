import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseS3Key } from './s3-path.ts';

const NAME = '123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz';

test('the default layout gives account, region, date and the flow log id', () => {
  assert.deepEqual(parseS3Key(`/data/s3/bucket/prefix/AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/${NAME}`), {
    before: '/data/s3/bucket/prefix', account: '123456789012', region: 'us-east-1', flowLogId: 'fl-1234abcd', date: '2018-06-20', hour: '16', hive: false, perHour: false,
  });
});

test('Hive-compatible and per-hour folders are recognised', () => {
  const k = parseS3Key(`AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2018/month=06/day=20/hour=16/${NAME}`);
  assert.equal(k.before, '');
  assert.equal(k.hive, true);
  assert.equal(k.perHour, true);
  assert.equal(k.hour, '16');
  assert.equal(k.date, '2018-06-20');
  const h = parseS3Key(`b/AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/16/${NAME.replace('.gz', '.parquet')}`);
  assert.equal(h.perHour, true);
  assert.equal(h.hive, false);
  assert.equal(h.flowLogId, 'fl-1234abcd');
});

test('a downloaded object keeps its meaning from the file name alone, even renamed with a prefix', () => {
  const k = parseS3Key('/tmp/sekoia_111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_2ad4bef5.parquet');
  assert.equal(k.flowLogId, 'fl-032a163fae170ae52');
  assert.equal(k.date, '2022-08-31');
  assert.equal(k.region, 'eu-west-3');
  assert.equal(k.before, undefined);
  assert.deepEqual(parseS3Key('flows.log'), { hive: false, perHour: false });
});
