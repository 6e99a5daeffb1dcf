/** Internet gateways, Elastic IPs and NAT gateways through the real EC2 SDK. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  AllocateAddressCommand, AssociateAddressCommand, AttachInternetGatewayCommand, CreateInternetGatewayCommand, CreateNetworkInterfaceCommand,
  CreateNatGatewayCommand, DeleteInternetGatewayCommand, DeleteNatGatewayCommand, DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand, DescribeNetworkInterfacesCommand, DetachInternetGatewayCommand, DisassociateAddressCommand,
  ReleaseAddressCommand,
} from '@aws-sdk/client-ec2';
import { expectAwsError } from '../support/errors.ts';
import { newSubnet, newVpc } from '../support/ec2-fixtures.ts';
import { startTestServer } from '../support/server.ts';

const t = await startTestServer();
const { ec2 } = t;
after(() => t.close());

let n = 0;
const vpcAndSubnet = async () => {
  n++;
  const vpc = await newVpc(ec2, `10.${40 + n}.0.0/16`);
  return { vpc, subnet: await newSubnet(ec2, vpc.VpcId, `10.${40 + n}.1.0/24`) };
};
const newIgw = async () => (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;

test('CreateInternetGateway with tags', async () => {
  const { InternetGateway } = await ec2.send(new CreateInternetGatewayCommand({
    TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'edge' }] }],
  }));
  assert.match(InternetGateway!.InternetGatewayId!, /^igw-/);
  assert.deepEqual(InternetGateway!.Attachments, []);
  assert.deepEqual(InternetGateway!.Tags, [{ Key: 'Name', Value: 'edge' }]);
});

test('CreateInternetGateway error: InvalidParameterValue for a tag specification of another type', async () => {
  await expectAwsError(ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] })), 'InvalidParameterValue');
});

test('AttachInternetGateway and DescribeInternetGateways by attachment.vpc-id', async () => {
  const { vpc } = await vpcAndSubnet();
  const igw = await newIgw();
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc.VpcId }));
  const d = await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc.VpcId] }] }));
  assert.deepEqual(d.InternetGateways!.map((g) => g.InternetGatewayId), [igw]);
  assert.deepEqual(d.InternetGateways![0]!.Attachments, [{ State: 'available', VpcId: vpc.VpcId }]);
});

test('AttachInternetGateway error: Resource.AlreadyAssociated', async () => {
  const { vpc } = await vpcAndSubnet();
  const igw = await newIgw();
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc.VpcId }));
  await expectAwsError(ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: await newIgw(), VpcId: vpc.VpcId })), 'Resource.AlreadyAssociated');
});

test('DescribeInternetGateways error: InvalidInternetGatewayID.NotFound', async () => {
  await expectAwsError(ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: ['igw-0123456789abcdef0'] })), 'InvalidInternetGatewayID.NotFound');
});

test('DetachInternetGateway then DeleteInternetGateway', async () => {
  const { vpc } = await vpcAndSubnet();
  const igw = await newIgw();
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc.VpcId }));
  await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc.VpcId }));
  await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw }));
  await expectAwsError(ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igw] })), 'InvalidInternetGatewayID.NotFound');
});

test('DetachInternetGateway error: Gateway.NotAttached', async () => {
  const { vpc } = await vpcAndSubnet();
  await expectAwsError(ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: await newIgw(), VpcId: vpc.VpcId })), 'Gateway.NotAttached');
});

test('DeleteInternetGateway error: DependencyViolation while attached', async () => {
  const { vpc } = await vpcAndSubnet();
  const igw = await newIgw();
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc.VpcId }));
  await expectAwsError(ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw })), 'DependencyViolation');
});

test('AllocateAddress gives a public IPv4 in the vpc domain', async () => {
  const a = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  assert.match(a.AllocationId!, /^eipalloc-/);
  assert.match(a.PublicIp!, /^\d+\.\d+\.\d+\.\d+$/);
  assert.equal(a.Domain, 'vpc');
});

test('AllocateAddress error: InvalidParameterValue for the standard domain', async () => {
  await expectAwsError(ec2.send(new AllocateAddressCommand({ Domain: 'standard' })), 'InvalidParameterValue');
});

test('AssociateAddress maps an Elastic IP onto an interface; DisassociateAddress and ReleaseAddress undo it', async () => {
  const { subnet } = await vpcAndSubnet();
  const { NetworkInterface } = await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet.SubnetId }));
  const a = await ec2.send(new AllocateAddressCommand({}));
  const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: NetworkInterface!.NetworkInterfaceId }));
  assert.match(AssociationId!, /^eipassoc-/);
  const d = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [NetworkInterface!.NetworkInterfaceId!] }));
  assert.equal(d.NetworkInterfaces![0]!.Association!.PublicIp, a.PublicIp);
  assert.equal(d.NetworkInterfaces![0]!.Association!.AllocationId, a.AllocationId);
  await expectAwsError(ec2.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId })), 'InvalidIPAddress.InUse');
  await ec2.send(new DisassociateAddressCommand({ AssociationId }));
  await ec2.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId }));
});

test('AssociateAddress error: InvalidAllocationID.NotFound', async () => {
  await expectAwsError(ec2.send(new AssociateAddressCommand({ AllocationId: 'eipalloc-0123456789abcdef0', NetworkInterfaceId: 'eni-0123456789abcdef0' })), 'InvalidAllocationID.NotFound');
});

test('DisassociateAddress error: InvalidAssociationID.NotFound', async () => {
  await expectAwsError(ec2.send(new DisassociateAddressCommand({ AssociationId: 'eipassoc-0123456789abcdef0' })), 'InvalidAssociationID.NotFound');
});

test('ReleaseAddress error: InvalidAllocationID.NotFound', async () => {
  await expectAwsError(ec2.send(new ReleaseAddressCommand({ AllocationId: 'eipalloc-0123456789abcdef0' })), 'InvalidAllocationID.NotFound');
});

test('CreateNatGateway, DescribeNatGateways, DeleteNatGateway', async () => {
  const { vpc, subnet } = await vpcAndSubnet();
  const a = await ec2.send(new AllocateAddressCommand({}));
  const { NatGateway } = await ec2.send(new CreateNatGatewayCommand({ SubnetId: subnet.SubnetId, AllocationId: a.AllocationId }));
  assert.match(NatGateway!.NatGatewayId!, /^nat-/);
  assert.equal(NatGateway!.State, 'available');
  assert.equal(NatGateway!.VpcId, vpc.VpcId);
  assert.equal(NatGateway!.NatGatewayAddresses![0]!.PublicIp, a.PublicIp);
  const d = await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpc.VpcId] }] }));
  assert.deepEqual(d.NatGateways!.map((g) => g.NatGatewayId), [NatGateway!.NatGatewayId]);
  const del = await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: NatGateway!.NatGatewayId }));
  assert.equal(del.NatGatewayId, NatGateway!.NatGatewayId);
  const gone = await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [NatGateway!.NatGatewayId!] }));
  assert.equal(gone.NatGateways![0]!.State, 'deleted');
});

test('CreateNatGateway error: MissingParameter without an allocation for a public gateway', async () => {
  const { subnet } = await vpcAndSubnet();
  await expectAwsError(ec2.send(new CreateNatGatewayCommand({ SubnetId: subnet.SubnetId })), 'MissingParameter');
});

test('DescribeNatGateways error: NatGatewayNotFound', async () => {
  await expectAwsError(ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-0123456789abcdef0'] })), 'NatGatewayNotFound');
});

test('DeleteNatGateway error: NatGatewayNotFound', async () => {
  await expectAwsError(ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: 'nat-0123456789abcdef0' })), 'NatGatewayNotFound');
});
