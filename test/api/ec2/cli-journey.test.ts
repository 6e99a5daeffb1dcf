/**
 * The same kind of journey through Debian's AWS CLI v2: a VPC and subnets, a
 * network ACL, security groups, an instance, flow logs to a log group and to a
 * bucket, read back with filters; errors come out as the CLI prints AWS's.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { awsCli, awsJson, requireAwsCli } from '../support/aws-cli.ts';
import { startTestServer } from '../support/server.ts';

requireAwsCli();
const t = await startTestServer();
const url = t.server.url;
after(() => t.close());

/** The CLI's output is untyped JSON. */
interface Any { [k: string]: any }

test('a VPC with flow logs through /usr/bin/aws', async () => {
  const ec2 = (...args: string[]) => awsJson<Any>(url, ['ec2', ...args]);
  const vpc = (await ec2('create-vpc', '--cidr-block', '10.0.0.0/16', '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=Name,Value=cli-journey}]')).Vpc;
  assert.equal(vpc.State, 'available');
  const [a, b] = await Promise.all([
    ec2('create-subnet', '--vpc-id', vpc.VpcId, '--cidr-block', '10.0.1.0/24', '--availability-zone', 'us-east-1a'),
    ec2('create-subnet', '--vpc-id', vpc.VpcId, '--cidr-block', '10.0.2.0/24', '--availability-zone', 'us-east-1b'),
  ]);
  const acl = (await ec2('create-network-acl', '--vpc-id', vpc.VpcId)).NetworkAcl.NetworkAclId;
  await ec2('create-network-acl-entry', '--network-acl-id', acl, '--ingress', '--rule-number', '100', '--protocol', 'tcp',
    '--port-range', 'From=443,To=443', '--cidr-block', '0.0.0.0/0', '--rule-action', 'allow');
  const sg = (await ec2('create-security-group', '--vpc-id', vpc.VpcId, '--group-name', 'web', '--description', 'web tier')).GroupId;
  await ec2('authorize-security-group-ingress', '--group-id', sg, '--ip-permissions', JSON.stringify([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]));
  const inst = (await ec2('run-instances', '--image-id', 'ami-0abcdef1234567890', '--count', '1', '--subnet-id', a.Subnet.SubnetId, '--security-group-ids', sg)).Instances[0];
  assert.equal(inst.State.Name, 'running');
  const cw = await ec2('create-flow-logs', '--resource-type', 'VPC', '--resource-ids', vpc.VpcId, '--traffic-type', 'ALL',
    '--log-group-name', '/vpc/cli', '--deliver-logs-permission-arn', 'arn:aws:iam::123456789012:role/flow-logs');
  await awsJson(url, ['s3api', 'create-bucket', '--bucket', 'cli-bucket']);
  const s3 = await ec2('create-flow-logs', '--resource-type', 'Subnet', '--resource-ids', a.Subnet.SubnetId, b.Subnet.SubnetId, 'subnet-0123456789abcdef0',
    '--traffic-type', 'REJECT', '--log-destination-type', 's3', '--log-destination', 'arn:aws:s3:::cli-bucket/flows/');
  assert.equal(cw.FlowLogIds.length, 1);
  assert.equal(s3.FlowLogIds.length, 2);
  assert.equal(s3.Unsuccessful[0].Error.Code, 'InvalidSubnetID.NotFound');

  const acls = await ec2('describe-network-acls', '--network-acl-ids', acl);
  assert.deepEqual(acls.NetworkAcls[0].Entries.map((e: Any) => [e.RuleNumber, e.Egress, e.RuleAction]), [[32767, true, 'deny'], [100, false, 'allow'], [32767, false, 'deny']]);
  const sgs = await ec2('describe-security-groups', '--filters', 'Name=group-name,Values=web', `Name=vpc-id,Values=${vpc.VpcId}`);
  assert.equal(sgs.SecurityGroups[0].IpPermissions[0].FromPort, 443);
  const rejects = await ec2('describe-flow-logs', '--filter', 'Name=traffic-type,Values=REJECT');
  assert.deepEqual(rejects.FlowLogs.map((f: Any) => f.LogDestination), ['arn:aws:s3:::cli-bucket/flows/', 'arn:aws:s3:::cli-bucket/flows/']);
  const group = await ec2('describe-flow-logs', '--filter', 'Name=log-group-name,Values=/vpc/cli');
  assert.equal(group.FlowLogs[0].FlowLogId, cw.FlowLogIds[0]);
  assert.match(group.FlowLogs[0].CreationTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
  // The CLI pages by itself with --page-size: all three come back.
  const paged = await ec2('describe-flow-logs', '--page-size', '1');
  assert.equal(paged.FlowLogs.length, 3);
});

test('errors print AWS\'s code and exit 254', async () => {
  const r = await awsCli(url, ['ec2', 'delete-vpc', '--vpc-id', 'vpc-0123456789abcdef0']);
  assert.equal(r.code, 254);
  assert.match(r.stderr, /An error occurred \(InvalidVpcID\.NotFound\) when calling the DeleteVpc operation: The vpc ID 'vpc-0123456789abcdef0' does not exist/);
  const dry = await awsCli(url, ['ec2', 'create-vpc', '--cidr-block', '10.9.0.0/16', '--dry-run']);
  assert.match(dry.stderr, /\(DryRunOperation\)/);
});
