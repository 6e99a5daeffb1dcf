import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CidrArgumentError, cidrSubnets } from './fn-cidr.ts';

test('Fn::Cidr: AWS documented example, 6 /27 blocks out of a /24', () => {
  assert.deepEqual(cidrSubnets('192.168.0.0/24', 6, 5), [
    '192.168.0.0/27', '192.168.0.32/27', '192.168.0.64/27', '192.168.0.96/27', '192.168.0.128/27', '192.168.0.160/27',
  ]);
});

test('Fn::Cidr: cidrBits 8 gives /24 blocks (the documented meaning of cidrBits)', () => {
  assert.deepEqual(cidrSubnets('10.0.0.0/16', 3, 8), ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
});

test('Fn::Cidr: IPv6 /64 blocks from an Amazon-provided /56, as in the IPv6 subnet example', () => {
  assert.deepEqual(cidrSubnets('2600:1f18:abcd:1200::/56', 3, 64), [
    '2600:1f18:abcd:1200::/64', '2600:1f18:abcd:1201::/64', '2600:1f18:abcd:1202::/64',
  ]);
});

test('Fn::Cidr: a non-canonical block starts from its network address', () => {
  assert.deepEqual(cidrSubnets('10.0.5.7/16', 1, 12), ['10.0.0.0/20']);
});

test('Fn::Cidr: the whole block, and its edges', () => {
  assert.equal(cidrSubnets('10.0.0.0/24', 256, 0).length, 256);
  assert.equal(cidrSubnets('10.0.0.0/24', 256, 0)[255], '10.0.0.255/32');
  assert.deepEqual(cidrSubnets('10.0.0.0/24', 1, 8), ['10.0.0.0/24']);
});

test('Fn::Cidr: refuses what CloudFormation refuses', () => {
  const arg = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof CidrArgumentError ? e.argument : -1;
    }
    return undefined;
  };
  assert.equal(arg(() => cidrSubnets('10.0.0.0', 1, 8)), 0);
  assert.equal(arg(() => cidrSubnets('10.0.0.300/16', 1, 8)), 0);
  assert.equal(arg(() => cidrSubnets('10.0.0.0/16', 0, 8)), 1);
  assert.equal(arg(() => cidrSubnets('10.0.0.0/16', 257, 8)), 1);
  assert.equal(arg(() => cidrSubnets('10.0.0.0/24', 9, 5)), 1);
  assert.equal(arg(() => cidrSubnets('10.0.0.0/24', 1, 9)), 2);
});
