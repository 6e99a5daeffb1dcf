/** Security groups and rules as EC2 reports them: rules with the same protocol and ports are one IpPermission. */
import type { FilterTable } from '../../../core/ec2/describe/filters.ts';
import type { Params } from '../../../core/ec2/params.ts';
import { ALL_PROTOCOLS, hasPorts, isIcmp, protocolName } from '../../../core/net/protocol.ts';
import type { Network } from '../../../core/model/network.ts';
import type { SecurityGroup, SgRule } from '../../../core/model/types.ts';
import { tagsOut } from '../handlers/describe.ts';

/** `tcp`, `udp`, `icmp`, `icmpv6`, `-1` for all, the number for anything else (as AWS reports them). */
export const ipProtocol = (p: number): string => (p === ALL_PROTOCOLS ? '-1' : protocolName(p));

function peerOf(r: SgRule, net: Network): Params {
  const d = r.description;
  switch (r.peer.kind) {
    case 'cidr': return r.peer.cidr.fam === 4 ? { IpRanges: { CidrIp: r.peer.cidr.text, Description: d } } : { Ipv6Ranges: { CidrIpv6: r.peer.cidr.text, Description: d } };
    case 'sg': return { UserIdGroupPairs: { GroupId: r.peer.groupId, UserId: r.peer.userId ?? net.account, Description: d } };
    default: return { PrefixListIds: { PrefixListId: r.peer.id, Description: d } };
  }
}

export function permissionsView(rules: readonly SgRule[], net: Network): Params[] {
  const byKey = new Map<string, Params & { IpRanges: Params[]; Ipv6Ranges: Params[]; UserIdGroupPairs: Params[]; PrefixListIds: Params[] }>();
  for (const r of rules) {
    const key = `${r.protocol}/${r.fromPort}/${r.toPort}`;
    let perm = byKey.get(key);
    if (!perm) {
      const ports = hasPorts(r.protocol) || isIcmp(r.protocol) ? { FromPort: r.fromPort, ToPort: r.toPort } : {};
      perm = { IpProtocol: ipProtocol(r.protocol), ...ports, IpRanges: [], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] };
      byKey.set(key, perm);
    }
    for (const [k, v] of Object.entries(peerOf(r, net))) (perm[k] as Params[]).push(v as Params);
  }
  return [...byKey.values()];
}

export function securityGroupView(sg: SecurityGroup, net: Network): Params {
  return {
    GroupId: sg.id, GroupName: sg.name, Description: sg.description, VpcId: sg.vpcId, OwnerId: net.account,
    IpPermissions: permissionsView(sg.ingress, net), IpPermissionsEgress: permissionsView(sg.egress, net), Tags: tagsOut(sg.tags),
  };
}

export interface RuleRef { rule: SgRule; group: SecurityGroup; egress: boolean }

export function ruleView({ rule: r, group, egress }: RuleRef, net: Network): Params {
  const peer = r.peer.kind === 'cidr'
    ? (r.peer.cidr.fam === 4 ? { CidrIpv4: r.peer.cidr.text } : { CidrIpv6: r.peer.cidr.text })
    : r.peer.kind === 'sg' ? { ReferencedGroupInfo: { GroupId: r.peer.groupId, UserId: r.peer.userId ?? net.account } } : { PrefixListId: r.peer.id };
  return {
    SecurityGroupRuleId: r.id, GroupId: group.id, GroupOwnerId: net.account, IsEgress: egress, IpProtocol: ipProtocol(r.protocol),
    FromPort: r.fromPort, ToPort: r.toPort, ...peer, Description: r.description,
  };
}

/** Every rule of every group, ingress then egress, group by group. */
export function allRules(net: Network): RuleRef[] {
  return [...net.securityGroups.values()].flatMap((group) => [
    ...group.ingress.map((rule) => ({ rule, group, egress: false })),
    ...group.egress.map((rule) => ({ rule, group, egress: true })),
  ]);
}

export const SECURITY_GROUP_RULE_FILTERS: FilterTable<RuleRef, Network> = {
  'group-id': (r) => r.group.id,
  'security-group-rule-id': (r) => r.rule.id,
};

type Side = 'ingress' | 'egress';
const perm = (side: Side, pick: (r: SgRule, g: SecurityGroup, net: Network) => string | number | undefined) =>
  (g: SecurityGroup, net: Network) => g[side].map((r) => pick(r, g, net));
const cidr = (fam: 4 | 6) => (r: SgRule) => (r.peer.kind === 'cidr' && r.peer.cidr.fam === fam ? r.peer.cidr.text : undefined);
const groupId = (r: SgRule) => (r.peer.kind === 'sg' ? r.peer.groupId : undefined);
const groupName = (r: SgRule, _: SecurityGroup, net: Network) => (r.peer.kind === 'sg' ? net.securityGroups.get(r.peer.groupId)?.name : undefined);
const prefixList = (r: SgRule) => (r.peer.kind === 'prefix-list' ? r.peer.id : undefined);
const userId = (r: SgRule, _: SecurityGroup, net: Network) => (r.peer.kind === 'sg' ? r.peer.userId ?? net.account : undefined);

function permissionFilters(prefix: string, side: Side): FilterTable<SecurityGroup, Network> {
  return {
    [`${prefix}ip-permission.cidr`]: perm(side, cidr(4)),
    [`${prefix}ip-permission.ipv6-cidr`]: perm(side, cidr(6)),
    [`${prefix}ip-permission.from-port`]: perm(side, (r) => r.fromPort),
    [`${prefix}ip-permission.to-port`]: perm(side, (r) => r.toPort),
    [`${prefix}ip-permission.protocol`]: perm(side, (r) => ipProtocol(r.protocol)),
    [`${prefix}ip-permission.group-id`]: perm(side, groupId),
    [`${prefix}ip-permission.group-name`]: perm(side, groupName),
    [`${prefix}ip-permission.prefix-list-id`]: perm(side, prefixList),
    [`${prefix}ip-permission.user-id`]: perm(side, userId),
  };
}

export const SECURITY_GROUP_FILTERS: FilterTable<SecurityGroup, Network> = {
  'group-id': (g) => g.id,
  'group-name': (g) => g.name,
  description: (g) => g.description,
  'vpc-id': (g) => g.vpcId,
  'owner-id': (_, net) => net.account,
  ...permissionFilters('', 'ingress'),
  ...permissionFilters('egress.', 'egress'),
};
