import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ip } from '../net/ip.ts';
import { ICMP, ICMPV6 } from '../net/protocol.ts';
import { twoTier } from '../testing/two-tier.ts';
import { icmp, rel, run } from './test-support.ts';

test('four echo pairs one second apart, 84 bytes each (the 4-packet, 336-byte record of the AWS example)', () => {
  const { packets } = run([icmp('home', 'Web')]);
  assert.deepEqual(packets.map((p) => [rel(p), p.icmpType, p.icmpCode, p.size, p.protocol, p.sport, p.dport]), [
    [0, 8, 0, 84, ICMP, 0, 0], [0.01, 0, 0, 84, ICMP, 0, 0],
    [1, 8, 0, 84, ICMP, 0, 0], [1.01, 0, 0, 84, ICMP, 0, 0],
    [2, 8, 0, 84, ICMP, 0, 0], [2.01, 0, 0, 84, ICMP, 0, 0],
    [3, 8, 0, 84, ICMP, 0, 0], [3.01, 0, 0, 84, ICMP, 0, 0],
  ]);
  const requests = packets.filter((p) => p.icmpType === 8);
  assert.equal(requests.reduce((n, p) => n + p.size, 0), 336);
  assert.equal(packets[1]!.src.text, '172.31.60.10');
});

test('a dropped request gets no reply; the others still do', () => {
  let n = 0;
  const { packets } = run([icmp('Web', 'DbPi', { count: 3 })], { drop: (p) => p.icmpType === 8 && ++n === 2 });
  assert.deepEqual(packets.map((p) => [rel(p), p.icmpType]), [[0, 8], [0.0002, 0], [1, 8], [2, 8], [2.0002, 0]]);
});

test('echo data size follows the item', () => {
  const { packets } = run([icmp('Web', 'DbPi', { count: 1, size: 1000 })]);
  assert.deepEqual(packets.map((p) => p.size), [1028, 1028]);
});

test('IPv6: ICMPv6 types 128/129, 104 bytes', () => {
  const t = twoTier();
  t.net.interfaces.get(t.webInst.eniIds[0]!)!.ipv6Ips.push(ip('2001:db8:1::10'));
  const { packets } = run([icmp('2001:db8:ffff::1', 'Web', { count: 1 })], { net: t });
  assert.deepEqual(packets.map((p) => [p.protocol, p.icmpType, p.size, p.dst.text]), [
    [ICMPV6, 128, 104, '2001:db8:1::10'], [ICMPV6, 129, 104, '2001:db8:ffff::1'],
  ]);
});
