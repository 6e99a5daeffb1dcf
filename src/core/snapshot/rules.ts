/** Network ACL entries and security group permissions in the AWS CLI's shapes, into the model's rules. */
import { parseProtocol } from '../net/protocol.ts';
import type { NaclEntry, SgPeer, SgRule } from '../model/types.ts';
import { type Obj, type Place, bool, cidrAt, int, isObj, list, obj, optInt, str } from './fields.ts';

/** The `*` rules AWS prints (32767 for IPv4, 32768 for IPv6) are implicit in the model. */
export function isCatchAll(ruleNumber: number): boolean {
  return ruleNumber === 32767 || ruleNumber === 32768;
}

export function naclEntry(e: Obj, at: Place): NaclEntry | undefined {
  const ruleNumber = int(e, 'RuleNumber', at);
  if (isCatchAll(ruleNumber)) return undefined;
  if (ruleNumber < 1 || ruleNumber > 32766) throw at.at('RuleNumber').fail('a rule number 1-32766 (or 32767/32768 for *)', ruleNumber);
  const protocol = parseProtocol(e.Protocol);
  if (protocol === undefined) throw at.at('Protocol').fail('a protocol number or -1', e.Protocol);
  const action = str(e, 'RuleAction', at);
  if (action !== 'allow' && action !== 'deny') throw at.at('RuleAction').fail('"allow" or "deny"', action);
  if (e.CidrBlock === undefined && e.Ipv6CidrBlock === undefined) throw at.fail('an entry with CidrBlock or Ipv6CidrBlock', e);
  const cidr = e.CidrBlock !== undefined ? cidrAt(e, 'CidrBlock', at, 4) : cidrAt(e, 'Ipv6CidrBlock', at, 6);
  const entry: NaclEntry = { ruleNumber, egress: bool(e, 'Egress', at, false), protocol, action, cidr };
  if (isObj(e.PortRange)) {
    entry.portFrom = int(e.PortRange, 'From', at.at('PortRange'));
    entry.portTo = int(e.PortRange, 'To', at.at('PortRange'));
  } else if ((protocol === 6 || protocol === 17) && e.PortRange === undefined) {
    throw at.fail('a PortRange for a TCP or UDP entry', e.PortRange);
  }
  if (isObj(e.IcmpTypeCode)) {
    entry.icmpType = optInt(e.IcmpTypeCode, 'Type', at.at('IcmpTypeCode')) ?? -1;
    entry.icmpCode = optInt(e.IcmpTypeCode, 'Code', at.at('IcmpTypeCode')) ?? -1;
  }
  return entry;
}

/** One IpPermissions item is one rule per peer (CIDR, IPv6 CIDR, prefix list, group). */
export function sgRules(p: Obj, at: Place, ruleId: (n: number) => string): SgRule[] {
  const protocol = parseProtocol(p.IpProtocol);
  if (protocol === undefined) throw at.at('IpProtocol').fail('tcp, udp, icmp, icmpv6, -1 or a protocol number', p.IpProtocol);
  const fromPort = optInt(p, 'FromPort', at) ?? -1;
  const toPort = optInt(p, 'ToPort', at) ?? -1;
  const peers: { peer: SgPeer; description?: string | undefined }[] = [];
  const desc = (o: Obj) => (typeof o.Description === 'string' ? o.Description : undefined);
  for (const { item, at: a } of list(p, 'IpRanges', at)) peers.push({ peer: { kind: 'cidr', cidr: cidrAt(item, 'CidrIp', a, 4) }, description: desc(item) });
  for (const { item, at: a } of list(p, 'Ipv6Ranges', at)) peers.push({ peer: { kind: 'cidr', cidr: cidrAt(item, 'CidrIpv6', a, 6) }, description: desc(item) });
  for (const { item, at: a } of list(p, 'PrefixListIds', at)) peers.push({ peer: { kind: 'prefix-list', id: str(item, 'PrefixListId', a) }, description: desc(item) });
  for (const { item, at: a } of list(p, 'UserIdGroupPairs', at)) {
    peers.push({ peer: { kind: 'sg', groupId: str(item, 'GroupId', a), userId: typeof item.UserId === 'string' ? item.UserId : undefined }, description: desc(item) });
  }
  if (peers.length === 0) throw at.fail('IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs with at least one peer', obj(p, at));
  return peers.map(({ peer, description }, i) => ({ id: ruleId(i), protocol, fromPort, toPort, peer, description }));
}
