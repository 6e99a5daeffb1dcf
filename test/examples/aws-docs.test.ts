/**
 * examples/aws-docs: every scenario against its goldens, deterministic, and
 * compared with the example records AWS documents (as quoted in the shared
 * reference, aws-flow-logs.md §2.7): byte for byte where the README says so,
 * and with exactly the differences it explains where it does not.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documented } from './aws-doc-records.ts';
import { goldenAndDeterminismTests, s3TextRecords, withRun } from './harness.ts';

const SCENARIOS = ['ssh-accepted', 'rdp-rejected', 'ipv6-ssh', 'icmp-sg-nacl', 'nodata-skipdata', 'tcp-flags', 's3-traffic-path'];
const path = (name: string) => `examples/aws-docs/${name}.yaml`;
const recordsOf = (name: string) => withRun(path(name), async (out) => s3TextRecords(out));

for (const name of SCENARIOS) goldenAndDeterminismTests(`aws-docs/${name}`, path(name));

test('accepted SSH: AWS\'s record, byte for byte (and the reply direction\'s record beside it)', async () => {
  const [aws] = documented([' 20641 22 6 20 4249 '], 1);
  const ours = await recordsOf('ssh-accepted');
  assert.equal(ours.length, 2);
  assert.equal(ours[0], aws);
  assert.match(ours[1]!, / 172\.31\.16\.21 172\.31\.16\.139 22 20641 6 \d+ \d+ 1418530010 1418530070 ACCEPT OK$/);
});

test('rejected RDP: AWS\'s record, byte for byte, and nothing else', async () => {
  assert.deepEqual(await recordsOf('rdp-rejected'), documented([' 49761 3389 '], 1));
});

test('IPv6 SSH: AWS\'s record, byte for byte', async () => {
  const [aws] = documented([' 34892 22 6 54 8855 '], 1);
  assert.equal((await recordsOf('ipv6-ssh'))[0], aws);
});

test('TCP flag sequence: all eight records byte for byte, in AWS\'s order, but for a double space in AWS\'s text', async () => {
  const aws = documented(['3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 '], 8);
  // The documentation has one typo: "5001 43638  10.0.0.62". No record has two spaces in a row.
  const typo = aws.filter((l) => l.includes('  '));
  assert.deepEqual(typo.map((l) => l.match(/\S+ {2}\S+/)![0]), ['43638  10.0.0.62']);
  assert.deepEqual(await recordsOf('tcp-flags'), aws.map((l) => l.replace(/ {2,}/g, ' ')));
});

test('service name and traffic path (v5): both records byte for byte; the egress one comes first (its SYN is the first packet)', async () => {
  const [ingress, egress] = documented([' 52.95.128.179 ', ' ap-southeast-2 apse2-az3 '], 2);
  assert.match(ingress!, / ingress OK$/);
  assert.deepEqual(await recordsOf('s3-traffic-path'), [egress, ingress]);
});

test('ICMP, security group vs network ACL: the request record byte for byte; the reply record starts with its request', async () => {
  const [request, reply] = documented([' 0 0 1 4 336 '], 2);
  const ours = await recordsOf('icmp-sg-nacl');
  assert.equal(ours[0], request);
  // AWS shows the replies starting 67 s after the requests; each echo reply follows its request by milliseconds.
  assert.ok(reply!.includes(' 1432917094 1432917142 REJECT OK'));
  assert.equal(ours[1], reply!.replace(' 1432917094 ', ' 1432917027 '));
  // The two variants the documentation describes, in the next windows.
  assert.deepEqual(ours.slice(2).map((l) => l.split(' ').slice(3).join(' ')), [
    '203.0.113.12 172.31.16.139 0 0 1 4 336 1432917627 1432917630 ACCEPT OK',
    '172.31.16.139 203.0.113.12 0 0 1 4 336 1432917627 1432917630 ACCEPT OK',
    '203.0.113.12 172.31.16.139 0 0 1 4 336 1432918227 1432918230 REJECT OK',
  ]);
});

test('NODATA and SKIPDATA: AWS\'s records but for the end of the window (60 s windows, AWS\'s is 58 s)', async () => {
  const [nodata] = documented([' NODATA'], 1);
  const [skipdata] = documented([' SKIPDATA'], 1);
  const ours = await recordsOf('nodata-skipdata');
  const fix = (l: string) => l.replace(' 1431280876 1431280934 ', ' 1431280876 1431280936 ');
  assert.notEqual(fix(nodata!), nodata);
  assert.ok(ours.includes(fix(nodata!)), 'NODATA');
  assert.ok(ours.includes(fix(skipdata!)), 'SKIPDATA');
  // Under the capacity of 3 flows, the first three flows keep their records.
  assert.equal(ours.filter((l) => l.endsWith(' REJECT OK')).length, 3);
});
