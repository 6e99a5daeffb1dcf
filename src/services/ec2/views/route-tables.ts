/** A route table as DescribeRouteTables reports it, and the filters it takes. */
import type { FilterTable } from '../../../core/ec2/describe/filters.ts';
import type { Params } from '../../../core/ec2/params.ts';
import type { Network } from '../../../core/model/network.ts';
import type { Route, RouteTable } from '../../../core/model/types.ts';
import { tagsOut } from '../handlers/describe.ts';
import { derivedId } from './ids.ts';

/** The target members of a route, by the kind of target. */
function targetView(r: Route, net: Network): Params {
  const id = r.target.id;
  switch (r.target.kind) {
    case 'local': return { GatewayId: 'local' };
    case 'igw': case 'vgw': case 'vpce': return { GatewayId: id };
    case 'nat': return { NatGatewayId: id };
    case 'pcx': return { VpcPeeringConnectionId: id };
    case 'tgw': return { TransitGatewayId: id };
    case 'eigw': return { EgressOnlyInternetGatewayId: id };
    case 'eni': {
      const eni = net.interfaces.get(id ?? '');
      return { NetworkInterfaceId: id, InstanceId: eni?.instanceId, InstanceOwnerId: eni?.instanceId ? net.account : undefined };
    }
    case 'instance': {
      const inst = net.instances.get(id ?? '');
      return { InstanceId: id, InstanceOwnerId: net.account, NetworkInterfaceId: inst?.eniIds[0] };
    }
    default:
      if (id?.startsWith('lgw-')) return { LocalGatewayId: id };
      if (id?.startsWith('cagw-')) return { CarrierGatewayId: id };
      if (id?.startsWith('arn:')) return { CoreNetworkArn: id };
      return { GatewayId: id };
  }
}

/** `blackhole` when the target is gone (a detached gateway, a deleted NAT gateway, interface or instance). */
export function routeState(r: Route, rt: RouteTable, net: Network): string {
  const id = r.target.id ?? '';
  switch (r.target.kind) {
    case 'igw': return net.internetGateways.get(id)?.vpcId === rt.vpcId ? 'active' : 'blackhole';
    case 'nat': return net.natGateways.get(id)?.state === 'available' ? 'active' : 'blackhole';
    case 'eni': return net.interfaces.has(id) ? 'active' : 'blackhole';
    case 'instance': return net.instances.get(id)?.state === 'running' ? 'active' : 'blackhole';
    default: return 'active';
  }
}

export function routeView(r: Route, rt: RouteTable, net: Network): Params {
  const dest = r.dest.fam === 4 ? { DestinationCidrBlock: r.dest.text } : { DestinationIpv6CidrBlock: r.dest.text };
  return { ...dest, ...targetView(r, net), Origin: r.origin, State: routeState(r, rt, net) };
}

const associated = { State: 'associated' };

export function associationsOf(rt: RouteTable, net: Network): Params[] {
  const out: Params[] = [];
  if (net.vpcs.get(rt.vpcId)?.mainRouteTableId === rt.id) {
    out.push({ Main: true, RouteTableAssociationId: derivedId('rtbassoc', `${rt.id}/main`), RouteTableId: rt.id, AssociationState: associated });
  }
  for (const s of net.subnets.values()) {
    if (s.routeTableId === rt.id) {
      out.push({ Main: false, RouteTableAssociationId: s.routeTableAssociationId, RouteTableId: rt.id, SubnetId: s.id, AssociationState: associated });
    }
  }
  return out;
}

export function routeTableView(rt: RouteTable, net: Network): Params {
  return {
    RouteTableId: rt.id, VpcId: rt.vpcId, OwnerId: net.account, Routes: rt.routes.map((r) => routeView(r, rt, net)),
    Associations: associationsOf(rt, net), PropagatingVgws: [], Tags: tagsOut(rt.tags),
  };
}

const routeField = (name: string) => (rt: RouteTable, net: Network) => rt.routes.map((r) => routeView(r, rt, net)[name] as string | undefined);
const assocField = (name: string) => (rt: RouteTable, net: Network) => associationsOf(rt, net).map((a) => a[name] as string | boolean | undefined);

export const ROUTE_TABLE_FILTERS: FilterTable<RouteTable, Network> = {
  'route-table-id': (rt) => rt.id,
  'vpc-id': (rt) => rt.vpcId,
  'owner-id': (_, net) => net.account,
  'association.route-table-association-id': assocField('RouteTableAssociationId'),
  'association.route-table-id': assocField('RouteTableId'),
  'association.subnet-id': assocField('SubnetId'),
  'association.main': assocField('Main'),
  'route.destination-cidr-block': routeField('DestinationCidrBlock'),
  'route.destination-ipv6-cidr-block': routeField('DestinationIpv6CidrBlock'),
  'route.gateway-id': routeField('GatewayId'),
  'route.nat-gateway-id': routeField('NatGatewayId'),
  'route.instance-id': routeField('InstanceId'),
  'route.transit-gateway-id': routeField('TransitGatewayId'),
  'route.egress-only-internet-gateway-id': routeField('EgressOnlyInternetGatewayId'),
  'route.vpc-peering-connection-id': routeField('VpcPeeringConnectionId'),
  'route.origin': routeField('Origin'),
  'route.state': routeField('State'),
};
