import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cidr, cidrAddress, cidrContains, cidrsOverlap, parseCidr } from './cidr.ts';
import { ip, ipv4FromNumber, parseIp } from './ip.ts';

test('CIDRs are canonicalised as AWS does', () => {
  assert.equal(cidr('100.68.0.18/18').text, '100.68.0.0/18');
  assert.equal(cidr('2001:db8:1234:1a00:ffff::/56').text, '2001:db8:1234:1a00::/56');
  assert.equal(cidr('10.0.0.7').text, '10.0.0.7/32');
});

test('invalid CIDRs are refused', () => {
  for (const bad of ['10.0.0.0/33', '10.0.0.256/24', 'x/8', '10.0.0.0/', '::/129', '10.0.0.0/-1']) {
    assert.equal(parseCidr(bad), undefined, bad);
  }
});

test('containment keeps IPv4 and IPv6 apart', () => {
  assert.ok(cidrContains(cidr('0.0.0.0/0'), ip('8.8.8.8')));
  assert.ok(!cidrContains(cidr('0.0.0.0/0'), ip('2001:db8::1')));
  assert.ok(cidrContains(cidr('::/0'), ip('2001:db8::1')));
  assert.ok(!cidrContains(cidr('::/0'), ip('8.8.8.8')));
  assert.ok(cidrContains(cidr('172.31.60.0/27'), ip('172.31.60.31')));
  assert.ok(!cidrContains(cidr('172.31.60.0/27'), ip('172.31.60.32')));
  assert.ok(cidrContains(cidr('2001:db8:1234:a100::/64'), ip('2001:db8:1234:a100:8d6e:3477:df66:f105')));
});

test('addresses inside a block, from either end', () => {
  const c = cidr('172.31.50.0/27');
  assert.equal(cidrAddress(c, 4).text, '172.31.50.4');
  assert.equal(cidrAddress(c, -1).text, '172.31.50.31');
});

test('overlap', () => {
  assert.ok(cidrsOverlap(cidr('10.0.0.0/16'), cidr('10.0.5.0/24')));
  assert.ok(!cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.1.0/24')));
});

test('IPv6 text is RFC 5952', () => {
  assert.equal(ip('2001:0db8:0000:0000:0000:0000:0000:0001').text, '2001:db8::1');
  assert.equal(parseIp('2a02:cf40::')?.text, '2a02:cf40::');
});

test('property: IPv4 containment agrees with integer arithmetic', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (a, b, p) => {
    const block = cidr(`${ipv4FromNumber(b).text}/${p}`);
    const size = 2 ** (32 - p);
    const lo = Math.floor(b / size) * size;
    assert.equal(cidrContains(block, ipv4FromNumber(a)), a >= lo && a < lo + size);
  }));
});
