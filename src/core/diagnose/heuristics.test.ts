/** Diagnosis from records alone: request/response pairing, the mirror case, scans, duplicates and direction. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from './diagnose.ts';
import type { FlowRecord } from './types.ts';

const T = 1767225600;
function rec(eni: string, line: string, dir?: 'ingress' | 'egress', start = T): FlowRecord {
  const [src, dst, sport, dport, proto, action] = line.split(' ');
  return {
    interfaceId: eni, srcaddr: src!, dstaddr: dst!, srcport: Number(sport), dstport: Number(dport), protocol: Number(proto),
    action: action as FlowRecord['action'], start, end: start + 60, packets: 3, direction: dir,
  };
}

test('inbound ACCEPT whose reply is REJECTed: the network ACL (outbound), because security groups are stateful', () => {
  const f = diagnose([
    rec('eni-a', '198.51.100.7 10.0.1.10 40000 443 6 ACCEPT', 'ingress'),
    rec('eni-a', '10.0.1.10 198.51.100.7 443 40000 6 REJECT', 'egress'),
  ]);
  assert.equal(f.length, 1);
  assert.deepEqual([f[0]!.cause, f[0]!.aclDirection, f[0]!.rejected, f[0]!.srcport, f[0]!.dstport], ['network-acl', 'outbound', 'response', 443, 40000]);
  assert.match(f[0]!.detail, /security groups are stateful/i);
});

test('the mirror case: outbound ACCEPT, its response REJECTed inbound: the network ACL (inbound)', () => {
  const f = diagnose([
    rec('eni-a', '10.0.1.10 162.159.200.123 123 123 17 ACCEPT', 'egress'),
    rec('eni-a', '162.159.200.123 10.0.1.10 123 123 17 REJECT', 'ingress'),
  ]);
  assert.deepEqual(f.map((x) => [x.cause, x.aclDirection, x.direction]), [['network-acl', 'inbound', 'ingress']]);
});

test('an inbound REJECT with no reply: security group or network ACL; the same window from two flow logs counts once', () => {
  const r = rec('eni-a', '198.51.100.7 10.0.1.10 40000 22 6 REJECT', 'ingress');
  const f = diagnose([r, { ...r }, { ...r, start: T + 60, end: T + 120 }]);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.cause, 'security-group-or-network-acl');
  assert.equal(f[0]!.records, 2);
});

test('many REJECTs from one source to many ports: one port-scan finding for the source', () => {
  const probes = [22, 23, 80, 443, 3389, 8080].map((p, i) => rec(i % 2 ? 'eni-a' : 'eni-b', `54.149.118.103 10.0.1.${10 + (i % 2)} 41000 ${p} 6 REJECT`, 'ingress'));
  const lone = rec('eni-a', '203.0.113.9 10.0.1.11 41000 22 6 REJECT', 'ingress');
  const f = diagnose([...probes, lone]);
  assert.deepEqual(f.map((x) => x.cause).sort(), ['port-scan', 'security-group-or-network-acl']);
  const scan = f.find((x) => x.cause === 'port-scan')!;
  assert.deepEqual(scan.ports, [22, 23, 80, 443, 3389, 8080]);
  assert.deepEqual(scan.interfaceIds, ['eni-a', 'eni-b']);
  assert.equal(scan.srcaddr, '54.149.118.103');
});

test('without flow-direction, the interface\'s own address gives the direction', () => {
  const f = diagnose([
    rec('eni-a', '198.51.100.7 10.0.1.10 40000 443 6 ACCEPT'),
    rec('eni-a', '10.0.1.10 198.51.100.7 443 40000 6 REJECT'),
    rec('eni-a', '10.0.1.10 10.0.2.20 40001 5432 6 REJECT'),
  ]);
  assert.deepEqual(f.map((x) => [x.cause, x.direction]).sort(), [['network-acl', 'egress'], ['security-group-or-network-acl', 'egress']]);
});

test('nothing rejected, nothing found', () => {
  assert.deepEqual(diagnose([rec('eni-a', '198.51.100.7 10.0.1.10 40000 443 6 ACCEPT', 'ingress')]), []);
});
