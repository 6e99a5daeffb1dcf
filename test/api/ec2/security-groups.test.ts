/** Security groups and rules through the real EC2 SDK. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand, CreateNetworkInterfaceCommand, CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand, DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand, type IpPermission,
  RevokeSecurityGroupEgressCommand, RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { expectAwsError } from '../support/errors.ts';
import { newSecurityGroup, newSubnet, newVpc } from '../support/ec2-fixtures.ts';
import { startTestServer } from '../support/server.ts';

const t = await startTestServer();
const { ec2 } = t;
after(() => t.close());

const vpc = await newVpc(ec2, '10.80.0.0/16');
const https: IpPermission = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'web' }] };
const describeGroup = async (id: string) => (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups![0]!;

test('CreateSecurityGroup: a new group allows all IPv4 egress', async () => {
  const { GroupId, Tags } = await ec2.send(new CreateSecurityGroupCommand({
    VpcId: vpc.VpcId, GroupName: 'web', Description: 'web tier', TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'tier', Value: 'web' }] }],
  }));
  assert.match(GroupId!, /^sg-/);
  assert.deepEqual(Tags, [{ Key: 'tier', Value: 'web' }]);
  const g = await describeGroup(GroupId!);
  assert.equal(g.GroupName, 'web');
  assert.equal(g.Description, 'web tier');
  assert.deepEqual(g.IpPermissions, []);
  assert.deepEqual(g.IpPermissionsEgress, [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);
});

test('CreateSecurityGroup error: InvalidGroup.Duplicate, MissingParameter', async () => {
  await newSecurityGroup(ec2, vpc.VpcId, 'dup');
  await expectAwsError(ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc.VpcId, GroupName: 'dup', Description: 'again' })), 'InvalidGroup.Duplicate');
  await expectAwsError(ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc.VpcId, Description: 'no name' } as never)), 'MissingParameter', /GroupName/);
});

test('DescribeSecurityGroups filters by group-name, vpc-id and ip-permission.from-port', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId, 'find-me');
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https] }));
  const byName = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['find-me'] }, { Name: 'vpc-id', Values: [vpc.VpcId] }] }));
  assert.deepEqual(byName.SecurityGroups!.map((g) => g.GroupId), [id]);
  const byPort = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.from-port', Values: ['443'] }] }));
  assert.ok(byPort.SecurityGroups!.some((g) => g.GroupId === id));
});

test('DescribeSecurityGroups error: InvalidGroup.NotFound', async () => {
  await expectAwsError(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })), 'InvalidGroup.NotFound');
});

test('AuthorizeSecurityGroupIngress groups rules by protocol and ports, and returns the new rules', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  const peer = await newSecurityGroup(ec2, vpc.VpcId);
  const r = await ec2.send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: id,
    IpPermissions: [https, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: peer, Description: 'peers' }] }],
  }));
  assert.equal(r.Return, true);
  assert.equal(r.SecurityGroupRules!.length, 2);
  assert.equal(r.SecurityGroupRules![1]!.ReferencedGroupInfo!.GroupId, peer);
  const g = await describeGroup(id);
  assert.equal(g.IpPermissions!.length, 1);
  assert.deepEqual(g.IpPermissions![0]!.IpRanges, [{ CidrIp: '0.0.0.0/0', Description: 'web' }]);
  assert.deepEqual(g.IpPermissions![0]!.UserIdGroupPairs, [{ GroupId: peer, UserId: '123456789012', Description: 'peers' }]);
});

test('AuthorizeSecurityGroupIngress error: InvalidPermission.Duplicate', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https] }));
  await expectAwsError(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https] })), 'InvalidPermission.Duplicate');
});

test('AuthorizeSecurityGroupEgress with the flat (legacy) parameters', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: id, IpProtocol: 'udp', FromPort: 53, ToPort: 53, CidrIp: '10.0.0.2/32' }));
  const g = await describeGroup(id);
  assert.deepEqual(g.IpPermissionsEgress!.map((p) => p.IpProtocol), ['-1', 'udp']);
});

test('AuthorizeSecurityGroupEgress error: InvalidGroup.NotFound', async () => {
  await expectAwsError(ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: 'sg-0123456789abcdef0', IpPermissions: [https] })), 'InvalidGroup.NotFound');
});

test('DescribeSecurityGroupRules by group-id and by rule id', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  const added = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https] }));
  const all = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [id] }] }));
  assert.deepEqual(all.SecurityGroupRules!.map((r) => [r.IsEgress, r.IpProtocol, r.FromPort, r.ToPort, r.CidrIpv4]),
    [[false, 'tcp', 443, 443, '0.0.0.0/0'], [true, '-1', -1, -1, '0.0.0.0/0']]);
  const one = await ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [added.SecurityGroupRules![0]!.SecurityGroupRuleId!] }));
  assert.equal(one.SecurityGroupRules!.length, 1);
});

test('DescribeSecurityGroupRules error: InvalidSecurityGroupRuleId.NotFound', async () => {
  await expectAwsError(ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] })), 'InvalidSecurityGroupRuleId.NotFound');
});

test('RevokeSecurityGroupIngress by permission and by rule id', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  const added = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https, { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }));
  const r = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https] }));
  assert.equal(r.Return, true);
  await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, SecurityGroupRuleIds: [added.SecurityGroupRules![1]!.SecurityGroupRuleId!] }));
  assert.deepEqual((await describeGroup(id)).IpPermissions, []);
});

test('RevokeSecurityGroupIngress error: InvalidPermission.NotFound', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  await expectAwsError(ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https] })), 'InvalidPermission.NotFound');
});

test('RevokeSecurityGroupEgress removes the default allow-all rule', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: id, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  assert.deepEqual((await describeGroup(id)).IpPermissionsEgress, []);
});

test('RevokeSecurityGroupEgress error: InvalidSecurityGroupRuleId.NotFound', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  await expectAwsError(ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: id, SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] })), 'InvalidSecurityGroupRuleId.NotFound');
});

test('DeleteSecurityGroup removes an unused group', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  await ec2.send(new DeleteSecurityGroupCommand({ GroupId: id }));
  await expectAwsError(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] })), 'InvalidGroup.NotFound');
});

test('DeleteSecurityGroup error: DependencyViolation while an interface uses it, CannotDelete for the default group', async () => {
  const id = await newSecurityGroup(ec2, vpc.VpcId);
  const subnet = await newSubnet(ec2, vpc.VpcId, '10.80.1.0/24');
  await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet.SubnetId, Groups: [id] }));
  await expectAwsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })), 'DependencyViolation');
  const def = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId] }, { Name: 'group-name', Values: ['default'] }] }));
  await expectAwsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: def.SecurityGroups![0]!.GroupId })), 'CannotDelete');
});
