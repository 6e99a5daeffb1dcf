/**
 * Security groups compiled per interface: the union of every rule of every
 * group on it. Allow-only, order irrelevant. A rule that names a security group
 * matches the private addresses of the interfaces that carry that group.
 */
import { type Cidr, cidrContains } from '../net/cidr.ts';
import { PortIndex } from './port-index.ts';
import type { IpAddr } from '../net/ip.ts';
import { ALL_PROTOCOLS, ICMP, ICMPV6, TCP, UDP, protocolName } from '../net/protocol.ts';
import type { SgRule } from '../model/types.ts';

export interface CompiledSgRule {
  groupId: string;
  ruleId: string;
  protocol: number;
  /** Port range for TCP/UDP (-1/-1 any); ICMP type/code in the same slots (-1 any). */
  from: number;
  to: number;
  icmp: boolean;
  cidr: Cidr | undefined;
  /** Members of a referenced group (interned addresses, so identity comparison works). */
  members: ReadonlySet<IpAddr> | undefined;
  /** A rule for every address of its family (0.0.0.0/0 or ::/0): decides whether a flow is tracked. */
  anyAddress: boolean;
  /** All protocols and ports (or all ports of TCP/UDP) to any address. */
  allTraffic: boolean;
  /** How a person would read the rule: "tcp 3306 from sg-0abc". */
  text: string;
}

export function compileSgRule(groupId: string, r: SgRule, membersOf: (groupId: string) => ReadonlySet<IpAddr>): CompiledSgRule {
  const icmp = r.protocol === ICMP || r.protocol === ICMPV6;
  const ported = r.protocol === TCP || r.protocol === UDP;
  const cidr = r.peer.kind === 'cidr' ? r.peer.cidr : undefined;
  const anyAddress = cidr !== undefined && cidr.prefix === 0;
  return {
    groupId, ruleId: r.id, protocol: r.protocol,
    from: ported || icmp ? r.fromPort : -1, to: ported || icmp ? r.toPort : -1, icmp,
    cidr, members: r.peer.kind === 'sg' ? membersOf(r.peer.groupId) : undefined,
    anyAddress,
    allTraffic: anyAddress && (r.protocol === ALL_PROTOCOLS || (ported && r.fromPort <= 0 && r.toPort >= 65535)),
    text: ruleText(r),
  };
}

/** The union of an interface's rules in one direction, with their port index. */
export interface SgRuleList {
  rules: CompiledSgRule[];
  index: PortIndex;
  /** Whether the list allows all traffic to every address, for TCP/UDP over IPv4/IPv6 (AWS's untracked condition). */
  allTcp4: boolean;
  allUdp4: boolean;
  allTcp6: boolean;
  allUdp6: boolean;
}

export function sgRuleList(rules: CompiledSgRule[]): SgRuleList {
  const all = (fam: 4 | 6, protocol: number) => rules.some((r) => r.allTraffic && r.cidr !== undefined && r.cidr.fam === fam && (r.protocol === ALL_PROTOCOLS || r.protocol === protocol));
  return {
    rules, index: new PortIndex(rules.map((r) => ({ protocol: r.protocol, portFrom: r.icmp ? -1 : r.from, portTo: r.icmp ? -1 : r.to }))),
    allTcp4: all(4, TCP), allUdp4: all(4, UDP), allTcp6: all(6, TCP), allUdp6: all(6, UDP),
  };
}

function ruleText(r: SgRule): string {
  const proto = r.protocol === ALL_PROTOCOLS ? 'all traffic' : protocolName(r.protocol);
  const ports = r.protocol === ALL_PROTOCOLS || r.fromPort === -1 ? '' : r.fromPort === r.toPort ? ` ${r.fromPort}` : ` ${r.fromPort}-${r.toPort}`;
  const peer = r.peer.kind === 'cidr' ? r.peer.cidr.text : r.peer.kind === 'sg' ? r.peer.groupId : r.peer.id;
  return `${proto}${ports} ${peer}`;
}

/** The first allowing rule's index, or -1 (no rule allows: the packet is rejected). */
export function matchSg(list: SgRuleList, remote: IpAddr, protocol: number, port: number, icmpType: number, icmpCode: number): number {
  const rules = list.rules;
  const ids = list.index.candidates(protocol, port);
  for (let k = 0; k < ids.length; k++) {
    const i = ids[k]!;
    const r = rules[i]!;
    if (r.icmp) {
      if (r.from >= 0 && r.from !== icmpType) continue;
      if (r.to >= 0 && r.to !== icmpCode) continue;
    }
    if (r.cidr !== undefined) {
      if (!cidrContains(r.cidr, remote)) continue;
    } else if (r.members === undefined || !r.members.has(remote)) continue;
    return i;
  }
  return -1;
}

/** Whether the opposite direction allows all traffic to every address of the family (AWS's "untracked" condition). */
export function allowsAllTraffic(list: SgRuleList, fam: 4 | 6, protocol: number): boolean {
  if (protocol === TCP) return fam === 4 ? list.allTcp4 : list.allTcp6;
  if (protocol === UDP) return fam === 4 ? list.allUdp4 : list.allUdp6;
  return false;
}
