/**
 * Network ACLs compiled into flat, rule-number-ordered arrays. Evaluation is
 * first match wins; no match means the implicit `*` deny (reported as 32767 for
 * IPv4 and 32768 for IPv6, as the console and API show it).
 */
import { type Cidr, cidrContains } from '../net/cidr.ts';
import type { IpAddr } from '../net/ip.ts';
import { ALL_PROTOCOLS, ICMP, ICMPV6, TCP, UDP } from '../net/protocol.ts';
import type { NetworkAcl } from '../model/types.ts';

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

export interface CompiledNacl {
  id: string;
  inbound: CompiledNaclRule[];
  outbound: CompiledNaclRule[];
}

export const NACL_DEFAULT_RULE_V4 = 32767;
export const NACL_DEFAULT_RULE_V6 = 32768;

export function compileNacl(acl: NetworkAcl): CompiledNacl {
  const build = (egress: boolean) =>
    acl.entries
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
  return { id: acl.id, inbound: build(false), outbound: build(true) };
}

/**
 * Index of the first matching rule, or -1 for the implicit deny. `remote` is the
 * address the rule's CIDR is compared with (source inbound, destination outbound);
 * `port` is the destination port.
 */
export function matchNacl(rules: readonly CompiledNaclRule[], remote: IpAddr, protocol: number, port: number, icmpType: number, icmpCode: number): number {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    if (r.protocol !== ALL_PROTOCOLS && r.protocol !== protocol) continue;
    if (r.portFrom >= 0 && (port < r.portFrom || port > r.portTo)) continue;
    if (r.icmpType >= 0 && r.icmpType !== icmpType) continue;
    if (r.icmpCode >= 0 && r.icmpCode !== icmpCode) continue;
    if (!cidrContains(r.cidr, remote)) continue;
    return i;
  }
  return -1;
}
