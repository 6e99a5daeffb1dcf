/**
 * CreateFlowLogs, DescribeFlowLogs, DeleteFlowLogs through the real EC2 SDK;
 * buckets through the S3 SDK on the same server (a flow log to S3 needs its bucket).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFlowLogsCommand, DeleteFlowLogsCommand, DescribeFlowLogsCommand } from '@aws-sdk/client-ec2';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { logsClient } from '../logs/support.ts';
import { s3Client } from '../s3/support.ts';
import { expectAwsError } from '../support/errors.ts';
import { newSubnet, newVpc } from '../support/ec2-fixtures.ts';
import { startTestServer } from '../support/server.ts';

const t = await startTestServer();
const { ec2 } = t;
const s3 = s3Client(t.server.url);
after(async () => { s3.destroy(); await t.close(); });

const ROLE = 'arn:aws:iam::123456789012:role/flow-logs';
const vpc = await newVpc(ec2, '10.100.0.0/16');
const subnet = await newSubnet(ec2, vpc.VpcId, '10.100.1.0/24');
for (const bucket of ['flow-bucket', 'other-bucket', 'b-one', 'b-two', 'to-delete']) await s3.send(new CreateBucketCommand({ Bucket: bucket }));

test('CreateFlowLogs to a log group and to a bucket', async () => {
  const cw = await ec2.send(new CreateFlowLogsCommand({
    ResourceIds: [vpc.VpcId], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: '/vpc/flows', DeliverLogsPermissionArn: ROLE,
    TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'team', Value: 'net' }] }], ClientToken: 'token-1',
  }));
  assert.equal(cw.FlowLogIds!.length, 1);
  assert.deepEqual(cw.Unsuccessful, []);
  assert.equal(cw.ClientToken, 'token-1');
  const toS3 = await ec2.send(new CreateFlowLogsCommand({
    ResourceIds: [subnet.SubnetId], ResourceType: 'Subnet', TrafficType: 'REJECT', LogDestinationType: 's3',
    LogDestination: 'arn:aws:s3:::flow-bucket/prefix/', MaxAggregationInterval: 60,
    DestinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: false },
    LogFormat: '${version} ${srcaddr} ${dstaddr} ${action}',
  }));
  const d = await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [cw.FlowLogIds![0]!, toS3.FlowLogIds![0]!] }));
  const [a, b] = d.FlowLogs!;
  assert.equal(a!.LogGroupName, '/vpc/flows');
  assert.equal(a!.LogDestination, 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc/flows');
  assert.equal(a!.DeliverLogsPermissionArn, ROLE);
  assert.equal(a!.FlowLogStatus, 'ACTIVE');
  assert.equal(a!.DeliverLogsStatus, 'SUCCESS');
  assert.ok(a!.CreationTime instanceof Date);
  assert.match(a!.LogFormat!, /^\$\{version\} \$\{account-id\}/);
  assert.deepEqual(a!.Tags, [{ Key: 'team', Value: 'net' }]);
  assert.equal(b!.LogDestinationType, 's3');
  assert.equal(b!.MaxAggregationInterval, 60);
  assert.deepEqual(b!.DestinationOptions, { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: false });
  assert.equal(b!.LogFormat, '${version} ${srcaddr} ${dstaddr} ${action}');
});

test('CreateFlowLogs reports missing resources and duplicates in Unsuccessful', async () => {
  const dest = { ResourceType: 'VPC' as const, TrafficType: 'ACCEPT' as const, LogDestinationType: 's3' as const, LogDestination: 'arn:aws:s3:::other-bucket' };
  const first = await ec2.send(new CreateFlowLogsCommand({ ResourceIds: [vpc.VpcId, 'vpc-0123456789abcdef0'], ...dest }));
  assert.equal(first.FlowLogIds!.length, 1);
  assert.deepEqual(first.Unsuccessful, [{ ResourceId: 'vpc-0123456789abcdef0', Error: { Code: 'InvalidVpcID.NotFound', Message: "The vpc ID 'vpc-0123456789abcdef0' does not exist" } }]);
  const again = await ec2.send(new CreateFlowLogsCommand({ ResourceIds: [vpc.VpcId], ...dest }));
  assert.deepEqual(again.FlowLogIds, []);
  assert.equal(again.Unsuccessful![0]!.Error!.Code, 'FlowLogAlreadyExists');
});

test('CreateFlowLogs to a missing bucket: every resource in Unsuccessful (code 400, the bucket named), no flow log', async () => {
  const v = await newVpc(ec2, '10.102.0.0/16');
  const sn = await newSubnet(ec2, v.VpcId, '10.102.1.0/24');
  const r = await ec2.send(new CreateFlowLogsCommand({
    ResourceIds: [v.VpcId, 'vpc-0123456789abcdef0'], ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3',
    LogDestination: 'arn:aws:s3:::no-such-flow-bucket/some/prefix/',
  }));
  assert.deepEqual(r.FlowLogIds, []);
  // A resource that does not exist keeps its own error; the one that exists fails on the bucket.
  assert.deepEqual(r.Unsuccessful, [
    { ResourceId: v.VpcId, Error: { Code: '400', Message: 'LogDestination: no-such-flow-bucket does not exist.' } },
    { ResourceId: 'vpc-0123456789abcdef0', Error: { Code: 'InvalidVpcID.NotFound', Message: "The vpc ID 'vpc-0123456789abcdef0' does not exist" } },
  ]);
  const sub = await ec2.send(new CreateFlowLogsCommand({
    ResourceIds: [sn.SubnetId], ResourceType: 'Subnet', TrafficType: 'ACCEPT', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::no-such-flow-bucket',
  }));
  assert.deepEqual(sub.Unsuccessful!.map((u) => [u.ResourceId, u.Error!.Code]), [[sn.SubnetId, '400']]);
  const d = await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [v.VpcId, sn.SubnetId] }] }));
  assert.deepEqual(d.FlowLogs, []);

  // Once the bucket exists the same request succeeds.
  await s3.send(new CreateBucketCommand({ Bucket: 'no-such-flow-bucket' }));
  const again = await ec2.send(new CreateFlowLogsCommand({
    ResourceIds: [v.VpcId], ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::no-such-flow-bucket/some/prefix/',
  }));
  assert.equal(again.FlowLogIds!.length, 1);
  assert.deepEqual(again.Unsuccessful, []);
});

test('CreateFlowLogs to a log group that does not exist yet succeeds; the group is not created by it', async () => {
  const logs = logsClient(t.server.url);
  try {
    const group = '/vpc/created-at-first-delivery';
    const r = await ec2.send(new CreateFlowLogsCommand({
      ResourceIds: [subnet.SubnetId], ResourceType: 'Subnet', TrafficType: 'ALL', LogGroupName: group, DeliverLogsPermissionArn: ROLE,
    }));
    assert.equal(r.FlowLogIds!.length, 1);
    assert.deepEqual(r.Unsuccessful, []);
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    assert.deepEqual(groups.logGroups, []);
    const d = await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: r.FlowLogIds }));
    assert.equal(d.FlowLogs![0]!.DeliverLogsStatus, 'SUCCESS');
    assert.equal(d.FlowLogs![0]!.LogGroupName, group);
  } finally {
    logs.destroy();
  }
});

test('CreateFlowLogs error: InvalidParameter without a role for CloudWatch Logs, MissingParameter without resources', async () => {
  await expectAwsError(ec2.send(new CreateFlowLogsCommand({ ResourceIds: [vpc.VpcId], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: 'g' })), 'InvalidParameter', /DeliverLogsPermissionArn/);
  await expectAwsError(ec2.send(new CreateFlowLogsCommand({ ResourceIds: [], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: 'g', DeliverLogsPermissionArn: ROLE })), 'MissingParameter');
});

test('DescribeFlowLogs filters and paginates', async () => {
  const v = await newVpc(ec2, '10.101.0.0/16');
  const ids: string[] = [];
  for (const traffic of ['ALL', 'ACCEPT', 'REJECT'] as const) {
    for (const bucket of ['b-one', 'b-two']) {
      const r = await ec2.send(new CreateFlowLogsCommand({ ResourceIds: [v.VpcId], ResourceType: 'VPC', TrafficType: traffic, LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${bucket}` }));
      ids.push(r.FlowLogIds![0]!);
    }
  }
  const mine = { Name: 'resource-id', Values: [v.VpcId] };
  const rejects = await ec2.send(new DescribeFlowLogsCommand({ Filter: [mine, { Name: 'traffic-type', Values: ['REJECT'] }] }));
  assert.equal(rejects.FlowLogs!.length, 2);
  const toS3 = await ec2.send(new DescribeFlowLogsCommand({ Filter: [mine, { Name: 'log-destination-type', Values: ['s3'] }, { Name: 'deliver-log-status', Values: ['SUCCESS'] }] }));
  assert.equal(toS3.FlowLogs!.length, 6);
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await ec2.send(new DescribeFlowLogsCommand({ Filter: [mine], MaxResults: 4, NextToken: token }));
    seen.push(...page.FlowLogs!.map((f) => f.FlowLogId!));
    token = page.NextToken;
    pages++;
  } while (token);
  assert.equal(pages, 2);
  assert.deepEqual(seen, ids);
});

test('DescribeFlowLogs error: unsupported filter and bad NextToken', async () => {
  await expectAwsError(ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'log-format', Values: ['x'] }] })), 'InvalidParameterValue', /'log-format'/);
  await expectAwsError(ec2.send(new DescribeFlowLogsCommand({ NextToken: 'not-a-token' })), 'InvalidNextToken');
});

test('DeleteFlowLogs deletes and reports unknown ids in Unsuccessful', async () => {
  const r = await ec2.send(new CreateFlowLogsCommand({ ResourceIds: [subnet.SubnetId], ResourceType: 'Subnet', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::to-delete' }));
  const del = await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [r.FlowLogIds![0]!, 'fl-0123456789abcdef0'] }));
  assert.deepEqual(del.Unsuccessful!.map((u) => [u.ResourceId, u.Error!.Code]), [['fl-0123456789abcdef0', 'InvalidFlowLogId.NotFound']]);
  const d = await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [r.FlowLogIds![0]!] }));
  assert.deepEqual(d.FlowLogs, []);
});

test('DeleteFlowLogs error: MissingParameter without ids', async () => {
  await expectAwsError(ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [] })), 'MissingParameter');
});
