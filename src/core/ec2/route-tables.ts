/** Route tables, routes and their subnet associations. */
import { type Cidr, cidrCoversCidr } from '../net/cidr.ts';
import type { Route, RouteTable, RouteTarget } from '../model/types.ts';
import type { CreateOptions, Ec2Context } from './context.ts';
import { Ec2Error, invalidParam, notFound } from './errors.ts';
import { type Params, checkCidr, optStr, str, tagsFor } from './params.ts';
import { getSubnet } from './subnets.ts';
import { getVpc } from './vpcs.ts';

export function getRouteTable(ctx: Ec2Context, id: string): RouteTable {
  const t = ctx.net.routeTables.get(id);
  if (!t) throw notFound('InvalidRouteTableID.NotFound', 'routeTable', id);
  return t;
}

export function createRouteTable(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): RouteTable {
  const vpc = getVpc(ctx, str(p, 'VpcId'));
  const id = opts.id ?? ctx.newId('routeTable', opts.logicalId ?? `rtb#${ctx.net.routeTables.size}`);
  const rt: RouteTable = {
    id, logicalId: opts.logicalId, tags: tagsFor(p, 'route-table'), vpcId: vpc.id,
    routes: [...vpc.cidrs, ...vpc.ipv6Cidrs].map((dest) => ({ dest, target: { kind: 'local' }, origin: 'CreateRouteTable' })),
  };
  ctx.net.routeTables.set(id, rt);
  ctx.net.touch();
  return rt;
}

/** The destination of a route request: exactly one of the three destination parameters. */
function routeDest(p: Params): Cidr {
  const v4 = optStr(p, 'DestinationCidrBlock');
  const v6 = optStr(p, 'DestinationIpv6CidrBlock');
  if (optStr(p, 'DestinationPrefixListId')) {
    throw new Ec2Error('InvalidParameterValue', 'Prefix-list route destinations are not supported by vpcflow');
  }
  if (v4 && v6) throw invalidParam('Only one of DestinationCidrBlock and DestinationIpv6CidrBlock may be given');
  if (v4) return checkCidr(v4, 'DestinationCidrBlock', 4);
  if (v6) return checkCidr(v6, 'DestinationIpv6CidrBlock', 6);
  throw new Ec2Error('MissingParameter', 'The request must contain the parameter DestinationCidrBlock or DestinationIpv6CidrBlock');
}

function routeTarget(ctx: Ec2Context, p: Params): RouteTarget {
  const n = ctx.net;
  const pick: [string, RouteTarget['kind']][] = [
    ['GatewayId', 'igw'], ['NatGatewayId', 'nat'], ['NetworkInterfaceId', 'eni'], ['InstanceId', 'instance'],
    ['VpcPeeringConnectionId', 'pcx'], ['TransitGatewayId', 'tgw'], ['VpcEndpointId', 'vpce'],
    ['EgressOnlyInternetGatewayId', 'eigw'], ['LocalGatewayId', 'other'], ['CarrierGatewayId', 'other'], ['CoreNetworkArn', 'other'],
  ];
  const given = pick.filter(([name]) => optStr(p, name));
  if (given.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain a route target (GatewayId, NatGatewayId, NetworkInterfaceId, …)');
  if (given.length > 1) throw invalidParam(`Only one route target may be given, found ${given.map(([x]) => x).join(' and ')}`);
  const [name, kindGuess] = given[0]!;
  const id = str(p, name);
  let kind = kindGuess;
  if (name === 'GatewayId') {
    if (id === 'local') return { kind: 'local' };
    if (id.startsWith('vgw-')) kind = 'vgw';
    else if (id.startsWith('vpce-')) kind = 'vpce';
    else if (!n.internetGateways.has(id)) throw notFound('InvalidInternetGatewayID.NotFound', 'internetGateway', id);
  }
  if (kind === 'nat' && !n.natGateways.has(id)) throw notFound('InvalidNatGatewayID.NotFound', 'natGateway', id);
  if (kind === 'eni' && !n.interfaces.has(id)) throw notFound('InvalidNetworkInterfaceID.NotFound', 'networkInterface', id);
  if (kind === 'instance' && !n.instances.has(id)) throw notFound('InvalidInstanceID.NotFound', 'instance', id);
  return { kind, id };
}

function checkLocalConflict(rt: RouteTable, dest: Cidr, ctx: Ec2Context): void {
  const vpc = getVpc(ctx, rt.vpcId);
  const inVpc = [...vpc.cidrs, ...vpc.ipv6Cidrs].some((c) => cidrCoversCidr(c, dest));
  if (inVpc) {
    // More specific routes inside the VPC range are allowed only for a whole subnet's CIDR (middlebox routing).
    const isSubnet = [...ctx.net.subnets.values()].some((s) => s.vpcId === vpc.id && (s.cidr.text === dest.text || s.ipv6Cidr?.text === dest.text));
    if (!isSubnet) {
      throw invalidParam(`The destination CIDR block ${dest.text} is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.`);
    }
  }
}

export function createRoute(ctx: Ec2Context, p: Params): Route {
  const rt = getRouteTable(ctx, str(p, 'RouteTableId'));
  const dest = routeDest(p);
  const target = routeTarget(ctx, p);
  if (rt.routes.some((r) => r.dest.text === dest.text)) {
    throw new Ec2Error('RouteAlreadyExists', `The route identified by ${dest.text} already exists.`);
  }
  checkLocalConflict(rt, dest, ctx);
  const route: Route = { dest, target, origin: 'CreateRoute' };
  rt.routes.push(route);
  ctx.net.touch();
  return route;
}

function findRoute(rt: RouteTable, dest: Cidr): Route {
  const r = rt.routes.find((x) => x.dest.text === dest.text);
  if (!r) throw new Ec2Error('InvalidRoute.NotFound', `no route with destination-cidr-block ${dest.text} in route table ${rt.id}`);
  return r;
}

export function replaceRoute(ctx: Ec2Context, p: Params): Route {
  const rt = getRouteTable(ctx, str(p, 'RouteTableId'));
  const r = findRoute(rt, routeDest(p));
  r.target = routeTarget(ctx, p);
  ctx.net.touch();
  return r;
}

export function deleteRoute(ctx: Ec2Context, p: Params): void {
  const rt = getRouteTable(ctx, str(p, 'RouteTableId'));
  const r = findRoute(rt, routeDest(p));
  if (r.target.kind === 'local') throw invalidParam(`cannot remove local route ${r.dest.text} in route table ${rt.id}`);
  rt.routes.splice(rt.routes.indexOf(r), 1);
  ctx.net.touch();
}

export function associateRouteTable(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): string {
  const rt = getRouteTable(ctx, str(p, 'RouteTableId'));
  const subnet = getSubnet(ctx, str(p, 'SubnetId'));
  if (subnet.vpcId !== rt.vpcId) throw invalidParam(`Route table ${rt.id} and subnet ${subnet.id} belong to different networks`);
  if (subnet.routeTableId && subnet.routeTableId !== rt.id) {
    throw new Ec2Error('Resource.AlreadyAssociated', `the specified association for route table ${subnet.routeTableId} conflicts with an existing association`);
  }
  subnet.routeTableId = rt.id;
  subnet.routeTableAssociationId = opts.id ?? ctx.newId('rtbAssoc', opts.logicalId ?? `${subnet.id}/${rt.id}`);
  ctx.net.touch();
  return subnet.routeTableAssociationId;
}

export function disassociateRouteTable(ctx: Ec2Context, p: Params): void {
  const assoc = str(p, 'AssociationId');
  const subnet = [...ctx.net.subnets.values()].find((s) => s.routeTableAssociationId === assoc);
  if (!subnet) throw new Ec2Error('InvalidAssociationID.NotFound', `The association ID '${assoc}' does not exist`);
  subnet.routeTableId = undefined;
  subnet.routeTableAssociationId = undefined;
  ctx.net.touch();
}

export function deleteRouteTable(ctx: Ec2Context, p: Params): void {
  const rt = getRouteTable(ctx, str(p, 'RouteTableId'));
  const vpc = getVpc(ctx, rt.vpcId);
  if (vpc.mainRouteTableId === rt.id || [...ctx.net.subnets.values()].some((s) => s.routeTableId === rt.id)) {
    throw new Ec2Error('DependencyViolation', `The routeTable '${rt.id}' has dependencies and cannot be deleted.`);
  }
  ctx.net.routeTables.delete(rt.id);
  ctx.net.touch();
}
