/**
 * The bucket policy AWS writes for flow log delivery (aws-flow-logs.md §3.2),
 * seen through GetBucketPolicy after CreateFlowLogs on the same server: the
 * EC2 SDK creates flow logs, the S3 SDK reads the policy.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CreateFlowLogsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { expectAwsError } from '../support/errors.ts';
import { newSubnet, newVpc } from '../support/ec2-fixtures.ts';
import { ec2Client } from '../support/server.ts';
import { ACCOUNT, startS3Server } from './support.ts';

const t = await startS3Server();
const ec2 = ec2Client(t.server.url);
const s3 = t.s3;
after(async () => { ec2.destroy(); await t.close(); });

const vpc = await newVpc(ec2, '10.50.0.0/16');
const subnet = await newSubnet(ec2, vpc.VpcId, '10.50.1.0/24');

interface Statement { Sid?: string; Effect: string; Principal: unknown; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }
interface Policy { Version: string; Statement: Statement[] }

async function policyOf(bucket: string): Promise<Policy> {
  return JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy!) as Policy;
}

const sid = (p: Policy, id: string): Statement => {
  const st = p.Statement.find((s) => s.Sid === id);
  assert.ok(st, `no statement ${id} in ${JSON.stringify(p)}`);
  return st;
};

async function flowLogTo(client: EC2Client, destination: string, opts: { hive?: boolean; resource?: string; traffic?: 'ALL' | 'ACCEPT' | 'REJECT' } = {}) {
  return client.send(new CreateFlowLogsCommand({
    ResourceIds: [opts.resource ?? vpc.VpcId], ResourceType: opts.resource?.startsWith('subnet-') ? 'Subnet' : 'VPC', TrafficType: opts.traffic ?? 'ALL',
    LogDestinationType: 's3', LogDestination: destination,
    DestinationOptions: opts.hive === undefined ? undefined : { FileFormat: 'plain-text', HiveCompatiblePartitions: opts.hive, PerHourPartition: false },
  }));
}

test('a flow log to a bucket adds AWS delivery policy: PutObject under AWSLogs/<account>/, ACL check and listing on the bucket', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'plain-flows' }));
  await expectAwsError(s3.send(new GetBucketPolicyCommand({ Bucket: 'plain-flows' })), 'NoSuchBucketPolicy');
  const r = await flowLogTo(ec2, 'arn:aws:s3:::plain-flows');
  assert.equal(r.FlowLogIds!.length, 1);
  const p = await policyOf('plain-flows');
  assert.equal(p.Version, '2012-10-17');
  assert.deepEqual(sid(p, 'AWSLogDeliveryWrite'), {
    Sid: 'AWSLogDeliveryWrite', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject',
    Resource: `arn:aws:s3:::plain-flows/AWSLogs/${ACCOUNT}/*`,
    Condition: {
      StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': `arn:aws:logs:us-east-1:${ACCOUNT}:*` },
    },
  });
  assert.deepEqual(sid(p, 'AWSLogDeliveryAclCheck'), {
    Sid: 'AWSLogDeliveryAclCheck', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' },
    Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: 'arn:aws:s3:::plain-flows',
    Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:us-east-1:${ACCOUNT}:*` } },
  });
  assert.equal(p.Statement.length, 2);
});

test('the path carries the prefix, and the Hive layout names the account aws-account-id=<account>', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'hive-flows' }));
  await flowLogTo(ec2, 'arn:aws:s3:::hive-flows/team/net/', { hive: true });
  assert.equal(sid(await policyOf('hive-flows'), 'AWSLogDeliveryWrite').Resource, `arn:aws:s3:::hive-flows/team/net/AWSLogs/aws-account-id=${ACCOUNT}/*`);
  await s3.send(new CreateBucketCommand({ Bucket: 'prefixed-flows' }));
  await flowLogTo(ec2, 'arn:aws:s3:::prefixed-flows/vpc-logs', { hive: false });
  assert.equal(sid(await policyOf('prefixed-flows'), 'AWSLogDeliveryWrite').Resource, `arn:aws:s3:::prefixed-flows/vpc-logs/AWSLogs/${ACCOUNT}/*`);
});

test('each flow log adds its path once; another region widens the source ARN', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'shared-flows' }));
  await flowLogTo(ec2, 'arn:aws:s3:::shared-flows/a/');
  await flowLogTo(ec2, 'arn:aws:s3:::shared-flows/b/', { hive: true, resource: subnet.SubnetId });
  // Same destination again (another traffic type): no second copy of the path.
  await flowLogTo(ec2, 'arn:aws:s3:::shared-flows/a/', { traffic: 'REJECT' });
  const west = ec2Client(t.server.url, 'eu-west-1');
  try {
    const v = await newVpc(west, '10.60.0.0/16');
    await flowLogTo(west, 'arn:aws:s3:::shared-flows/a/', { resource: v.VpcId });
  } finally {
    west.destroy();
  }
  const p = await policyOf('shared-flows');
  const write = sid(p, 'AWSLogDeliveryWrite');
  assert.deepEqual(write.Resource, [`arn:aws:s3:::shared-flows/a/AWSLogs/${ACCOUNT}/*`, `arn:aws:s3:::shared-flows/b/AWSLogs/aws-account-id=${ACCOUNT}/*`]);
  const regions = [`arn:aws:logs:us-east-1:${ACCOUNT}:*`, `arn:aws:logs:eu-west-1:${ACCOUNT}:*`];
  assert.deepEqual(write.Condition!.ArnLike, { 'aws:SourceArn': regions });
  assert.deepEqual(sid(p, 'AWSLogDeliveryAclCheck').Condition!.ArnLike, { 'aws:SourceArn': regions });
  assert.equal(p.Statement.length, 2);
});

test("a bucket's own statements are kept; a write grant on bucket/* already covers every path", async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'owned-flows' }));
  const deny = { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::owned-flows/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  const wide = { Sid: 'AWSLogDeliveryWrite', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::owned-flows/*' };
  await s3.send(new PutBucketPolicyCommand({ Bucket: 'owned-flows', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [deny, wide] }) }));
  await flowLogTo(ec2, 'arn:aws:s3:::owned-flows/x/');
  const p = await policyOf('owned-flows');
  assert.deepEqual(p.Statement[0], deny);
  // The user's wider grant, without conditions, stays as it was: nothing to add, nothing narrowed.
  assert.deepEqual(p.Statement[1], wide);
  assert.equal(sid(p, 'AWSLogDeliveryAclCheck').Resource, 'arn:aws:s3:::owned-flows');
  assert.equal(p.Statement.length, 3);
});

test('no policy is written when no flow log is created', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'untouched-flows' }));
  const r = await flowLogTo(ec2, 'arn:aws:s3:::untouched-flows', { resource: 'vpc-0123456789abcdef0' });
  assert.deepEqual(r.FlowLogIds, []);
  assert.equal(r.Unsuccessful![0]!.Error!.Code, 'InvalidVpcID.NotFound');
  await expectAwsError(s3.send(new GetBucketPolicyCommand({ Bucket: 'untouched-flows' })), 'NoSuchBucketPolicy');
});
