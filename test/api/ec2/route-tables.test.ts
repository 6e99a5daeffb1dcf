/** Route tables, routes and associations through the real EC2 SDK. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  AssociateRouteTableCommand, AttachInternetGatewayCommand, CreateInternetGatewayCommand, CreateRouteCommand,
  CreateRouteTableCommand, DeleteRouteCommand, DeleteRouteTableCommand, DescribeRouteTablesCommand, DisassociateRouteTableCommand,
  type EC2Client, ReplaceRouteCommand,
} from '@aws-sdk/client-ec2';
import { expectAwsError } from '../support/errors.ts';
import { newSubnet, newVpc } from '../support/ec2-fixtures.ts';
import { startTestServer } from '../support/server.ts';

const t = await startTestServer();
const { ec2 } = t;
after(() => t.close());

let n = 0;
async function setup(client: EC2Client) {
  n++;
  const vpc = await newVpc(client, `10.${20 + n}.0.0/16`);
  const subnet = await newSubnet(client, vpc.VpcId, `10.${20 + n}.1.0/24`);
  const { RouteTable } = await client.send(new CreateRouteTableCommand({ VpcId: vpc.VpcId }));
  const { InternetGateway } = await client.send(new CreateInternetGatewayCommand({}));
  await client.send(new AttachInternetGatewayCommand({ InternetGatewayId: InternetGateway!.InternetGatewayId, VpcId: vpc.VpcId }));
  return { vpc, subnet, rtb: RouteTable!.RouteTableId!, igw: InternetGateway!.InternetGatewayId! };
}

const routesOf = async (rtb: string) =>
  (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables![0]!.Routes!;

test('CreateRouteTable starts with the local route', async () => {
  const vpc = await newVpc(ec2, '10.20.0.0/16');
  const { RouteTable } = await ec2.send(new CreateRouteTableCommand({ VpcId: vpc.VpcId }));
  assert.equal(RouteTable!.VpcId, vpc.VpcId);
  assert.deepEqual(RouteTable!.Routes, [{ DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }]);
  assert.deepEqual(RouteTable!.Associations, []);
});

test('CreateRouteTable error: InvalidVpcID.NotFound', async () => {
  await expectAwsError(ec2.send(new CreateRouteTableCommand({ VpcId: 'vpc-0123456789abcdef0' })), 'InvalidVpcID.NotFound');
});

test('DescribeRouteTables shows the main table and filters on association.main', async () => {
  const { vpc } = await setup(ec2);
  const main = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId] }, { Name: 'association.main', Values: ['true'] }] }));
  assert.equal(main.RouteTables!.length, 1);
  assert.equal(main.RouteTables![0]!.Associations![0]!.Main, true);
  const all = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId] }] }));
  assert.equal(all.RouteTables!.length, 2);
});

test('DescribeRouteTables error: InvalidRouteTableID.NotFound', async () => {
  await expectAwsError(ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: ['rtb-0123456789abcdef0'] })), 'InvalidRouteTableID.NotFound');
});

test('CreateRoute to an internet gateway', async () => {
  const { rtb, igw } = await setup(ec2);
  const r = await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
  assert.equal(r.Return, true);
  const routes = await routesOf(rtb);
  assert.deepEqual(routes[1], { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw, Origin: 'CreateRoute', State: 'active' });
});

test('CreateRoute error: RouteAlreadyExists, InvalidInternetGatewayID.NotFound', async () => {
  const { rtb, igw } = await setup(ec2);
  await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
  await expectAwsError(ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })), 'RouteAlreadyExists');
  await expectAwsError(ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '8.8.8.0/24', GatewayId: 'igw-0123456789abcdef0' })), 'InvalidInternetGatewayID.NotFound');
});

test('ReplaceRoute changes the target', async () => {
  const { rtb, igw } = await setup(ec2);
  await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16', GatewayId: igw }));
  await ec2.send(new ReplaceRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16', VpcPeeringConnectionId: 'pcx-0123456789abcdef0' }));
  const routes = await routesOf(rtb);
  assert.equal(routes[1]!.VpcPeeringConnectionId, 'pcx-0123456789abcdef0');
  assert.equal(routes[1]!.GatewayId, undefined);
});

test('ReplaceRoute error: InvalidRoute.NotFound', async () => {
  const { rtb, igw } = await setup(ec2);
  await expectAwsError(ec2.send(new ReplaceRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '172.16.0.0/12', GatewayId: igw })), 'InvalidRoute.NotFound');
});

test('DeleteRoute removes a route', async () => {
  const { rtb, igw } = await setup(ec2);
  await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
  await ec2.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0' }));
  assert.equal((await routesOf(rtb)).length, 1);
});

test('DeleteRoute error: InvalidRoute.NotFound', async () => {
  const { rtb } = await setup(ec2);
  await expectAwsError(ec2.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0' })), 'InvalidRoute.NotFound');
});

test('AssociateRouteTable and DisassociateRouteTable', async () => {
  const { rtb, subnet } = await setup(ec2);
  const a = await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: subnet.SubnetId }));
  assert.match(a.AssociationId!, /^rtbassoc-/);
  assert.equal(a.AssociationState!.State, 'associated');
  const d = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet.SubnetId] }] }));
  assert.deepEqual(d.RouteTables!.map((x) => x.RouteTableId), [rtb]);
  await ec2.send(new DisassociateRouteTableCommand({ AssociationId: a.AssociationId }));
  const after = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet.SubnetId] }] }));
  assert.deepEqual(after.RouteTables, []);
});

test('AssociateRouteTable error: InvalidSubnetID.NotFound', async () => {
  const { rtb } = await setup(ec2);
  await expectAwsError(ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: 'subnet-0123456789abcdef0' })), 'InvalidSubnetID.NotFound');
});

test('DisassociateRouteTable error: InvalidAssociationID.NotFound', async () => {
  await expectAwsError(ec2.send(new DisassociateRouteTableCommand({ AssociationId: 'rtbassoc-0123456789abcdef0' })), 'InvalidAssociationID.NotFound');
});

test('DeleteRouteTable removes an unassociated table', async () => {
  const { rtb } = await setup(ec2);
  await ec2.send(new DeleteRouteTableCommand({ RouteTableId: rtb }));
  await expectAwsError(ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] })), 'InvalidRouteTableID.NotFound');
});

test('DeleteRouteTable error: DependencyViolation for the main table', async () => {
  const { vpc } = await setup(ec2);
  const main = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId] }, { Name: 'association.main', Values: ['true'] }] }));
  await expectAwsError(ec2.send(new DeleteRouteTableCommand({ RouteTableId: main.RouteTables![0]!.RouteTableId })), 'DependencyViolation');
});
