import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { publicIpFor } from '../core/model/public-ips.ts';
import { ip } from '../core/net/ip.ts';
import { loadAwsServices, readIpRanges } from './ip-ranges.ts';

test("the bundled table has AWS's shape and the documented S3 block", () => {
  const doc = readIpRanges();
  assert.equal(typeof doc.syncToken, 'string');
  assert.ok(doc.prefixes.length > 300 && doc.ipv6_prefixes.length > 0);
  for (const p of doc.prefixes) assert.deepEqual(Object.keys(p).sort(), ['ip_prefix', 'network_border_group', 'region', 'service']);
  const aws = loadAwsServices();
  assert.equal(aws.serviceOf(ip('52.95.128.179')), 'S3');
});

test('the bundled table agrees with the real records in the shared data', () => {
  // grafana-analyzer aws-test_flow_logs.log: pkt-dst 3.75.6.195 EC2, 3.5.246.198 S3, pkt-src 3.78.206.74 AMAZON.
  const aws = loadAwsServices();
  assert.equal(aws.serviceOf(ip('3.75.6.195')), 'EC2');
  assert.equal(aws.serviceOf(ip('3.5.246.198')), 'S3');
  assert.equal(aws.serviceOf(ip('3.78.206.74')), 'AMAZON');
  assert.equal(aws.serviceOf(ip('10.3.6.187')), null);
  assert.equal(aws.serviceOf(ip('85.214.204.244')), null);
});

test('public addresses vpcflow generates read EC2 in every region it lists blocks for', () => {
  const aws = loadAwsServices();
  const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-3', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];
  for (const region of regions) {
    for (let i = 0; i < 200; i++) {
      const a = publicIpFor(7, region, `eip-${i}`, () => false);
      assert.equal(aws.serviceOf(a), 'EC2', `${region} ${a.text}`);
    }
  }
});

test('the fallback block for other regions is covered too (it also holds S3 blocks, as in AWS)', () => {
  const aws = loadAwsServices();
  const seen = new Set<string | null>();
  for (let i = 0; i < 400; i++) seen.add(aws.serviceOf(publicIpFor(7, 'sa-east-1', `eip-${i}`, () => false)));
  assert.ok(seen.has('EC2'));
  assert.ok(!seen.has(null), 'never outside every AWS range');
});

test('a user-supplied file replaces the bundled one; bad files are named in the error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpcflow-ipr-'));
  const good = join(dir, 'ip-ranges.json');
  writeFileSync(good, JSON.stringify({ syncToken: '1', createDate: 'x', prefixes: [{ ip_prefix: '198.51.100.0/24', region: 'us-east-1', service: 'EC2', network_border_group: 'us-east-1' }], ipv6_prefixes: [] }));
  const aws = loadAwsServices(good);
  assert.equal(aws.serviceOf(ip('198.51.100.7')), 'EC2');
  assert.equal(aws.serviceOf(ip('52.95.128.179')), null);
  const notJson = join(dir, 'bad.json');
  writeFileSync(notJson, '{ nope');
  assert.throws(() => loadAwsServices(notJson), (e: unknown) => e instanceof Error && e.message.includes(notJson) && /not JSON/.test(e.message));
  const wrongShape = join(dir, 'shape.json');
  writeFileSync(wrongShape, '{"prefixes": [{"ip_prefix": "1.2.3.0/99", "service": "S3"}]}');
  assert.throws(() => loadAwsServices(wrongShape), (e: unknown) => e instanceof Error && e.message.includes(wrongShape) && /1\.2\.3\.0\/99/.test(e.message));
  assert.throws(() => loadAwsServices(join(dir, 'missing.json')), /cannot read AWS ip ranges/);
});
