import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ip } from '../net/ip.ts';
import type { TrafficItem } from '../scenario/types.ts';
import { twoTier } from '../testing/two-tier.ts';
import { LATENCY_INTERNET, LATENCY_IN_VPC } from './constants.ts';
import { resolvePair } from './endpoints.ts';
import { tcp } from './test-support.ts';

const item = (from: string, to: string): TrafficItem => tcp(from, to, 80, { place: 'traffic[4]' });

function resolved(from: string, to: string, t = twoTier()) {
  const r = resolvePair(item(from, to), t.net);
  return [r.src.text, r.dst.text, r.srcEni?.id, r.dstEni?.id, r.latency];
}

test('inside the VPC: primary private addresses, in-VPC latency', () => {
  const t = twoTier();
  assert.deepEqual(resolved('Web', 'DbPi', t), ['172.31.60.10', '172.31.50.10', t.webInst.eniIds[0], t.dbInst.eniIds[0], LATENCY_IN_VPC]);
});

test('from outside to an instance: its public address, internet latency; outward: the private source', () => {
  const t = twoTier();
  assert.deepEqual(resolved('home', 'Web', t), ['198.51.100.7', '3.80.10.20', undefined, t.webInst.eniIds[0], LATENCY_INTERNET]);
  assert.deepEqual(resolved('Web', 'home', t), ['172.31.60.10', '198.51.100.7', t.webInst.eniIds[0], undefined, LATENCY_INTERNET]);
});

test('a literal address names the interface that holds it, private or public', () => {
  const t = twoTier();
  assert.deepEqual(resolved('172.31.60.10', 'DbPi', t), ['172.31.60.10', '172.31.50.10', t.webInst.eniIds[0], t.dbInst.eniIds[0], LATENCY_IN_VPC]);
  assert.deepEqual(resolved('home', '3.80.10.20', t), ['198.51.100.7', '3.80.10.20', undefined, t.webInst.eniIds[0], LATENCY_INTERNET]);
});

test('a logical id from the template map, and interfaces by logical id', () => {
  const t = twoTier();
  t.net.logical.set('Front', { type: 'AWS::EC2::Instance', physicalId: t.webInst.id });
  t.net.logical.set('DbEni', { type: 'AWS::EC2::NetworkInterface', physicalId: t.dbInst.eniIds[0]! });
  assert.deepEqual(resolved('Front', 'DbEni', t).slice(0, 2), ['172.31.60.10', '172.31.50.10']);
});

test('AWS services are at in-VPC distance', () => {
  assert.equal(resolved('Web', '169.254.169.254')[4], LATENCY_IN_VPC);
  assert.equal(resolved('Web', '172.31.0.2')[4], LATENCY_IN_VPC);
});

test('IPv6 when the other end is IPv6: the interface\'s first IPv6 address', () => {
  const t = twoTier();
  t.net.interfaces.get(t.webInst.eniIds[0]!)!.ipv6Ips.push(ip('2001:db8:1::10'), ip('2001:db8:1::11'));
  assert.deepEqual(resolved('2001:db8:ffff::1', 'Web', t).slice(0, 2), ['2001:db8:ffff::1', '2001:db8:1::10']);
  assert.deepEqual(resolved('Web', '2001:db8:ffff::1', t).slice(0, 2), ['2001:db8:1::10', '2001:db8:ffff::1']);
});

function fails(from: string, to: string, re: RegExp, t = twoTier()) {
  assert.throws(() => resolvePair(item(from, to), t.net), (e: Error) => {
    assert.equal(e.name, 'TrafficError');
    assert.match(e.message, /^traffic\[4\]: /);
    assert.match(e.message, re);
    return true;
  });
}

test('errors name the item and say what is wrong', () => {
  fails('home', 'DbPi', /to: DbPi \(eni-[0-9a-f]+\) has no public IPv4 address/);
  fails('2001:db8:ffff::1', 'Web', /to: Web \(eni-[0-9a-f]+\) has no IPv6 address/);
  fails('Ghost', 'Web', /from: no instance, network interface or host is named Ghost/);
  fails('home', '8.8.8.8', /neither .* nor 8\.8\.8\.8 is an interface of the network/);
  fails('Web', '172.31.60.10', /same network interface/);
  fails('not-an-ip.example', 'Web', /from: no instance/);
  const t = twoTier();
  t.net.interfaces.get(t.webInst.eniIds[0]!)!.ipv6Ips.push(ip('2001:db8:1::10'));
  fails('2001:db8:1::10', '172.31.50.10', /IPv6 address and 172\.31\.50\.10 an IPv4 one/, t);
  t.net.logical.set('TheVpc', { type: 'AWS::EC2::VPC', physicalId: t.vpc.id });
  fails('TheVpc', 'Web', /from: TheVpc is a AWS::EC2::VPC, not an instance or a network interface/, t);
  t.dbInst.state = 'terminated';
  fails('Web', 'DbPi', /to: instance DbPi \(i-[0-9a-f]+\) is terminated/, t);
});
