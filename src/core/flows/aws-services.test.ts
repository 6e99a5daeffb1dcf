import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ip } from '../net/ip.ts';
import { type IpRangesJson, buildAwsServiceIndex } from './aws-services.ts';

const entry = (ip_prefix: string, service: string, region = 'us-east-1') => ({ ip_prefix, service, region, network_border_group: region });
const entry6 = (ipv6_prefix: string, service: string, region = 'us-east-1') => ({ ipv6_prefix, service, region, network_border_group: region });

const json: IpRangesJson = {
  syncToken: '1', createDate: '2026-01-01-00-00-00',
  prefixes: [
    entry('52.95.128.0/21', 'AMAZON', 'ap-southeast-2'), entry('52.95.128.0/21', 'S3', 'ap-southeast-2'),
    entry('54.252.0.0/16', 'AMAZON'), entry('54.252.0.0/16', 'EC2'), entry('54.252.79.128/26', 'ROUTE53_HEALTHCHECKS'),
    entry('3.64.0.0/12', 'AMAZON'), entry('3.72.0.0/14', 'EC2'), entry('3.72.5.0/24', 'AMAZON'),
    entry('205.251.192.0/19', 'CLOUDFRONT', 'GLOBAL'), entry('205.251.192.0/21', 'ROUTE53', 'GLOBAL'),
    entry('15.0.0.0/24', 'CODEBUILD'), entry('15.0.0.0/24', 'CLOUD9'),
    entry('8.8.8.8/32', 'EC2'),
  ],
  ipv6_prefixes: [entry6('2600:9000::/28', 'AMAZON', 'GLOBAL'), entry6('2600:9000::/28', 'CLOUDFRONT', 'GLOBAL'), entry6('2600:1f18::/32', 'AMAZON')],
};
const index = buildAwsServiceIndex(json);
const of = (a: string) => index.serviceOf(ip(a));

test('a specific service wins over AMAZON for the same block', () => {
  assert.equal(of('52.95.128.179'), 'S3');
  assert.equal(of('52.95.135.255'), 'S3');
  assert.equal(of('52.95.136.0'), null);
});

test('the longest block with a specific service wins', () => {
  assert.equal(of('54.252.79.130'), 'ROUTE53_HEALTHCHECKS');
  assert.equal(of('54.252.80.1'), 'EC2');
  assert.equal(of('205.251.193.1'), 'ROUTE53');
  assert.equal(of('205.251.200.1'), 'CLOUDFRONT');
});

test('a more specific AMAZON block does not hide a specific service around it', () => {
  assert.equal(of('3.72.5.9'), 'EC2');
  assert.equal(of('3.78.206.74'), 'AMAZON', 'inside AMAZON only');
});

test('the first listed service wins when one block has two', () => {
  assert.equal(of('15.0.0.7'), 'CODEBUILD');
});

test('single-address blocks, addresses outside every block, private addresses', () => {
  assert.equal(of('8.8.8.8'), 'EC2');
  assert.equal(of('8.8.8.9'), null);
  assert.equal(of('10.0.0.1'), null);
});

test('IPv6 blocks, kept apart from IPv4', () => {
  assert.equal(of('2600:9000:2000::1'), 'CLOUDFRONT');
  assert.equal(of('2600:1f18:1:2::3'), 'AMAZON');
  assert.equal(of('2001:db8::1'), null);
  assert.equal(index.serviceOf(ip('::ffff:52.95.128.179')), null, 'an IPv6 address never matches an IPv4 block');
});

test('malformed documents are refused with the offending entry', () => {
  assert.throws(() => buildAwsServiceIndex({} as IpRangesJson), /"prefixes" array/);
  assert.throws(() => buildAwsServiceIndex({ ...json, prefixes: [entry('52.95.128.0/33', 'S3')] }), /52\.95\.128\.0\/33/);
  assert.throws(() => buildAwsServiceIndex({ ...json, prefixes: [{ service: 'S3' } as never] }), /bad entry/);
});
