/** Instances and network interfaces through the real EC2 SDK. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  AttachNetworkInterfaceCommand, CreateNetworkInterfaceCommand, DeleteNetworkInterfaceCommand, DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand, ModifyNetworkInterfaceAttributeCommand, RunInstancesCommand, TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { expectAwsError } from '../support/errors.ts';
import { newSecurityGroup, newSubnet, newVpc } from '../support/ec2-fixtures.ts';
import { startTestServer } from '../support/server.ts';

const t = await startTestServer();
const { ec2 } = t;
after(() => t.close());

const vpc = await newVpc(ec2, '10.90.0.0/16');
const subnet = await newSubnet(ec2, vpc.VpcId, '10.90.1.0/24', 'us-east-1a');
const sg = await newSecurityGroup(ec2, vpc.VpcId);
const run = async (extra: object = {}) =>
  (await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1, SubnetId: subnet.SubnetId, ...extra }))).Instances![0]!;
const newEni = async (extra: object = {}) =>
  (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet.SubnetId, ...extra }))).NetworkInterface!;

test('RunInstances launches a running instance with its primary interface', async () => {
  const r = await ec2.send(new RunInstancesCommand({
    ImageId: 'ami-0abcdef1234567890', InstanceType: 't3.small', MinCount: 1, MaxCount: 1, SubnetId: subnet.SubnetId, SecurityGroupIds: [sg],
    PrivateIpAddress: '10.90.1.10', TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }] }],
  }));
  assert.match(r.ReservationId!, /^r-/);
  const i = r.Instances![0]!;
  assert.match(i.InstanceId!, /^i-[0-9a-f]{17}$/);
  assert.deepEqual(i.State, { Code: 16, Name: 'running' });
  assert.equal(i.InstanceType, 't3.small');
  assert.equal(i.PrivateIpAddress, '10.90.1.10');
  assert.equal(i.PrivateDnsName, 'ip-10-90-1-10.ec2.internal');
  assert.equal(i.SubnetId, subnet.SubnetId);
  assert.equal(i.VpcId, vpc.VpcId);
  assert.equal(i.Placement!.AvailabilityZone, 'us-east-1a');
  assert.deepEqual(i.SecurityGroups!.map((g) => g.GroupId), [sg]);
  assert.equal(i.NetworkInterfaces![0]!.Attachment!.DeviceIndex, 0);
  assert.deepEqual(i.Tags, [{ Key: 'Name', Value: 'web-1' }]);
});

test('RunInstances error: InvalidSubnetID.NotFound, InvalidIPAddress.InUse', async () => {
  await expectAwsError(ec2.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1, SubnetId: 'subnet-0123456789abcdef0' })), 'InvalidSubnetID.NotFound');
  await run({ PrivateIpAddress: '10.90.1.20' });
  await expectAwsError(ec2.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1, SubnetId: subnet.SubnetId, PrivateIpAddress: '10.90.1.20' })), 'InvalidIPAddress.InUse');
});

test('DescribeInstances by id and by filters, one reservation per instance', async () => {
  const i = await run({ TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'db' }] }] });
  const byId = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [i.InstanceId!] }));
  assert.equal(byId.Reservations!.length, 1);
  assert.equal(byId.Reservations![0]!.Instances![0]!.InstanceId, i.InstanceId);
  const byTag = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:role', Values: ['db'] }, { Name: 'instance-state-name', Values: ['running'] }] }));
  assert.deepEqual(byTag.Reservations!.map((r) => r.Instances![0]!.InstanceId), [i.InstanceId]);
  const page = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnet.SubnetId] }], MaxResults: 5 }));
  assert.ok(page.Reservations!.length >= 1);
});

test('DescribeInstances error: InvalidInstanceID.NotFound', async () => {
  await expectAwsError(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })), 'InvalidInstanceID.NotFound');
});

test('TerminateInstances reports the state change and frees the primary interface', async () => {
  const i = await run();
  const eni = i.NetworkInterfaces![0]!.NetworkInterfaceId!;
  const r = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [i.InstanceId!] }));
  assert.deepEqual(r.TerminatingInstances, [{ InstanceId: i.InstanceId, CurrentState: { Code: 48, Name: 'terminated' }, PreviousState: { Code: 16, Name: 'running' } }]);
  const d = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [i.InstanceId!] }));
  assert.equal(d.Reservations![0]!.Instances![0]!.State!.Name, 'terminated');
  await expectAwsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] })), 'InvalidNetworkInterfaceID.NotFound');
});

test('TerminateInstances error: InvalidInstanceID.NotFound, and nothing is terminated', async () => {
  const i = await run();
  await expectAwsError(ec2.send(new TerminateInstancesCommand({ InstanceIds: [i.InstanceId!, 'i-0123456789abcdef0'] })), 'InvalidInstanceID.NotFound');
  const d = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [i.InstanceId!] }));
  assert.equal(d.Reservations![0]!.Instances![0]!.State!.Name, 'running');
});

test('CreateNetworkInterface with secondary addresses and connection tracking', async () => {
  const e = await newEni({
    Description: 'appliance', Groups: [sg], PrivateIpAddress: '10.90.1.100', SecondaryPrivateIpAddressCount: 1,
    ConnectionTrackingSpecification: { TcpEstablishedTimeout: 3600, UdpTimeout: 45 },
  });
  assert.match(e.NetworkInterfaceId!, /^eni-/);
  assert.equal(e.Status, 'available');
  assert.equal(e.Description, 'appliance');
  assert.deepEqual(e.PrivateIpAddresses!.map((a) => a.Primary), [true, false]);
  assert.equal(e.PrivateIpAddresses![0]!.PrivateIpAddress, '10.90.1.100');
  assert.match(e.PrivateIpAddresses![1]!.PrivateIpAddress!, /^10\.90\.1\.\d+$/);
  assert.deepEqual(e.Groups, [{ GroupId: sg, GroupName: e.Groups![0]!.GroupName }]);
  assert.equal(e.ConnectionTrackingConfiguration!.TcpEstablishedTimeout, 3600);
});

test('CreateNetworkInterface error: InvalidParameterValue for an address outside the subnet', async () => {
  await expectAwsError(ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet.SubnetId, PrivateIpAddress: '10.91.0.5' })), 'InvalidParameterValue');
});

test('DescribeNetworkInterfaces filters by subnet, status and address', async () => {
  const e = await newEni({ PrivateIpAddress: '10.90.1.150' });
  const d = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'addresses.private-ip-address', Values: ['10.90.1.150'] }] }));
  assert.deepEqual(d.NetworkInterfaces!.map((x) => x.NetworkInterfaceId), [e.NetworkInterfaceId]);
  const avail = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnet.SubnetId] }, { Name: 'status', Values: ['available'] }] }));
  assert.ok(avail.NetworkInterfaces!.every((x) => x.Status === 'available'));
});

test('DescribeNetworkInterfaces error: InvalidNetworkInterfaceID.NotFound', async () => {
  await expectAwsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-0123456789abcdef0'] })), 'InvalidNetworkInterfaceID.NotFound');
});

test('AttachNetworkInterface to an instance as device 1', async () => {
  const i = await run();
  const e = await newEni();
  const r = await ec2.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: e.NetworkInterfaceId, InstanceId: i.InstanceId, DeviceIndex: 1 }));
  assert.match(r.AttachmentId!, /^eni-attach-/);
  const d = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [e.NetworkInterfaceId!] }));
  assert.equal(d.NetworkInterfaces![0]!.Status, 'in-use');
  assert.deepEqual([d.NetworkInterfaces![0]!.Attachment!.InstanceId, d.NetworkInterfaces![0]!.Attachment!.DeviceIndex], [i.InstanceId, 1]);
});

test('AttachNetworkInterface error: InvalidParameterValue for a taken device index', async () => {
  const i = await run();
  const e = await newEni();
  await expectAwsError(ec2.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: e.NetworkInterfaceId, InstanceId: i.InstanceId, DeviceIndex: 0 })), 'InvalidParameterValue');
});

test('ModifyNetworkInterfaceAttribute: source/destination check, groups, description', async () => {
  const e = await newEni();
  const other = await newSecurityGroup(ec2, vpc.VpcId);
  await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: e.NetworkInterfaceId, SourceDestCheck: { Value: false } }));
  await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: e.NetworkInterfaceId, Groups: [other] }));
  await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: e.NetworkInterfaceId, Description: { Value: 'router' } }));
  const d = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [e.NetworkInterfaceId!] }))).NetworkInterfaces![0]!;
  assert.equal(d.SourceDestCheck, false);
  assert.deepEqual(d.Groups!.map((g) => g.GroupId), [other]);
  assert.equal(d.Description, 'router');
});

test('ModifyNetworkInterfaceAttribute error: InvalidGroup.NotFound', async () => {
  const e = await newEni();
  await expectAwsError(ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: e.NetworkInterfaceId, Groups: ['sg-0123456789abcdef0'] })), 'InvalidGroup.NotFound');
});

test('DeleteNetworkInterface removes a detached interface', async () => {
  const e = await newEni();
  await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: e.NetworkInterfaceId }));
  await expectAwsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [e.NetworkInterfaceId!] })), 'InvalidNetworkInterfaceID.NotFound');
});

test('DeleteNetworkInterface error: InvalidNetworkInterface.InUse while attached', async () => {
  const i = await run();
  await expectAwsError(ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: i.NetworkInterfaces![0]!.NetworkInterfaceId })), 'InvalidNetworkInterface.InUse');
});
