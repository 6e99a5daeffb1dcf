/**
 * Network ACLs compiled into flat, rule-number-ordered arrays. Evaluation is
 * first match wins; no match means the implicit `*` deny (reported as 32767 for
 * IPv4 and 32768 for IPv6, as the console and API show it).
 */
import { type Cidr, cidrContains } from '../net/cidr.ts';
import type { IpAddr } from '../net/ip.ts';
import { ICMP, ICMPV6, TCP, UDP } from '../net/protocol.ts';
import type { NetworkAcl } from '../model/types.ts';
import { PortIndex } from './port-index.ts';

export interface CompiledNaclRule {
  ruleNumber: number;
  allow: boolean;
  protocol: number;
  cidr: Cidr;
  /** Port range for TCP/UDP; -1/-1 means "any port". */
  portFrom: number;
  portTo: number;
  /** ICMP type/code (-1 = any); only checked for ICMP rules. */
  icmpType: number;
  icmpCode: number;
}

/** One direction's rules in rule-number order, with their port index. */
export interface NaclRuleList {
  rules: CompiledNaclRule[];
  index: PortIndex;
}

export interface CompiledNacl {
  id: string;
  inbound: NaclRuleList;
  outbound: NaclRuleList;
}

export const NACL_DEFAULT_RULE_V4 = 32767;
export const NACL_DEFAULT_RULE_V6 = 32768;

export function compileNacl(acl: NetworkAcl): CompiledNacl {
  const build = (egress: boolean): NaclRuleList => {
    const rules = acl.entries
      .filter((e) => e.egress === egress)
      .sort((a, b) => a.ruleNumber - b.ruleNumber)
      .map((e): CompiledNaclRule => {
        const ported = e.protocol === TCP || e.protocol === UDP;
        // ICMPv6 rules only look at type/code for IPv6 CIDRs; with an IPv4 CIDR they match all ICMP types.
        const icmpTyped = e.protocol === ICMP || (e.protocol === ICMPV6 && e.cidr.fam === 6);
        return {
          ruleNumber: e.ruleNumber, allow: e.action === 'allow', protocol: e.protocol, cidr: e.cidr,
          portFrom: ported ? e.portFrom ?? 0 : -1, portTo: ported ? e.portTo ?? 65535 : -1,
          icmpType: icmpTyped ? e.icmpType ?? -1 : -1, icmpCode: icmpTyped ? e.icmpCode ?? -1 : -1,
        };
      });
    return { rules, index: new PortIndex(rules) };
  };
  return { id: acl.id, inbound: build(false), outbound: build(true) };
}

/**
 * Index of the first matching rule, or -1 for the implicit deny. `remote` is the
 * address the rule's CIDR is compared with (source inbound, destination outbound);
 * `port` is the destination port.
 */
export function matchNacl(list: NaclRuleList, remote: IpAddr, protocol: number, port: number, icmpType: number, icmpCode: number): number {
  const rules = list.rules;
  const ids = list.index.candidates(protocol, port);
  for (let k = 0; k < ids.length; k++) {
    const i = ids[k]!;
    const r = rules[i]!;
    if (r.icmpType >= 0 && r.icmpType !== icmpType) continue;
    if (r.icmpCode >= 0 && r.icmpCode !== icmpCode) continue;
    if (!cidrContains(r.cidr, remote)) continue;
    return i;
  }
  return -1;
}
