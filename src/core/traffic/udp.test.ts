import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ip } from '../net/ip.ts';
import { UDP } from '../net/protocol.ts';
import { twoTier } from '../testing/two-tier.ts';
import { rel, run, udp } from './test-support.ts';

test('a request and its reply: 48-byte payloads in 76-byte packets, the reply one latency later', () => {
  const { packets } = run([udp('Web', '162.159.200.123', 123)]);
  assert.deepEqual(packets.map((p) => [rel(p), p.src.text, p.dst.text, p.sport, p.dport, p.size, p.protocol]), [
    [0, '172.31.60.10', '162.159.200.123', packets[0]!.sport, 123, 76, UDP],
    // The fake gateway showed the server the instance's public address: the reply goes there.
    [0.01, '162.159.200.123', '3.80.10.20', 123, packets[0]!.sport, 76, UDP],
  ]);
});

test('response 0: no reply', () => {
  const { packets } = run([udp('Web', 'DbPi', 514, { request: 200, response: 0 })]);
  assert.deepEqual(packets.map((p) => p.size), [228]);
});

test('no reply when the request is dropped', () => {
  const { packets, totals } = run([udp('Web', 'DbPi', 53)], { drop: (p) => p.dport === 53 });
  assert.equal(packets.length, 1);
  assert.deepEqual([totals.delivered, totals.dropped], [0, 1]);
});

test('payloads over 1472 bytes go in several datagrams, each way', () => {
  const { packets } = run([udp('Web', 'DbPi', 9000, { request: 3000, response: 1473 })]);
  // 3000 = 1472 + 1472 + 56; 1473 = 1472 + 1
  assert.deepEqual(packets.map((p) => [rel(p), p.src.text === '172.31.60.10' ? 'C' : 'S', p.size]), [
    [0, 'C', 1500], [0.00001, 'C', 1500], [0.00002, 'C', 84], [0.00022, 'S', 1500], [0.00023, 'S', 29],
  ]);
});

test('an empty request is still one datagram', () => {
  const { packets } = run([udp('Web', 'DbPi', 9, { request: 0, response: 0 })]);
  assert.deepEqual(packets.map((p) => p.size), [28]);
});

test('the Amazon DNS resolver answers like a server, at in-VPC distance', () => {
  const { packets } = run([udp('Web', '172.31.0.2', 53, { request: 40, response: 120 })]);
  assert.deepEqual(packets.map((p) => [rel(p), p.src.text, p.size]), [[0, '172.31.60.10', 68], [0.0002, '172.31.0.2', 148]]);
});

test('IPv6: 48-byte headers, at most 1452 bytes of payload per datagram', () => {
  const t = twoTier();
  t.net.interfaces.get(t.webInst.eniIds[0]!)!.ipv6Ips.push(ip('2001:db8:1::10'));
  const { packets } = run([udp('Web', '2001:db8:ffff::1', 4500, { request: 2000, response: 10 })], { net: t });
  // 2000 = 1452 + 548
  assert.deepEqual(packets.map((p) => p.size), [1500, 596, 58]);
});
