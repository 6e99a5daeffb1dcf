/** VPC and subnet actions through the real EC2 SDK. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  AssociateVpcCidrBlockCommand, CreateSubnetCommand, CreateVpcCommand, DeleteSubnetCommand, DeleteVpcCommand,
  DescribeSubnetsCommand, DescribeVpcsCommand, ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { expectAwsError } from '../support/errors.ts';
import { newSubnet, newVpc } from '../support/ec2-fixtures.ts';
import { startTestServer } from '../support/server.ts';

const t = await startTestServer();
const { ec2 } = t;
after(() => t.close());

test('CreateVpc returns the VPC as AWS describes it', async () => {
  const { Vpc } = await ec2.send(new CreateVpcCommand({
    CidrBlock: '10.1.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'main <&> vpc' }] }],
  }));
  assert.match(Vpc!.VpcId!, /^vpc-[0-9a-f]{17}$/);
  assert.equal(Vpc!.CidrBlock, '10.1.0.0/16');
  assert.equal(Vpc!.State, 'available');
  assert.equal(Vpc!.IsDefault, false);
  assert.equal(Vpc!.OwnerId, '123456789012');
  assert.deepEqual(Vpc!.Tags, [{ Key: 'Name', Value: 'main <&> vpc' }]);
  assert.equal(Vpc!.CidrBlockAssociationSet![0]!.CidrBlockState!.State, 'associated');
});

test('CreateVpc error: InvalidParameterValue for a /8', async () => {
  await expectAwsError(ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/8' })), 'InvalidParameterValue', /between a \/16 netmask and \/28/);
});

test('DescribeVpcs by id, by filter, by tag, with paging', async () => {
  const a = await newVpc(ec2, '10.2.0.0/16');
  const b = await newVpc(ec2, '10.3.0.0/16');
  const byId = await ec2.send(new DescribeVpcsCommand({ VpcIds: [b.VpcId] }));
  assert.deepEqual(byId.Vpcs!.map((v) => v.VpcId), [b.VpcId]);
  const byCidr = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr-block-association.cidr-block', Values: ['10.2.*'] }] }));
  assert.deepEqual(byCidr.Vpcs!.map((v) => v.VpcId), [a.VpcId]);
  const tagged = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['main*'] }] }));
  assert.equal(tagged.Vpcs!.length, 1);
  const none = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: ['vpc-00000000000000000'] }] }));
  assert.deepEqual(none.Vpcs, []);
  const first = await ec2.send(new DescribeVpcsCommand({ MaxResults: 5 }));
  assert.ok(first.Vpcs!.length >= 3);
});

test('DescribeVpcs error: InvalidVpcID.NotFound and an unsupported filter', async () => {
  await expectAwsError(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })), 'InvalidVpcID.NotFound', /vpc-0123456789abcdef0/);
  await expectAwsError(ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] })), 'InvalidParameterValue', /'no-such-filter'/);
});

test('DeleteVpc removes an empty VPC', async () => {
  const v = await newVpc(ec2, '10.4.0.0/16');
  await ec2.send(new DeleteVpcCommand({ VpcId: v.VpcId }));
  await expectAwsError(ec2.send(new DescribeVpcsCommand({ VpcIds: [v.VpcId] })), 'InvalidVpcID.NotFound');
});

test('DeleteVpc error: DependencyViolation while a subnet remains', async () => {
  const v = await newVpc(ec2, '10.5.0.0/16');
  await newSubnet(ec2, v.VpcId, '10.5.1.0/24');
  await expectAwsError(ec2.send(new DeleteVpcCommand({ VpcId: v.VpcId })), 'DependencyViolation');
});

test('AssociateVpcCidrBlock adds a secondary IPv4 block and an Amazon IPv6 block', async () => {
  const v = await newVpc(ec2, '10.6.0.0/16');
  const r = await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: v.VpcId, CidrBlock: '10.7.0.0/16' }));
  assert.equal(r.CidrBlockAssociation!.CidrBlock, '10.7.0.0/16');
  const r6 = await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: v.VpcId, AmazonProvidedIpv6CidrBlock: true }));
  assert.match(r6.Ipv6CidrBlockAssociation!.Ipv6CidrBlock!, /\/56$/);
  const d = await ec2.send(new DescribeVpcsCommand({ VpcIds: [v.VpcId] }));
  assert.deepEqual(d.Vpcs![0]!.CidrBlockAssociationSet!.map((c) => c.CidrBlock), ['10.6.0.0/16', '10.7.0.0/16']);
  assert.equal(d.Vpcs![0]!.Ipv6CidrBlockAssociationSet!.length, 1);
});

test('AssociateVpcCidrBlock error: InvalidVpc.Range for an overlapping block', async () => {
  const v = await newVpc(ec2, '10.8.0.0/16');
  await expectAwsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: v.VpcId, CidrBlock: '10.8.128.0/17' })), 'InvalidVpc.Range');
});

test('CreateSubnet reports zone, free addresses and ARN', async () => {
  const v = await newVpc(ec2, '10.9.0.0/16');
  const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: v.VpcId, CidrBlock: '10.9.1.0/24', AvailabilityZone: 'us-east-1b' }));
  assert.equal(Subnet!.VpcId, v.VpcId);
  assert.equal(Subnet!.AvailabilityZone, 'us-east-1b');
  assert.equal(Subnet!.AvailabilityZoneId, 'use1-az2');
  assert.equal(Subnet!.AvailableIpAddressCount, 251);
  assert.equal(Subnet!.State, 'available');
  assert.equal(Subnet!.SubnetArn, `arn:aws:ec2:us-east-1:123456789012:subnet/${Subnet!.SubnetId}`);
});

test('CreateSubnet error: InvalidSubnet.Range outside the VPC, InvalidSubnet.Conflict on overlap', async () => {
  const v = await newVpc(ec2, '10.10.0.0/16');
  await expectAwsError(ec2.send(new CreateSubnetCommand({ VpcId: v.VpcId, CidrBlock: '10.11.0.0/24' })), 'InvalidSubnet.Range');
  await newSubnet(ec2, v.VpcId, '10.10.0.0/24');
  await expectAwsError(ec2.send(new CreateSubnetCommand({ VpcId: v.VpcId, CidrBlock: '10.10.0.128/25' })), 'InvalidSubnet.Conflict');
  await expectAwsError(ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0aaaaaaaaaaaaaaaa', CidrBlock: '10.0.0.0/24' })), 'InvalidVpcID.NotFound');
});

test('DescribeSubnets filters by vpc-id and availability-zone', async () => {
  const v = await newVpc(ec2, '10.12.0.0/16');
  const a = await newSubnet(ec2, v.VpcId, '10.12.1.0/24', 'us-east-1a');
  const b = await newSubnet(ec2, v.VpcId, '10.12.2.0/24', 'us-east-1c');
  const all = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [v.VpcId] }] }));
  assert.deepEqual(all.Subnets!.map((s) => s.SubnetId), [a.SubnetId, b.SubnetId]);
  const inC = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [v.VpcId] }, { Name: 'availability-zone', Values: ['us-east-1c'] }] }));
  assert.deepEqual(inC.Subnets!.map((s) => s.SubnetId), [b.SubnetId]);
});

test('DescribeSubnets error: InvalidSubnetID.NotFound', async () => {
  await expectAwsError(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0123456789abcdef0'] })), 'InvalidSubnetID.NotFound');
});

test('ModifySubnetAttribute turns on MapPublicIpOnLaunch', async () => {
  const v = await newVpc(ec2, '10.13.0.0/16');
  const s = await newSubnet(ec2, v.VpcId, '10.13.1.0/24');
  await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: s.SubnetId, MapPublicIpOnLaunch: { Value: true } }));
  const d = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [s.SubnetId] }));
  assert.equal(d.Subnets![0]!.MapPublicIpOnLaunch, true);
});

test('ModifySubnetAttribute error: InvalidSubnetID.NotFound', async () => {
  await expectAwsError(ec2.send(new ModifySubnetAttributeCommand({ SubnetId: 'subnet-0123456789abcdef0', MapPublicIpOnLaunch: { Value: true } })), 'InvalidSubnetID.NotFound');
});

test('DeleteSubnet removes the subnet', async () => {
  const v = await newVpc(ec2, '10.14.0.0/16');
  const s = await newSubnet(ec2, v.VpcId, '10.14.1.0/24');
  await ec2.send(new DeleteSubnetCommand({ SubnetId: s.SubnetId }));
  await expectAwsError(ec2.send(new DescribeSubnetsCommand({ SubnetIds: [s.SubnetId] })), 'InvalidSubnetID.NotFound');
});

test('DeleteSubnet error: InvalidSubnetID.NotFound', async () => {
  await expectAwsError(ec2.send(new DeleteSubnetCommand({ SubnetId: 'subnet-0123456789abcdef0' })), 'InvalidSubnetID.NotFound');
});
