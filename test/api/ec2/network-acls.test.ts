/** Network ACLs, entries and associations through the real EC2 SDK. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  CreateNetworkAclCommand, CreateNetworkAclEntryCommand, DeleteNetworkAclCommand, DeleteNetworkAclEntryCommand,
  DescribeNetworkAclsCommand, ReplaceNetworkAclAssociationCommand, ReplaceNetworkAclEntryCommand,
} from '@aws-sdk/client-ec2';
import { expectAwsError } from '../support/errors.ts';
import { newSubnet, newVpc } from '../support/ec2-fixtures.ts';
import { startTestServer } from '../support/server.ts';

const t = await startTestServer();
const { ec2 } = t;
after(() => t.close());

let n = 0;
async function newAcl() {
  n++;
  const vpc = await newVpc(ec2, `10.${60 + n}.0.0/16`);
  const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpc.VpcId }));
  return { vpc, acl: NetworkAcl!.NetworkAclId! };
}
const describeAcl = async (id: string) => (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [id] }))).NetworkAcls![0]!;
const ssh = { Protocol: '6', RuleAction: 'allow' as const, CidrBlock: '10.0.0.0/8', PortRange: { From: 22, To: 22 } };

test('CreateNetworkAcl: a custom ACL denies everything until entries are added', async () => {
  const vpc = await newVpc(ec2, '10.60.0.0/16');
  const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpc.VpcId }));
  assert.equal(NetworkAcl!.IsDefault, false);
  assert.deepEqual(NetworkAcl!.Entries!.map((e) => [e.RuleNumber, e.Egress, e.RuleAction]), [[32767, true, 'deny'], [32767, false, 'deny']]);
});

test('CreateNetworkAcl error: InvalidVpcID.NotFound', async () => {
  await expectAwsError(ec2.send(new CreateNetworkAclCommand({ VpcId: 'vpc-0123456789abcdef0' })), 'InvalidVpcID.NotFound');
});

test('DescribeNetworkAcls finds the default ACL of a VPC', async () => {
  const { vpc } = await newAcl();
  const d = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId] }, { Name: 'default', Values: ['true'] }] }));
  assert.equal(d.NetworkAcls!.length, 1);
  assert.deepEqual(d.NetworkAcls![0]!.Entries!.map((e) => [e.RuleNumber, e.RuleAction]), [[100, 'allow'], [32767, 'deny'], [100, 'allow'], [32767, 'deny']]);
});

test('DescribeNetworkAcls error: InvalidNetworkAclID.NotFound', async () => {
  await expectAwsError(ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: ['acl-0123456789abcdef0'] })), 'InvalidNetworkAclID.NotFound');
});

test('CreateNetworkAclEntry adds TCP and ICMP rules', async () => {
  const { acl } = await newAcl();
  await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Egress: false, ...ssh }));
  await ec2.send(new CreateNetworkAclEntryCommand({
    NetworkAclId: acl, RuleNumber: 110, Egress: false, Protocol: '1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: 8, Code: -1 },
  }));
  const entries = (await describeAcl(acl)).Entries!.filter((e) => !e.Egress);
  assert.deepEqual(entries[0], { RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/8', PortRange: { From: 22, To: 22 } });
  assert.deepEqual(entries[1]!.IcmpTypeCode, { Type: 8, Code: -1 });
  const found = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'entry.port-range.from', Values: ['22'] }] }));
  assert.deepEqual(found.NetworkAcls!.map((a) => a.NetworkAclId), [acl]);
});

test('CreateNetworkAclEntry error: NetworkAclEntryAlreadyExists', async () => {
  const { acl } = await newAcl();
  await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Egress: false, ...ssh }));
  await expectAwsError(ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Egress: false, ...ssh })), 'NetworkAclEntryAlreadyExists');
});

test('ReplaceNetworkAclEntry changes a rule', async () => {
  const { acl } = await newAcl();
  await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Egress: true, ...ssh }));
  await ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Egress: true, ...ssh, RuleAction: 'deny' }));
  assert.equal((await describeAcl(acl)).Entries![0]!.RuleAction, 'deny');
});

test('ReplaceNetworkAclEntry error: InvalidNetworkAclEntry.NotFound', async () => {
  const { acl } = await newAcl();
  await expectAwsError(ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 7, Egress: false, ...ssh })), 'InvalidNetworkAclEntry.NotFound');
});

test('DeleteNetworkAclEntry removes a rule', async () => {
  const { acl } = await newAcl();
  await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Egress: false, ...ssh }));
  await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Egress: false }));
  assert.equal((await describeAcl(acl)).Entries!.length, 2);
});

test('DeleteNetworkAclEntry error: MissingParameter without Egress', async () => {
  const { acl } = await newAcl();
  await expectAwsError(ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100 } as never)), 'MissingParameter', /Egress/);
});

test('ReplaceNetworkAclAssociation moves a subnet to another ACL', async () => {
  const { vpc, acl } = await newAcl();
  const subnet = await newSubnet(ec2, vpc.VpcId, vpc.CidrBlock!.replace('.0.0/16', '.1.0/24'));
  const def = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet.SubnetId] }] }));
  const assoc = def.NetworkAcls![0]!.Associations!.find((a) => a.SubnetId === subnet.SubnetId)!;
  const r = await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: assoc.NetworkAclAssociationId, NetworkAclId: acl }));
  assert.match(r.NewAssociationId!, /^aclassoc-/);
  assert.deepEqual((await describeAcl(acl)).Associations!.map((a) => a.SubnetId), [subnet.SubnetId]);
});

test('ReplaceNetworkAclAssociation error: InvalidAssociationID.NotFound', async () => {
  const { acl } = await newAcl();
  await expectAwsError(ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: 'aclassoc-0123456789abcdef0', NetworkAclId: acl })), 'InvalidAssociationID.NotFound');
});

test('DeleteNetworkAcl removes an unused custom ACL', async () => {
  const { acl } = await newAcl();
  await ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: acl }));
  await expectAwsError(ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [acl] })), 'InvalidNetworkAclID.NotFound');
});

test('DeleteNetworkAcl error: InvalidParameterValue for the default ACL', async () => {
  const { vpc } = await newAcl();
  const d = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId] }, { Name: 'default', Values: ['true'] }] }));
  await expectAwsError(ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: d.NetworkAcls![0]!.NetworkAclId })), 'InvalidParameterValue');
});
