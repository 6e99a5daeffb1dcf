/** Route tables, routes and associations: botocore's shapes (the members vpcflow uses). */
import { B, I, S, at, list, struct } from './dsl.ts';
import { Filters, NextToken, TagSpecifications, Tags } from './common.ts';

const AssociationState = struct({ State: at('state', S), StatusMessage: at('statusMessage', S) });
const RouteTableAssociation = struct({
  Main: at('main', B), RouteTableAssociationId: at('routeTableAssociationId', S), RouteTableId: at('routeTableId', S),
  SubnetId: at('subnetId', S), GatewayId: at('gatewayId', S), AssociationState: at('associationState', AssociationState),
});
const Route = struct({
  DestinationCidrBlock: at('destinationCidrBlock', S), DestinationIpv6CidrBlock: at('destinationIpv6CidrBlock', S),
  DestinationPrefixListId: at('destinationPrefixListId', S), EgressOnlyInternetGatewayId: at('egressOnlyInternetGatewayId', S),
  GatewayId: at('gatewayId', S), InstanceId: at('instanceId', S), InstanceOwnerId: at('instanceOwnerId', S),
  NatGatewayId: at('natGatewayId', S), TransitGatewayId: at('transitGatewayId', S), LocalGatewayId: at('localGatewayId', S),
  CarrierGatewayId: at('carrierGatewayId', S), NetworkInterfaceId: at('networkInterfaceId', S), Origin: at('origin', S),
  State: at('state', S), VpcPeeringConnectionId: at('vpcPeeringConnectionId', S), CoreNetworkArn: at('coreNetworkArn', S),
});
const PropagatingVgw = struct({ GatewayId: at('gatewayId', S) });

export const RouteTable = struct({
  Associations: at('associationSet', list(RouteTableAssociation)), PropagatingVgws: at('propagatingVgwSet', list(PropagatingVgw)),
  RouteTableId: at('routeTableId', S), Routes: at('routeSet', list(Route)), Tags, VpcId: at('vpcId', S), OwnerId: at('ownerId', S),
});

/** ClientToken is newer than the awscli model (the SDK fills it in). */
export const CreateRouteTableRequest = struct({ VpcId: at('vpcId', S), TagSpecifications, ClientToken: S }, ['VpcId']);
export const CreateRouteTableResult = struct({ RouteTable: at('routeTable', RouteTable) });
export const DescribeRouteTablesRequest = struct({ Filters, RouteTableIds: at('RouteTableId', list(S)), NextToken: S, MaxResults: I });
export const DescribeRouteTablesResult = struct({ RouteTables: at('routeTableSet', list(RouteTable)), NextToken });
export const DeleteRouteTableRequest = struct({ RouteTableId: at('routeTableId', S) }, ['RouteTableId']);

/** Destination and target members shared by CreateRoute and ReplaceRoute. */
const routeMembers = {
  DestinationCidrBlock: at('destinationCidrBlock', S), DestinationIpv6CidrBlock: at('destinationIpv6CidrBlock', S),
  DestinationPrefixListId: S, VpcEndpointId: S, EgressOnlyInternetGatewayId: at('egressOnlyInternetGatewayId', S),
  GatewayId: at('gatewayId', S), InstanceId: at('instanceId', S), NatGatewayId: at('natGatewayId', S), TransitGatewayId: S,
  LocalGatewayId: S, CarrierGatewayId: S, NetworkInterfaceId: at('networkInterfaceId', S), RouteTableId: at('routeTableId', S),
  VpcPeeringConnectionId: at('vpcPeeringConnectionId', S), CoreNetworkArn: S,
};
export const CreateRouteRequest = struct(routeMembers, ['RouteTableId']);
export const CreateRouteResult = struct({ Return: at('return', B) });
export const ReplaceRouteRequest = struct(routeMembers, ['RouteTableId']);
export const DeleteRouteRequest = struct({
  DestinationCidrBlock: at('destinationCidrBlock', S), DestinationIpv6CidrBlock: at('destinationIpv6CidrBlock', S),
  DestinationPrefixListId: S, RouteTableId: at('routeTableId', S),
}, ['RouteTableId']);
export const AssociateRouteTableRequest = struct({ RouteTableId: at('routeTableId', S), SubnetId: at('subnetId', S) }, ['RouteTableId']);
export const AssociateRouteTableResult = struct({ AssociationId: at('associationId', S), AssociationState: at('associationState', AssociationState) });
export const DisassociateRouteTableRequest = struct({ AssociationId: at('associationId', S) }, ['AssociationId']);
