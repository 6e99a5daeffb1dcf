/** CreateVpc and friends: a VPC comes with its main route table, default network ACL and default security group. */
import { type Cidr, cidrsOverlap, makeCidr } from '../net/cidr.ts';
import { parseIp } from '../net/ip.ts';
import { ALL_PROTOCOLS } from '../net/protocol.ts';
import type { NaclEntry, Vpc } from '../model/types.ts';
import type { CreateOptions, Ec2Context } from './context.ts';
import { Ec2Error, invalidParam, notFound } from './errors.ts';
import { type Params, checkCidr, optBool, optStr, str, tagsFor } from './params.ts';
import { cidr as parseCidrStrict } from '../net/cidr.ts';

export const ANY_V4 = parseCidrStrict('0.0.0.0/0');
export const ANY_V6 = parseCidrStrict('::/0');

export function getVpc(ctx: Ec2Context, id: string): Vpc {
  const v = ctx.net.vpcs.get(id);
  if (!v) throw notFound('InvalidVpcID.NotFound', 'vpc', id);
  return v;
}

/** An Amazon-provided /56: derived from the VPC id so it is stable for a seed. */
function amazonIpv6Block(vpcId: string): Cidr {
  const hex = vpcId.replace(/^vpc-/, '').padEnd(8, '0');
  const a = parseInt(hex.slice(0, 4), 16), b = parseInt(hex.slice(4, 6), 16);
  return makeCidr(parseIp(`2600:1f18:${a.toString(16)}:${(b << 8).toString(16)}::`)!, 56);
}

export function createVpc(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): Vpc {
  const cidr = checkCidr(str(p, 'CidrBlock'), 'CidrBlock', 4);
  if (cidr.prefix < 16 || cidr.prefix > 28) {
    throw invalidParam(`The CIDR '${cidr.text}' is invalid. VPC CIDR blocks must be between a /16 netmask and /28 netmask.`);
  }
  const key = opts.logicalId ?? `vpc#${ctx.net.vpcs.size}`;
  const id = opts.id ?? ctx.newId('vpc', key);
  const vpc: Vpc = {
    id, logicalId: opts.logicalId, tags: tagsFor(p, 'vpc'), cidrs: [cidr], ipv6Cidrs: [],
    mainRouteTableId: ctx.newId('routeTable', `${id}/main`),
    defaultNetworkAclId: ctx.newId('nacl', `${id}/default`),
    defaultSecurityGroupId: ctx.newId('sg', `${id}/default`),
    enableDnsSupport: optBool(p, 'EnableDnsSupport') ?? true,
  };
  ctx.net.vpcs.set(id, vpc);
  ctx.net.routeTables.set(vpc.mainRouteTableId, {
    id: vpc.mainRouteTableId, tags: [], vpcId: id,
    routes: [{ dest: cidr, target: { kind: 'local' }, origin: 'CreateRouteTable' }],
  });
  ctx.net.networkAcls.set(vpc.defaultNetworkAclId, {
    id: vpc.defaultNetworkAclId, tags: [], vpcId: id, isDefault: true,
    entries: [allowAll(100, false, ANY_V4), allowAll(100, true, ANY_V4)],
  });
  ctx.net.securityGroups.set(vpc.defaultSecurityGroupId, {
    id: vpc.defaultSecurityGroupId, tags: [], vpcId: id, name: 'default', description: 'default VPC security group',
    ingress: [{ id: ctx.newId('sgRule', `${vpc.defaultSecurityGroupId}/in/self`), protocol: ALL_PROTOCOLS, fromPort: -1, toPort: -1, peer: { kind: 'sg', groupId: vpc.defaultSecurityGroupId } }],
    egress: [{ id: ctx.newId('sgRule', `${vpc.defaultSecurityGroupId}/out/v4`), protocol: ALL_PROTOCOLS, fromPort: -1, toPort: -1, peer: { kind: 'cidr', cidr: ANY_V4 } }],
  });
  if (optBool(p, 'AmazonProvidedIpv6CidrBlock')) addIpv6(ctx, vpc, amazonIpv6Block(id));
  const v6 = optStr(p, 'Ipv6CidrBlock');
  if (v6) addIpv6(ctx, vpc, checkCidr(v6, 'Ipv6CidrBlock', 6));
  ctx.net.touch();
  return vpc;
}

function allowAll(ruleNumber: number, egress: boolean, cidr: Cidr): NaclEntry {
  return { ruleNumber, egress, protocol: ALL_PROTOCOLS, action: 'allow', cidr };
}

/** Adding IPv6 to a VPC: local route, and the default ACL/SG's IPv6 allow rules (when untouched, as AWS does). */
function addIpv6(ctx: Ec2Context, vpc: Vpc, block: Cidr): void {
  vpc.ipv6Cidrs.push(block);
  for (const rt of ctx.net.routeTables.values()) {
    if (rt.vpcId === vpc.id) rt.routes.push({ dest: block, target: { kind: 'local' }, origin: 'CreateRouteTable' });
  }
  const acl = ctx.net.networkAcls.get(vpc.defaultNetworkAclId)!;
  if (!acl.entries.some((e) => e.cidr.fam === 6)) {
    acl.entries.push(allowAll(101, false, ANY_V6), allowAll(101, true, ANY_V6));
  }
  const sg = ctx.net.securityGroups.get(vpc.defaultSecurityGroupId)!;
  if (!sg.egress.some((r) => r.peer.kind === 'cidr' && r.peer.cidr.fam === 6)) {
    sg.egress.push({ id: ctx.newId('sgRule', `${sg.id}/out/v6`), protocol: ALL_PROTOCOLS, fromPort: -1, toPort: -1, peer: { kind: 'cidr', cidr: ANY_V6 } });
  }
}

export function associateVpcCidrBlock(ctx: Ec2Context, p: Params): { vpc: Vpc; cidr: Cidr } {
  const vpc = getVpc(ctx, str(p, 'VpcId'));
  let block: Cidr;
  if (optBool(p, 'AmazonProvidedIpv6CidrBlock')) {
    if (vpc.ipv6Cidrs.length) throw new Ec2Error('CidrLimitExceeded', `This network '${vpc.id}' has met its maximum number of allowed CIDRs: 1`);
    block = amazonIpv6Block(vpc.id);
  } else if (optStr(p, 'Ipv6CidrBlock')) {
    block = checkCidr(str(p, 'Ipv6CidrBlock'), 'Ipv6CidrBlock', 6);
  } else {
    block = checkCidr(str(p, 'CidrBlock'), 'CidrBlock', 4);
    if (block.prefix < 16 || block.prefix > 28) throw invalidParam(`The CIDR '${block.text}' is invalid.`);
    const clash = vpc.cidrs.find((c) => cidrsOverlap(c, block));
    if (clash) throw new Ec2Error('InvalidVpc.Range', `The CIDR '${block.text}' conflicts with another subnet`);
  }
  if (block.fam === 6) addIpv6(ctx, vpc, block);
  else {
    vpc.cidrs.push(block);
    for (const rt of ctx.net.routeTables.values()) {
      if (rt.vpcId === vpc.id) rt.routes.push({ dest: block, target: { kind: 'local' }, origin: 'CreateRouteTable' });
    }
  }
  ctx.net.touch();
  return { vpc, cidr: block };
}

export function deleteVpc(ctx: Ec2Context, p: Params): void {
  const vpc = getVpc(ctx, str(p, 'VpcId'));
  const n = ctx.net;
  const busy = [...n.subnets.values()].some((s) => s.vpcId === vpc.id) ||
    [...n.internetGateways.values()].some((g) => g.vpcId === vpc.id) ||
    [...n.securityGroups.values()].some((g) => g.vpcId === vpc.id && g.id !== vpc.defaultSecurityGroupId) ||
    [...n.routeTables.values()].some((r) => r.vpcId === vpc.id && r.id !== vpc.mainRouteTableId) ||
    [...n.networkAcls.values()].some((a) => a.vpcId === vpc.id && a.id !== vpc.defaultNetworkAclId);
  if (busy) throw new Ec2Error('DependencyViolation', `The vpc '${vpc.id}' has dependencies and cannot be deleted.`);
  n.routeTables.delete(vpc.mainRouteTableId);
  n.networkAcls.delete(vpc.defaultNetworkAclId);
  n.securityGroups.delete(vpc.defaultSecurityGroupId);
  n.vpcs.delete(vpc.id);
  n.touch();
}
