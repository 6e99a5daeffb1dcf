/**
 * The smallest change that lifts each blocker, as a sentence and as the EC2
 * action that makes it (so it can go straight into a scenario's `changes`).
 */
import { cidrContains } from '../net/cidr.ts';
import type { IpAddr } from '../net/ip.ts';
import { ICMP, ICMPV6, TCP, UDP, protocolName } from '../net/protocol.ts';
import type { Network } from '../model/network.ts';
import { MAX_RULE } from '../ec2/network-acls.ts';
import type { Packet } from '../dataplane/packet.ts';
import type { Blocker, Fix, Leg, Question } from './types.ts';

/** AWS's advice for reply traffic: allow the whole range clients may pick their port from. */
const EPHEMERAL = { from: 1024, to: 65535 } as const;

function named(net: Network, id: string): string {
  const l = net.logicalIdOf(id);
  return l ? `${id} (${l})` : id;
}

function hostCidr(a: IpAddr): string {
  return `${a.text}/${a.fam === 4 ? 32 : 128}`;
}

/** The subnet block of an in-VPC address (a rule for the whole tier), else the single host. */
function peerCidr(net: Network, a: IpAddr): string {
  for (const e of net.interfaces.values()) {
    if (e.privateIps.includes(a) || e.ipv6Ips.includes(a)) {
      const s = net.subnets.get(e.subnetId)!;
      return a.fam === 4 ? s.cidr.text : s.ipv6Cidr?.text ?? hostCidr(a);
    }
  }
  return hostCidr(a);
}

function groupOf(net: Network, a: IpAddr): string | undefined {
  for (const e of net.interfaces.values()) if (e.privateIps.includes(a) || e.ipv6Ips.includes(a)) return e.groups[0];
  return undefined;
}

/** A free rule number: just below `before` for an explicit deny, else the next round number after the last rule. */
function freeRuleNumber(net: Network, aclId: string, egress: boolean, before: number | undefined): number | undefined {
  const taken = new Set((net.networkAcls.get(aclId)?.entries ?? []).filter((e) => e.egress === egress).map((e) => e.ruleNumber));
  if (before !== undefined) {
    for (let n = before - 1; n >= 1; n--) if (!taken.has(n)) return n;
    return undefined;
  }
  const max = Math.max(0, ...taken);
  for (let n = max === 0 ? 100 : Math.floor(max / 10) * 10 + 10; n <= MAX_RULE; n += 10) if (!taken.has(n)) return n;
  for (let n = 1; n <= MAX_RULE; n++) if (!taken.has(n)) return n;
  return undefined;
}

function ports(p: Packet, response: boolean): { text: string; range?: { From: number; To: number } } {
  if (p.protocol === TCP || p.protocol === UDP) {
    const r = response ? EPHEMERAL : { from: p.dport, to: p.dport };
    return { text: r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`, range: { From: r.from, To: r.to } };
  }
  return { text: p.protocol === ICMP || p.protocol === ICMPV6 ? 'all types' : 'all' };
}

function naclFix(net: Network, b: Blocker, p: Packet, response: boolean): Fix {
  const egress = b.direction === 'outbound';
  const remote = egress ? p.dst : p.src;
  const explicit = b.ruleNumber !== undefined && b.ruleNumber < 32767;
  const n = freeRuleNumber(net, b.id, egress, explicit ? b.ruleNumber : undefined);
  const cidr = peerCidr(net, remote);
  const pr = ports(p, response);
  const proto = protocolName(p.protocol);
  const params: Record<string, unknown> = {
    NetworkAclId: b.id, RuleNumber: n ?? b.ruleNumber, Protocol: String(p.protocol), RuleAction: 'allow', Egress: egress,
    [remote.fam === 4 ? 'CidrBlock' : 'Ipv6CidrBlock']: cidr,
  };
  if (pr.range) params.PortRange = pr.range;
  if (p.protocol === ICMP || p.protocol === ICMPV6) params.IcmpTypeCode = { Type: -1, Code: -1 };
  const dir = egress ? 'outbound' : 'inbound';
  const what = `${response && pr.range ? 'ephemeral-port ' : ''}rule`;
  const where = egress ? `to ${cidr}` : `from ${cidr}`;
  if (n === undefined) {
    return { text: `replace ${dir} rule ${b.ruleNumber} of ${named(net, b.id)} with: allow ${proto} ${pr.text} ${where}`, action: 'ReplaceNetworkAclEntry', params: { ...params, RuleNumber: b.ruleNumber } };
  }
  const text = explicit
    ? `add an ${dir} ${what} before rule ${b.ruleNumber} of ${named(net, b.id)}: rule ${n} allow ${proto} ${pr.text} ${where}`
    : `add an ${dir} ${what} to ${named(net, b.id)}: rule ${n} allow ${proto} ${pr.text} ${where}`;
  return { text, action: 'CreateNetworkAclEntry', params };
}

function sgFix(net: Network, b: Blocker, p: Packet, response: boolean): Fix {
  const egress = b.direction === 'outbound';
  const remote = egress ? p.dst : p.src;
  const refGroup = groupOf(net, remote);
  const sameVpc = refGroup && net.securityGroups.get(refGroup)?.vpcId === net.securityGroups.get(b.id)?.vpcId;
  const pr = ports(p, response);
  const perm: Record<string, unknown> = { IpProtocol: protocolName(p.protocol) === 'all' ? '-1' : protocolName(p.protocol) };
  if (pr.range) { perm.FromPort = pr.range.From; perm.ToPort = pr.range.To; }
  else if (p.protocol === ICMP || p.protocol === ICMPV6) { perm.FromPort = -1; perm.ToPort = -1; }
  let peerText: string;
  if (sameVpc) {
    perm.UserIdGroupPairs = [{ GroupId: refGroup }];
    peerText = named(net, refGroup!);
  } else {
    peerText = hostCidr(remote);
    perm[remote.fam === 4 ? 'IpRanges' : 'Ipv6Ranges'] = [remote.fam === 4 ? { CidrIp: peerText } : { CidrIpv6: peerText }];
  }
  return {
    text: `add ${egress ? 'outbound' : 'inbound'} rule ${protocolName(p.protocol)} ${pr.text} ${egress ? 'to' : 'from'} ${peerText} to ${named(net, b.id)}`,
    action: egress ? 'AuthorizeSecurityGroupEgress' : 'AuthorizeSecurityGroupIngress',
    params: { GroupId: b.id, IpPermissions: [perm] },
  };
}

function vpcOfRouteTable(net: Network, rtbId: string): string | undefined {
  return net.routeTables.get(rtbId)?.vpcId;
}

function igwOf(net: Network, vpcId: string | undefined): string | undefined {
  return [...net.internetGateways.values()].find((g) => g.vpcId === vpcId)?.id;
}

function routeFix(net: Network, b: Blocker, p: Packet, outbound: IpAddr): Fix {
  const vpcId = vpcOfRouteTable(net, b.id);
  const igw = igwOf(net, vpcId);
  const anyDest = outbound.fam === 4 ? '0.0.0.0/0' : '::/0';
  const destKey = outbound.fam === 4 ? 'DestinationCidrBlock' : 'DestinationIpv6CidrBlock';
  if (!igw) {
    return { text: `create an internet gateway, attach it to ${named(net, vpcId ?? '?')}, and route ${anyDest} to it from ${named(net, b.id)}`, action: 'CreateInternetGateway', params: {} };
  }
  const rt = net.routeTables.get(b.id);
  const existing = rt?.routes.find((r) => r.dest.prefix === 0 && r.dest.fam === outbound.fam);
  if (b.code === 'blackhole' && existing) {
    return { text: `point the ${existing.dest.text} route of ${named(net, b.id)} at ${named(net, igw)}`, action: 'ReplaceRoute', params: { RouteTableId: b.id, [destKey]: existing.dest.text, GatewayId: igw } };
  }
  // A default route to something else (a NAT gateway) stays; a host route back to the gateway is the smaller change.
  const covered = rt?.routes.some((r) => cidrContains(r.dest, outbound));
  const dest = covered ? `${outbound.text}/${outbound.fam === 4 ? 32 : 128}` : anyDest;
  return { text: `add route ${dest} → ${named(net, igw)} to ${named(net, b.id)}`, action: 'CreateRoute', params: { RouteTableId: b.id, [destKey]: dest, GatewayId: igw } };
}

function gatewayFix(net: Network, b: Blocker, q: Question): Fix | undefined {
  const eni = b.code === 'no-public-target' ? q.to.eni : q.from.eni ?? q.to.eni;
  switch (b.code) {
    case 'no-public-ip': case 'no-public-target':
      if (!eni) return undefined;
      return { text: `give ${named(net, eni.id)} a public address: allocate an Elastic IP and associate it with the interface`, action: 'AssociateAddress', params: { NetworkInterfaceId: eni.id } };
    case 'no-igw':
      return { text: `create an internet gateway and attach it to ${named(net, b.id)}`, action: 'CreateInternetGateway', params: {} };
    case 'source-dest-check':
      return { text: `turn off the source/destination check of ${named(net, b.id)}`, action: 'ModifyNetworkInterfaceAttribute', params: { NetworkInterfaceId: b.id, SourceDestCheck: { Value: false } } };
    case 'private-nat':
      return { text: `use a public NAT gateway (with an Elastic IP) instead of ${named(net, b.id)}`, action: 'CreateNatGateway', params: { ConnectivityType: 'public' } };
    default:
      return undefined;
  }
}

export function fixesFor(net: Network, q: Question, legs: Leg[], req: Packet): Fix[] {
  const out: Fix[] = [];
  for (const l of legs) {
    const response = l.leg === 'response';
    // The leg's packet as first sent: the request, or its mirror image.
    const p: Packet = response ? { ...req, src: req.dst, dst: req.src, sport: req.dport, dport: req.sport } : req;
    for (const b of l.blockedBy) {
      let f: Fix | undefined;
      if (b.type === 'network-acl') f = naclFix(net, b, p, response);
      else if (b.type === 'security-group') f = sgFix(net, b, p, response);
      else if (b.type === 'route' && (b.code === 'no-route' || b.code === 'blackhole')) f = routeFix(net, b, p, p.dst);
      else if (b.type === 'route' && b.code === 'no-return-route') f = routeFix(net, b, p, p.src);
      else f = gatewayFix(net, b, q);
      if (f && !out.some((x) => x.text === f!.text)) out.push(f);
    }
  }
  return out;
}
