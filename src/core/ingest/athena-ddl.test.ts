import assert from 'node:assert/strict';
import { test } from 'node:test';
import { athenaDdl, partsDdl } from './athena-ddl.ts';
import { DEFAULT_V2, parseFormatOption } from './format.ts';

const V5 = parseFormatOption('version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path');
const key = (day: string, hour = '') => `prefix/AWSLogs/123456789012/vpcflowlogs/us-east-1/2021/01/${day}/${hour ? `${hour}/` : ''}123456789012_vpcflowlogs_us-east-1_fl-1_202101${day}T${hour || '00'}00Z_ab.log.gz`;

test('text objects in default folders: AWS\'s text table, a date partition per day folder', () => {
  const ddl = athenaDdl([
    { bucket: 'b', key: key('01'), fileFormat: 'plain-text', format: V5 },
    { bucket: 'b', key: key('02'), fileFormat: 'plain-text', format: V5 },
  ]);
  // The 29 columns of AWS's documented DDL, with its types.
  assert.match(ddl, /CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs` \(\n  version int,\n  account_id string,\n  interface_id string,\n  srcaddr string,\n  dstaddr string,\n  srcport int,\n  dstport int,\n  protocol bigint,\n  packets bigint,\n  bytes bigint,\n  start bigint,\n  `end` bigint,\n  action string,\n  log_status string,\n  vpc_id string,\n  subnet_id string,\n  instance_id string,\n  tcp_flags int,\n  type string,\n  pkt_srcaddr string,\n  pkt_dstaddr string,\n  region string,\n  az_id string,\n  sublocation_type string,\n  sublocation_id string,\n  pkt_src_aws_service string,\n  pkt_dst_aws_service string,\n  flow_direction string,\n  traffic_path int\n\)\nPARTITIONED BY \(`date` date\)\nROW FORMAT DELIMITED\nFIELDS TERMINATED BY ' '\nLOCATION 's3:\/\/b\/prefix\/AWSLogs\/123456789012\/vpcflowlogs\/us-east-1\/'\nTBLPROPERTIES \("skip.header.line.count"="1"\);/);
  assert.match(ddl, /ALTER TABLE `vpc_flow_logs` ADD IF NOT EXISTS\n  PARTITION \(`date`='2021-01-01'\) LOCATION 's3:\/\/b\/prefix\/AWSLogs\/123456789012\/vpcflowlogs\/us-east-1\/2021\/01\/01'\n  PARTITION \(`date`='2021-01-02'\) LOCATION '[^']+\/2021\/01\/02';/);
});

test('text columns follow the header order (positional); per-hour folders add an hour partition', () => {
  const nat = parseFormatOption('instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr');
  const ddl = athenaDdl([{ bucket: 'b', key: key('01', '16'), fileFormat: 'plain-text', format: nat }]);
  assert.match(ddl, /\(\n  instance_id string,\n  interface_id string,\n  srcaddr string,\n  dstaddr string,\n  pkt_srcaddr string,\n  pkt_dstaddr string\n\)/);
  assert.match(ddl, /PARTITIONED BY \(`date` date, `hour` string\)/);
  assert.match(ddl, /PARTITION \(`date`='2021-01-01', `hour`='16'\) LOCATION '[^']+\/2021\/01\/01\/16'/);
});

test('Parquet with Hive-compatible folders: the Parquet SerDe, the key=value partitions, MSCK REPAIR TABLE', () => {
  const hiveKey = 'AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2021/month=01/day=01/hour=03/123456789012_vpcflowlogs_us-east-1_fl-1_20210101T0300Z_ab.log.parquet';
  const ddl = athenaDdl([{ bucket: 'lake', key: hiveKey, fileFormat: 'parquet', format: DEFAULT_V2 }]);
  assert.match(ddl, /CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs_parquet` \(/);
  assert.match(ddl, /PARTITIONED BY \(`aws-account-id` string, `aws-service` string, `aws-region` string, `year` string, `month` string, `day` string, `hour` string\)\nROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'\nSTORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'\nOUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'\nLOCATION 's3:\/\/lake\/AWSLogs\/'\nTBLPROPERTIES \('EXTERNAL'='true', 'skip.header.line.count'='1'\);\n\nMSCK REPAIR TABLE `vpc_flow_logs_parquet`;/);
  assert.doesNotMatch(ddl, /ALTER TABLE/);
});

test('one table per location and format; names tell them apart by key prefix', () => {
  const ddl = athenaDdl([
    { bucket: 'b', key: key('01'), fileFormat: 'plain-text', format: DEFAULT_V2 },
    { bucket: 'b', key: key('01').replace('prefix/', 'other/'), fileFormat: 'plain-text', format: DEFAULT_V2 },
  ]);
  assert.deepEqual([...ddl.matchAll(/CREATE EXTERNAL TABLE IF NOT EXISTS `([^`]+)`/g)].map((m) => m[1]), ['vpc_flow_logs_prefix', 'vpc_flow_logs_other']);
  assert.equal(athenaDdl([{ bucket: 'b', key: 'not/a/flow/log.gz', fileFormat: 'plain-text', format: DEFAULT_V2 }]), '\n');
});

test('the DDL for vpcflow\'s own Parquet parts lists the fields and the provenance columns', () => {
  const ddl = partsDdl(DEFAULT_V2, [{ name: 'source_file', type: 'string' }], 's3://x/y/');
  assert.match(ddl, /`end` bigint,\n  action string,\n  log_status string,\n  source_file string\n\)\nROW FORMAT SERDE/);
  assert.match(ddl, /LOCATION 's3:\/\/x\/y\/'/);
});
