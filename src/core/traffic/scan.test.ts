import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Packet } from '../dataplane/packet.ts';
import { ip } from '../net/ip.ts';
import { ACK, ICMP, ICMPV6, RST, SYN, UDP } from '../net/protocol.ts';
import { twoTier } from '../testing/two-tier.ts';
import { rel, run, scan } from './test-support.ts';

const SCANNER = '54.149.118.103';
const row = (p: Packet) => [rel(p), p.src.text === SCANNER ? 'scanner' : 'target', p.protocol, p.flags, p.icmpType, p.size];

test('tcp SYN scan: open port SYN-ACK then the scanner RST, closed ports RST-ACK; 100 probes per second', () => {
  const { packets } = run([scan(SCANNER, 'Web', [22, 80, 443])], { settings: { listen: { Web: [80] } } });
  assert.deepEqual(packets.map(row), [
    // At one instant, what was scheduled first goes first: the answer to the previous probe, then the next probe.
    [0, 'scanner', 6, SYN, -1, 44],
    [0.01, 'target', 6, RST | ACK, -1, 40],
    [0.01, 'scanner', 6, SYN, -1, 44],
    [0.02, 'target', 6, SYN | ACK, -1, 44],
    [0.02, 'scanner', 6, SYN, -1, 44],
    [0.03, 'scanner', 6, RST, -1, 40],
    [0.03, 'target', 6, RST | ACK, -1, 40],
  ]);
  const probes = packets.filter((p) => p.flags === SYN);
  assert.deepEqual(probes.map((p) => p.dport), [22, 80, 443]);
  assert.equal(new Set(packets.filter((p) => p.src.text === SCANNER).map((p) => p.sport)).size, 1, 'one source port for the whole scan');
});

test('the rate sets the probe spacing', () => {
  const ports = Array.from({ length: 10 }, (_, i) => 1000 + i);
  const { packets } = run([scan(SCANNER, 'Web', ports, { rate: 4 })]);
  assert.deepEqual(packets.filter((p) => p.flags === SYN).map(rel), [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25]);
});

test('udp scan: empty 28-byte probes; a closed port answers ICMP port unreachable (56 bytes), an open one is silent', () => {
  const { packets } = run([scan(SCANNER, 'Web', [53, 123], { proto: 'udp' })], { settings: { listen: { Web: [53] } } });
  assert.deepEqual(packets.map(row), [
    [0, 'scanner', UDP, 0, -1, 28],
    [0.01, 'scanner', UDP, 0, -1, 28],
    [0.02, 'target', ICMP, 0, 3, 56],
  ]);
  assert.equal(packets[2]!.icmpCode, 3);
  assert.equal(packets[2]!.dst.text, SCANNER);
});

test('without a listen entry every port is open', () => {
  const { packets } = run([scan(SCANNER, 'Web', [1, 2])]);
  assert.equal(packets.filter((p) => p.flags === (SYN | ACK)).length, 2);
});

test('probes that are dropped get no answer', () => {
  const { packets } = run([scan(SCANNER, 'Web', [1, 2, 3])], { drop: (p) => p.dport === 2 });
  assert.deepEqual(packets.filter((p) => p.src.text !== SCANNER).map((p) => p.sport), [1, 3]);
});

test('IPv6 scans: 64-byte SYN and SYN-ACK, 60-byte RSTs; 48-byte UDP probes answered by ICMPv6 1/4 of 96 bytes', () => {
  const t = twoTier();
  t.net.interfaces.get(t.webInst.eniIds[0]!)!.ipv6Ips.push(ip('2001:db8:1::10'));
  const v6 = '2001:db8:ffff::1';
  const listen = { Web: [80] };
  const tcpScan = run([scan(v6, 'Web', [80, 81])], { net: t, settings: { listen } }).packets;
  assert.deepEqual(tcpScan.map((p) => [p.flags, p.size]), [[SYN, 64], [SYN | ACK, 64], [SYN, 64], [RST, 60], [RST | ACK, 60]]);
  const udpScan = run([scan(v6, 'Web', [81], { proto: 'udp' })], { net: t, settings: { listen } }).packets;
  assert.deepEqual(udpScan.map((p) => [p.protocol, p.icmpType, p.icmpCode, p.size]), [[UDP, -1, -1, 48], [ICMPV6, 1, 4, 96]]);
});
