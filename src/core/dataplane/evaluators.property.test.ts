/**
 * The compiled evaluators against plain, obviously-correct reference
 * evaluators written straight from AWS's rules (with ipaddr.js doing the CIDR
 * math), on random rule sets and packets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { cidr } from '../net/cidr.ts';
import { ip } from '../net/ip.ts';
import { ICMP, TCP, UDP } from '../net/protocol.ts';
import type { NaclEntry, SgRule } from '../model/types.ts';
import { compileNacl, matchNacl } from './nacl.ts';
import { compileSgRule, matchSg, sgRuleList } from './security-group.ts';

const octet = fc.integer({ min: 0, max: 255 });
const addr = fc.tuple(fc.constantFrom(10, 172, 192, 54), octet, octet, octet).map((o) => o.join('.'));
const block = fc.tuple(addr, fc.integer({ min: 0, max: 32 })).map(([a, p]) => cidr(`${a}/${p}`).text);
const proto = fc.constantFrom(-1, TCP, UDP, ICMP, 50);
const port = fc.integer({ min: 0, max: 65535 });

function inCidr(a: string, c: string): boolean {
  const [base, bits] = ipaddr.parseCIDR(c);
  const x = ipaddr.parse(a);
  return x.kind() === base.kind() && x.match(base, bits);
}

const naclEntry = fc.record({
  ruleNumber: fc.integer({ min: 1, max: 32766 }), egress: fc.boolean(), protocol: proto, allow: fc.boolean(), cidr: block,
  lo: port, hi: port, icmpType: fc.integer({ min: -1, max: 20 }), icmpCode: fc.integer({ min: -1, max: 5 }),
});

function referenceNacl(entries: NaclEntry[], egress: boolean, remote: string, protocol: number, dport: number, t: number, c: number): number | 'default' {
  const ordered = entries.filter((e) => e.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  for (const e of ordered) {
    const protoOk = e.protocol === -1 || e.protocol === protocol;
    const portOk = !(e.protocol === TCP || e.protocol === UDP) || (dport >= e.portFrom! && dport <= e.portTo!);
    const icmpOk = e.protocol !== ICMP || ((e.icmpType === -1 || e.icmpType === t) && (e.icmpCode === -1 || e.icmpCode === c));
    if (protoOk && portOk && icmpOk && inCidr(remote, e.cidr.text)) return e.ruleNumber;
  }
  return 'default';
}

test('property: compiled network ACL evaluation equals the reference', () => {
  fc.assert(fc.property(
    fc.uniqueArray(naclEntry, { selector: (e) => `${e.ruleNumber}/${e.egress}`, maxLength: 40 }),
    fc.boolean(), addr, fc.constantFrom(TCP, UDP, ICMP, 50), port, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5 }),
    (raw, egress, remote, protocol, dport, t, c) => {
      const entries: NaclEntry[] = raw.map((r) => ({
        ruleNumber: r.ruleNumber, egress: r.egress, protocol: r.protocol, action: r.allow ? 'allow' : 'deny', cidr: cidr(r.cidr),
        portFrom: Math.min(r.lo, r.hi), portTo: Math.max(r.lo, r.hi), icmpType: r.icmpType, icmpCode: r.icmpType === -1 ? -1 : r.icmpCode,
      }));
      const compiled = compileNacl({ id: 'acl-1', tags: [], vpcId: 'vpc-1', isDefault: false, entries });
      const rules = egress ? compiled.outbound : compiled.inbound;
      const i = matchNacl(rules, ip(remote), protocol, dport, t, c);
      const expected = referenceNacl(entries, egress, remote, protocol, dport, t, c);
      assert.equal(i < 0 ? 'default' : rules.rules[i]!.ruleNumber, expected);
    }), { numRuns: 2000 });
});

const sgRule = fc.record({ protocol: proto, lo: port, hi: port, cidr: block, ref: fc.boolean(), icmpType: fc.integer({ min: -1, max: 20 }), icmpCode: fc.integer({ min: -1, max: 5 }) });

test('property: compiled security-group evaluation equals the reference', () => {
  fc.assert(fc.property(fc.array(sgRule, { maxLength: 30 }), fc.uniqueArray(addr, { maxLength: 5 }), addr, fc.constantFrom(TCP, UDP, ICMP, 50), port, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5 }),
    (raw, memberTexts, remote, protocol, dport, t, c) => {
      const members = new Set(memberTexts.map(ip));
      const rules: SgRule[] = raw.map((r, i) => {
        const icmp = r.protocol === ICMP;
        const ported = r.protocol === TCP || r.protocol === UDP;
        return {
          id: `sgr-${i}`, protocol: r.protocol,
          fromPort: ported ? Math.min(r.lo, r.hi) : icmp ? r.icmpType : -1,
          toPort: ported ? Math.max(r.lo, r.hi) : icmp ? (r.icmpType === -1 ? -1 : r.icmpCode) : -1,
          peer: r.ref ? { kind: 'sg', groupId: 'sg-peer' } : { kind: 'cidr', cidr: cidr(r.cidr) },
        };
      });
      const compiled = rules.map((r) => compileSgRule('sg-1', r, () => members));
      const got = matchSg(sgRuleList(compiled), ip(remote), protocol, dport, t, c) >= 0;
      const expected = rules.some((r) => {
        if (r.protocol !== -1 && r.protocol !== protocol) return false;
        if (r.protocol === TCP || r.protocol === UDP) { if (dport < r.fromPort || dport > r.toPort) return false; }
        if (r.protocol === ICMP) {
          if (r.fromPort !== -1 && r.fromPort !== t) return false;
          if (r.toPort !== -1 && r.toPort !== c) return false;
        }
        return r.peer.kind === 'sg' ? memberTexts.includes(remote) : inCidr(remote, r.peer.kind === 'cidr' ? r.peer.cidr.text : '');
      });
      assert.equal(got, expected);
    }), { numRuns: 2000 });
});
