/** A network ACL as DescribeNetworkAcls reports it (with the implicit `*` deny rules), and its filters. */
import type { FilterTable } from '../../../core/ec2/describe/filters.ts';
import { DEFAULT_RULE_V4, DEFAULT_RULE_V6 } from '../../../core/ec2/network-acls.ts';
import type { Params } from '../../../core/ec2/params.ts';
import type { Network } from '../../../core/model/network.ts';
import type { NaclEntry, NetworkAcl } from '../../../core/model/types.ts';
import { tagsOut } from '../handlers/describe.ts';

export function entryView(e: NaclEntry): Params {
  return {
    RuleNumber: e.ruleNumber, Protocol: String(e.protocol), RuleAction: e.action, Egress: e.egress,
    ...(e.cidr.fam === 4 ? { CidrBlock: e.cidr.text } : { Ipv6CidrBlock: e.cidr.text }),
    PortRange: e.portFrom !== undefined ? { From: e.portFrom, To: e.portTo } : undefined,
    IcmpTypeCode: e.icmpType !== undefined ? { Type: e.icmpType, Code: e.icmpCode } : undefined,
  };
}

/** The entries AWS lists: egress first, by rule number, each direction ending with its `*` deny rules. */
export function entriesOf(acl: NetworkAcl, net: Network): Params[] {
  const ipv6 = (net.vpcs.get(acl.vpcId)?.ipv6Cidrs.length ?? 0) > 0;
  const out: Params[] = [];
  for (const egress of [true, false]) {
    const mine = acl.entries.filter((e) => e.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
    out.push(...mine.map(entryView));
    out.push({ RuleNumber: DEFAULT_RULE_V4, Protocol: '-1', RuleAction: 'deny', Egress: egress, CidrBlock: '0.0.0.0/0' });
    if (ipv6) out.push({ RuleNumber: DEFAULT_RULE_V6, Protocol: '-1', RuleAction: 'deny', Egress: egress, Ipv6CidrBlock: '::/0' });
  }
  return out;
}

export function associationsOf(acl: NetworkAcl, net: Network): Params[] {
  return [...net.subnets.values()].filter((s) => s.networkAclId === acl.id)
    .map((s) => ({ NetworkAclAssociationId: s.networkAclAssociationId, NetworkAclId: acl.id, SubnetId: s.id }));
}

export function networkAclView(acl: NetworkAcl, net: Network): Params {
  return {
    NetworkAclId: acl.id, VpcId: acl.vpcId, OwnerId: net.account, IsDefault: acl.isDefault,
    Entries: entriesOf(acl, net), Associations: associationsOf(acl, net), Tags: tagsOut(acl.tags),
  };
}

const entryField = (pick: (e: Params) => unknown) => (acl: NetworkAcl, net: Network) =>
  entriesOf(acl, net).map((e) => pick(e) as string | number | boolean | undefined);
const assocField = (name: string) => (acl: NetworkAcl, net: Network) => associationsOf(acl, net).map((a) => a[name] as string);

export const NETWORK_ACL_FILTERS: FilterTable<NetworkAcl, Network> = {
  'network-acl-id': (a) => a.id,
  'vpc-id': (a) => a.vpcId,
  default: (a) => a.isDefault,
  'owner-id': (_, net) => net.account,
  'association.association-id': assocField('NetworkAclAssociationId'),
  'association.network-acl-id': assocField('NetworkAclId'),
  'association.subnet-id': assocField('SubnetId'),
  'entry.cidr': entryField((e) => e.CidrBlock),
  'entry.ipv6-cidr': entryField((e) => e.Ipv6CidrBlock),
  'entry.egress': entryField((e) => e.Egress),
  'entry.protocol': entryField((e) => e.Protocol),
  'entry.rule-action': entryField((e) => e.RuleAction),
  'entry.rule-number': entryField((e) => e.RuleNumber),
  'entry.port-range.from': entryField((e) => (e.PortRange as Params | undefined)?.From),
  'entry.port-range.to': entryField((e) => (e.PortRange as Params | undefined)?.To),
  'entry.icmp.type': entryField((e) => (e.IcmpTypeCode as Params | undefined)?.Type),
  'entry.icmp.code': entryField((e) => (e.IcmpTypeCode as Params | undefined)?.Code),
};
