/** Security groups: allow-only rules, unioned; a new group allows all IPv4 egress. */
import { ALL_PROTOCOLS, ICMP, ICMPV6, TCP, UDP, parseProtocol, protocolName } from '../net/protocol.ts';
import type { SecurityGroup, SgPeer, SgRule } from '../model/types.ts';
import type { CreateOptions, Ec2Context } from './context.ts';
import { Ec2Error, invalidParam, notFound } from './errors.ts';
import { type Params, checkCidr, list, optInt, optStr, str, tagsFor } from './params.ts';
import { ANY_V4, getVpc } from './vpcs.ts';

export function getSecurityGroup(ctx: Ec2Context, id: string): SecurityGroup {
  const g = ctx.net.securityGroups.get(id);
  if (!g) throw notFound('InvalidGroup.NotFound', 'security group', id);
  return g;
}

export function createSecurityGroup(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): SecurityGroup {
  const vpc = getVpc(ctx, str(p, 'VpcId'));
  const name = (optStr(p, 'GroupName') ?? opts.logicalId ?? `sg-${ctx.net.securityGroups.size}`).replace(/\s+$/, '');
  const description = str(p, 'Description');
  if (name.length > 255 || !/^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/.test(name)) {
    throw invalidParam(`Invalid security group name '${name}': up to 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*`);
  }
  if (/^sg-/i.test(name)) throw invalidParam(`Group names may not be in the format sg-*: '${name}'`);
  for (const g of ctx.net.securityGroups.values()) {
    if (g.vpcId === vpc.id && g.name === name) {
      throw new Ec2Error('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpc.id}'`);
    }
  }
  const id = opts.id ?? ctx.newId('sg', opts.logicalId ?? `sg#${ctx.net.securityGroups.size}`);
  const sg: SecurityGroup = {
    id, logicalId: opts.logicalId, tags: tagsFor(p, 'security-group'), vpcId: vpc.id, name, description, ingress: [],
    egress: [{ id: ctx.newId('sgRule', `${id}/out/default`), protocol: ALL_PROTOCOLS, fromPort: -1, toPort: -1, peer: { kind: 'cidr', cidr: ANY_V4 } }],
  };
  ctx.net.securityGroups.set(id, sg);
  ctx.net.touch();
  return sg;
}

type RuleShape = Omit<SgRule, 'id'>;

/** Reads `IpPermissions` (or the legacy flat form) into rules, validating as AWS does. */
export function parsePermissions(ctx: Ec2Context, sg: SecurityGroup, p: Params, egress: boolean): RuleShape[] {
  const perms = list(p, 'IpPermissions') as Params[];
  if (perms.length === 0) {
    // Legacy form: IpProtocol/FromPort/ToPort/CidrIp/SourceSecurityGroupId at the top level.
    const flat: Params = { IpProtocol: p.IpProtocol ?? '-1', FromPort: p.FromPort, ToPort: p.ToPort };
    if (p.CidrIp) flat.IpRanges = [{ CidrIp: p.CidrIp }];
    const src = p.SourceSecurityGroupId ?? p.DestinationSecurityGroupId ?? p.SourceSecurityGroupName;
    if (src) flat.UserIdGroupPairs = [{ GroupId: src }];
    if (!flat.IpRanges && !flat.UserIdGroupPairs) throw invalidParam('The request must contain IpPermissions, CidrIp or a security group source');
    perms.push(flat);
  }
  const out: RuleShape[] = [];
  for (const perm of perms) {
    const protoText = str(perm, 'IpProtocol');
    const protocol = parseProtocol(protoText);
    if (protocol === undefined) throw invalidParam(`Invalid value '${protoText}' for IP protocol. Unknown protocol.`);
    let fromPort = -1, toPort = -1;
    if (protocol === TCP || protocol === UDP) {
      const f = optInt(perm, 'FromPort'), t = optInt(perm, 'ToPort');
      if (f === undefined || t === undefined) throw new Ec2Error('InvalidParameterValue', `Invalid value for portRange. Must specify both from and to ports with TCP/UDP.`);
      if (f < 0 || t > 65535 || f > t) {
        throw new Ec2Error('InvalidParameterValue', `Invalid value for portRange. Must specify both from and to ports with TCP/UDP, 0-65535, from <= to (got ${f}-${t}).`);
      }
      fromPort = f; toPort = t;
    } else if (protocol === ICMP || protocol === ICMPV6) {
      fromPort = optInt(perm, 'FromPort') ?? -1;
      toPort = optInt(perm, 'ToPort') ?? -1;
      if (fromPort < -1 || fromPort > 255 || toPort < -1 || toPort > 255) throw invalidParam(`Invalid ICMP type/code ${fromPort}/${toPort}`);
      if (fromPort === -1 && toPort !== -1) throw invalidParam('Invalid value for portRange. ICMP code must be -1 when the type is -1.');
    }
    const peers: { peer: SgPeer; description?: string | undefined }[] = [];
    for (const r of list(perm, 'IpRanges') as Params[]) peers.push({ peer: { kind: 'cidr', cidr: checkCidr(str(r, 'CidrIp'), 'CidrIp', 4) }, description: optStr(r, 'Description') });
    for (const r of list(perm, 'Ipv6Ranges') as Params[]) peers.push({ peer: { kind: 'cidr', cidr: checkCidr(str(r, 'CidrIpv6'), 'CidrIpv6', 6) }, description: optStr(r, 'Description') });
    for (const r of list(perm, 'UserIdGroupPairs') as Params[]) {
      const gid = optStr(r, 'GroupId') ?? resolveGroupName(ctx, sg, str(r, 'GroupName'));
      getSecurityGroup(ctx, gid);
      peers.push({ peer: { kind: 'sg', groupId: gid, userId: optStr(r, 'UserId') }, description: optStr(r, 'Description') });
    }
    for (const r of list(perm, 'PrefixListIds') as Params[]) peers.push({ peer: { kind: 'prefix-list', id: str(r, 'PrefixListId') }, description: optStr(r, 'Description') });
    if (peers.length === 0) throw invalidParam(`The ${egress ? 'destination' : 'source'} of a rule must be a CIDR, a security group or a prefix list`);
    for (const { peer, description } of peers) out.push({ protocol, fromPort, toPort, peer, description });
  }
  return out;
}

function resolveGroupName(ctx: Ec2Context, sg: SecurityGroup, name: string): string {
  const g = [...ctx.net.securityGroups.values()].find((x) => x.vpcId === sg.vpcId && x.name === name);
  if (!g) throw new Ec2Error('InvalidGroup.NotFound', `The security group '${name}' does not exist in VPC '${sg.vpcId}'`);
  return g.id;
}

function sameRule(a: RuleShape, b: RuleShape): boolean {
  const peerKey = (x: SgPeer) => (x.kind === 'cidr' ? x.cidr.text : x.kind === 'sg' ? x.groupId : x.id);
  return a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort &&
    a.peer.kind === b.peer.kind && peerKey(a.peer) === peerKey(b.peer);
}

export function describeRule(r: RuleShape): string {
  const peer = r.peer.kind === 'cidr' ? r.peer.cidr.text : r.peer.kind === 'sg' ? r.peer.groupId : r.peer.id;
  const ports = r.protocol === ALL_PROTOCOLS ? 'all' : r.fromPort === r.toPort ? `${r.fromPort}` : `${r.fromPort}-${r.toPort}`;
  return `peer: ${peer}, ${protocolName(r.protocol).toUpperCase()}, ports: ${ports}, ALLOW`;
}

export function authorize(ctx: Ec2Context, p: Params, egress: boolean): SgRule[] {
  const sg = getSecurityGroup(ctx, str(p, 'GroupId'));
  const rules = egress ? sg.egress : sg.ingress;
  const added: SgRule[] = [];
  for (const shape of parsePermissions(ctx, sg, p, egress)) {
    if (rules.some((r) => sameRule(r, shape)) || added.some((r) => sameRule(r, shape))) {
      throw new Ec2Error('InvalidPermission.Duplicate', `the specified rule "${describeRule(shape)}" already exists`);
    }
    added.push({ id: ctx.newId('sgRule', `${sg.id}/${egress ? 'out' : 'in'}/${describeRule(shape)}`), ...shape });
  }
  rules.push(...added);
  ctx.net.touch();
  return added;
}

export function revoke(ctx: Ec2Context, p: Params, egress: boolean): void {
  const sg = getSecurityGroup(ctx, str(p, 'GroupId'));
  const rules = egress ? sg.egress : sg.ingress;
  const ids = list(p, 'SecurityGroupRuleIds') as string[];
  const shapes = ids.length ? [] : parsePermissions(ctx, sg, p, egress);
  const doomed = new Set<SgRule>();
  for (const id of ids) {
    const r = rules.find((x) => x.id === id);
    if (!r) throw new Ec2Error('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
    doomed.add(r);
  }
  for (const s of shapes) {
    const r = rules.find((x) => sameRule(x, s));
    if (!r) throw new Ec2Error('InvalidPermission.NotFound', `The specified rule does not exist in this security group: ${describeRule(s)}`);
    doomed.add(r);
  }
  const keep = rules.filter((r) => !doomed.has(r));
  rules.length = 0;
  rules.push(...keep);
  ctx.net.touch();
}

export function deleteSecurityGroup(ctx: Ec2Context, p: Params): void {
  const sg = getSecurityGroup(ctx, str(p, 'GroupId'));
  const vpc = ctx.net.vpcs.get(sg.vpcId);
  if (vpc?.defaultSecurityGroupId === sg.id) throw new Ec2Error('CannotDelete', `the specified group: "${sg.id}" name: "default" cannot be deleted by a user`);
  if ([...ctx.net.interfaces.values()].some((e) => e.groups.includes(sg.id))) {
    throw new Ec2Error('DependencyViolation', `resource ${sg.id} has a dependent object`);
  }
  ctx.net.securityGroups.delete(sg.id);
  ctx.net.touch();
}
