/** AWS::EC2::RouteTable, AWS::EC2::Route, AWS::EC2::SubnetRouteTableAssociation. */
import { associateRouteTable, createRoute, createRouteTable } from '../../ec2/route-tables.ts';
import type { Route, RouteTable } from '../../model/types.ts';
import { defineHandler } from '../handler.ts';
import { required, str, tags } from '../shapes.ts';

export const routeTableHandler = defineHandler<RouteTable>({
  properties: { VpcId: required(str), Tags: tags },
  pins: { id: 'rtb' },
  create: (run) => run.ec2('CreateRouteTable', () => createRouteTable(run.ctx, { VpcId: run.props.VpcId, Tags: run.props.Tags }, { logicalId: run.logicalId, id: run.pins.id })),
  ref: (t) => t.id,
  attributes: { RouteTableId: (t) => t.id },
});

const TARGETS = [
  'GatewayId', 'NatGatewayId', 'NetworkInterfaceId', 'InstanceId', 'VpcPeeringConnectionId', 'TransitGatewayId',
  'VpcEndpointId', 'EgressOnlyInternetGatewayId', 'LocalGatewayId', 'CarrierGatewayId', 'CoreNetworkArn',
];

interface RouteState { tableId: string; route: Route }

export const routeHandler = defineHandler<RouteState>({
  properties: {
    RouteTableId: required(str), DestinationCidrBlock: str, DestinationIpv6CidrBlock: str, DestinationPrefixListId: str,
    ...Object.fromEntries(TARGETS.map((t) => [t, str])),
  },
  create(run) {
    const dest = run.props.DestinationCidrBlock !== undefined ? 'DestinationCidrBlock' : run.props.DestinationIpv6CidrBlock !== undefined ? 'DestinationIpv6CidrBlock' : 'DestinationPrefixListId';
    const route = run.ec2('CreateRoute', () => createRoute(run.ctx, { ...run.props }), (e) => [/target/i.test(e.message) ? 'GatewayId' : dest]);
    return { tableId: run.props.RouteTableId as string, route };
  },
  // CloudFormation identifies a route by its table and destination.
  ref: (r) => `${r.tableId}|${r.route.dest.text}`,
  attributes: { CidrBlock: (r) => r.route.dest.text },
});

interface Association { id: string }

export const subnetRouteTableAssociationHandler = defineHandler<Association>({
  properties: { RouteTableId: required(str), SubnetId: required(str) },
  pins: { id: 'rtbassoc' },
  create: (run) => ({
    id: run.ec2('AssociateRouteTable', () => associateRouteTable(run.ctx, { RouteTableId: run.props.RouteTableId, SubnetId: run.props.SubnetId }, { logicalId: run.logicalId, id: run.pins.id }), ['SubnetId']),
  }),
  ref: (a) => a.id,
  attributes: { Id: (a) => a.id },
});
