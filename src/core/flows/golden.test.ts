/**
 * AWS's documented example records (VPC user guide, "Flow log record examples";
 * quoted in aws-flow-logs.md §2.7), rebuilt from hand-made observations and
 * compared byte for byte.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadAwsServices } from '../../adapters/ip-ranges.ts';
import type { Observation } from '../dataplane/packet.ts';
import type { Network } from '../model/network.ts';
import { ACK, FIN, ICMP, PSH, SYN } from '../net/protocol.ts';
import { Aggregator, type AggregatorOptions } from './aggregator.ts';
import { compileFormat } from './formatter.ts';
import { recordEnvFor } from './record.ts';
import { addEni, addFlowLog, addSubnet, addVpc, byTime, spread, testNetwork } from './testing.ts';

const fmt = (names: string) => names.split(' ').map((n) => `\${${n}}`).join(' ');

function run(net: Network, observations: Observation[], until: number, opts: AggregatorOptions = {}): string[] {
  const agg = new Aggregator(net, opts);
  for (const o of observations) agg.observe(o);
  return agg.flush(until).map((r) => r.line);
}

/** A client's side of a TCP exchange: SYN first, FIN last, plain ACKs between. */
const clientFlags = (n: number) => (i: number) => (i === 0 ? SYN : i === n - 1 ? FIN | ACK : ACK | PSH);
/** A server's side: SYN-ACK first, FIN last. */
const serverFlags = (n: number) => (i: number) => (i === 0 ? SYN | ACK : i === n - 1 ? FIN | ACK : ACK);

test('accepted SSH and rejected RDP (default format)', () => {
  const net = testNetwork();
  addVpc(net, 'vpc-1', '172.31.0.0/16');
  addSubnet(net, 'subnet-1', 'vpc-1', 'use1-az1', '172.31.0.0/16');
  const eni = addEni(net, 'eni-1235b8ca123456789', 'subnet-1', '172.31.16.21', 'i-1');
  addFlowLog(net, { id: 'fl-1', resourceId: eni.id, creationTime: 1418530000_000 });
  const ssh = spread(eni, { src: '172.31.16.139', dst: '172.31.16.21', sport: 20641, dport: 22, direction: 'ingress' }, 20, 4249, 1418530010.2, 1418530070.7);
  const rdp = spread(eni, { src: '172.31.9.69', dst: '172.31.9.12', sport: 49761, dport: 3389, direction: 'ingress', action: 'REJECT' }, 20, 4249, 1418530010.4, 1418530070.9);
  assert.deepEqual(run(net, byTime(ssh, rdp), 1418530600), [
    '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
    '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK',
  ]);
});

test('NODATA and SKIPDATA rows: traffic fields and action are `-`, the interface fields stay', () => {
  // AWS's examples span 58 s, which no fixed 60 s window produces, so the rows are
  // rendered from the documented window bounds; aggregator.test.ts covers when they appear.
  const net = testNetwork();
  addVpc(net, 'vpc-abcdefab012345678');
  addSubnet(net, 'subnet-aaaaaaaa012345678', 'vpc-abcdefab012345678', 'use1-az1');
  const eni = addEni(net, 'eni-1235b8ca123456789', 'subnet-aaaaaaaa012345678', '10.0.0.62', 'i-01234567890123456');
  const other = addEni(net, 'eni-11111111aaaaaaaaa', 'subnet-aaaaaaaa012345678', '10.0.0.63', 'i-1');
  const env = recordEnvFor(net, { serviceOf: () => null });
  const v2 = compileFormat(fmt('version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status'));
  assert.equal(v2.render({ eni, status: 'NODATA', start: 1431280876, end: 1431280934, flow: null }, env).line,
    '2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA');
  assert.equal(v2.render({ eni: other, status: 'SKIPDATA', start: 1431280876, end: 1431280934, flow: null }, env).line,
    '2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA');
  // The same rows in a v3 custom format (elastic-beats tcp-flag-sequence-skip-data.log): type and tcp-flags are `-` too.
  const v3 = compileFormat(fmt('version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status'));
  assert.equal(v3.render({ eni, status: 'SKIPDATA', start: 1566848875, end: 1566848933, flow: null }, env).line,
    '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 - - - - - - - - - - 1566848875 1566848933 - - SKIPDATA');
  // And v5 (grafana-analyzer aws-test_flow_logs.log): the pkt-* and aws-service fields are `-`.
  const net5 = testNetwork('123456789012', 'eu-central-1');
  addVpc(net5, 'vpc-1');
  addSubnet(net5, 'subnet-1', 'vpc-1', 'euc1-az1');
  const nat = addEni(net5, 'eni-0d6bdc1a4942cb767', 'subnet-1', '10.63.37.34');
  const v5 = compileFormat(fmt('version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service'));
  assert.equal(v5.render({ eni: nat, status: 'NODATA', start: 1754324989, end: 1754325020, flow: null }, recordEnvFor(net5, loadAwsServices())).line,
    '5 123456789012 eni-0d6bdc1a4942cb767 - - - - - - - 1754324989 1754325020 - NODATA - - - -');
});

test('ICMP through a security group but not the network ACL: request ACCEPT, response REJECT', () => {
  const net = testNetwork();
  addVpc(net, 'vpc-1', '172.31.0.0/16');
  addSubnet(net, 'subnet-1', 'vpc-1', 'use1-az1', '172.31.16.0/20');
  const eni = addEni(net, 'eni-1235b8ca123456789', 'subnet-1', '172.31.16.139', 'i-1');
  addFlowLog(net, { id: 'fl-1', resourceId: eni.id, creationTime: 1432917000_000 });
  // The data plane may hand ICMP type/code in the port slots; records must still read 0 0.
  const req = spread(eni, { src: '203.0.113.12', dst: '172.31.16.139', sport: 8, dport: 0, protocol: ICMP, direction: 'ingress' }, 4, 336, 1432917027.1, 1432917142.1, () => 0);
  const rep = spread(eni, { src: '172.31.16.139', dst: '203.0.113.12', protocol: ICMP, direction: 'egress', action: 'REJECT' }, 4, 336, 1432917094.1, 1432917142.2, () => 0);
  assert.deepEqual(run(net, byTime(req, rep), 1432917600), [
    '2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 ACCEPT OK',
    '2 123456789010 eni-1235b8ca123456789 172.31.16.139 203.0.113.12 0 0 1 4 336 1432917094 1432917142 REJECT OK',
  ]);
});

test('IPv6 SSH accepted', () => {
  const net = testNetwork();
  addVpc(net, 'vpc-1');
  addSubnet(net, 'subnet-1', 'vpc-1', 'use1-az1');
  const eni = addEni(net, 'eni-1235b8ca123456789', 'subnet-1', '10.0.0.5', 'i-1');
  addFlowLog(net, { id: 'fl-1', resourceId: eni.id, creationTime: 1477913700_000 });
  const flow = spread(eni, { src: '2001:db8:1234:a100:8d6e:3477:df66:f105', dst: '2001:db8:1234:a102:3304:8879:34cf:4071', sport: 34892, dport: 22, direction: 'ingress' }, 54, 8855, 1477913708.3, 1477913820.6);
  assert.deepEqual(run(net, flow, 1477914300), [
    '2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK',
  ]);
});

const TCP_FLAG_FORMAT = fmt('version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status');

function flagNetwork(creationTime: number): { net: Network; eni: ReturnType<typeof addEni> } {
  const net = testNetwork();
  addVpc(net, 'vpc-abcdefab012345678');
  addSubnet(net, 'subnet-aaaaaaaa012345678', 'vpc-abcdefab012345678', 'use1-az1');
  const eni = addEni(net, 'eni-1235b8ca123456789', 'subnet-aaaaaaaa012345678', '10.0.0.62', 'i-01234567890123456');
  addFlowLog(net, { id: 'fl-1', resourceId: eni.id, format: TCP_FLAG_FORMAT, creationTime });
  return { net, eni };
}

test('TCP flag sequence: SYN and SYN-ACK in one window, FIN in the next', () => {
  // Windows run from the flow log's creation: created at …333.5, the boundary falls at
  // …933.5, so the first window's packets end at second 933 and the next start there.
  const { net, eni } = flagNetwork(1566848333_500);
  const c = { src: '52.213.180.42', dst: '10.0.0.62', dport: 5001, direction: 'ingress' as const };
  const s = { src: '10.0.0.62', dst: '52.213.180.42', sport: 5001, direction: 'egress' as const };
  const w1 = byTime(
    spread(eni, { ...c, sport: 43416 }, 8, 568, 1566848875.1, 1566848933.1, (i) => (i === 0 ? SYN : ACK)),
    spread(eni, { ...s, dport: 43416 }, 7, 376, 1566848875.2, 1566848933.2, (i) => (i === 0 ? SYN | ACK : ACK)),
    spread(eni, { ...c, sport: 43418 }, 70, 100701, 1566848875.3, 1566848933.3, (i) => (i === 0 ? SYN : ACK | PSH)),
    spread(eni, { ...s, dport: 43418 }, 12, 632, 1566848875.4, 1566848933.4, (i) => (i === 0 ? SYN | ACK : ACK)),
  );
  const w2 = byTime(
    spread(eni, { ...s, dport: 43418 }, 1219, 63388, 1566848933.6, 1566849113.5, (i) => (i === 1218 ? FIN | ACK : ACK)),
    spread(eni, { ...c, sport: 43418 }, 15774, 23294588, 1566848933.7, 1566849113.6, (i) => (i === 15773 ? FIN | ACK : ACK | PSH)),
  );
  const agg = new Aggregator(net);
  for (const o of w1) agg.observe(o);
  assert.deepEqual(agg.advanceTo(1566848933.4), [], 'the first window is still open');
  for (const o of w2.slice(0, 10)) agg.observe(o);
  assert.deepEqual(agg.advanceTo(1566848933.9).map((r) => r.line), [
    '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8 1566848875 1566848933 ACCEPT 2 OK',
    '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43416 10.0.0.62 52.213.180.42 6 376 7 1566848875 1566848933 ACCEPT 18 OK',
    '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 52.213.180.42 10.0.0.62 43418 5001 52.213.180.42 10.0.0.62 6 100701 70 1566848875 1566848933 ACCEPT 2 OK',
    '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43418 10.0.0.62 52.213.180.42 6 632 12 1566848875 1566848933 ACCEPT 18 OK',
  ]);
  for (const o of w2.slice(10)) agg.observe(o);
  assert.deepEqual(agg.advanceTo(1566849533.5).map((r) => r.line), [
    '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43418 10.0.0.62 52.213.180.42 6 63388 1219 1566848933 1566849113 ACCEPT 1 OK',
    '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 52.213.180.42 10.0.0.62 43418 5001 52.213.180.42 10.0.0.62 6 23294588 15774 1566848933 1566849113 ACCEPT 1 OK',
  ]);
});

test('TCP flag sequence: a short connection reads 3 on the client side and 19 on the server side', () => {
  const { net, eni } = flagNetwork(1566933000_000);
  const lines = run(net, byTime(
    spread(eni, { src: '52.213.180.42', dst: '10.0.0.62', sport: 43638, dport: 5001, direction: 'ingress' }, 17, 1260, 1566933133.2, 1566933193.1, clientFlags(17)),
    spread(eni, { src: '10.0.0.62', dst: '52.213.180.42', sport: 5001, dport: 43638, direction: 'egress' }, 14, 967, 1566933133.3, 1566933193.2, serverFlags(14)),
  ), 1566933600);
  // AWS's page has a double space in the second record; AWS writes single spaces.
  assert.deepEqual(lines, [
    '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 52.213.180.42 10.0.0.62 43638 5001 52.213.180.42 10.0.0.62 6 1260 17 1566933133 1566933193 ACCEPT 3 OK',
    '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43638 10.0.0.62 52.213.180.42 6 967 14 1566933133 1566933193 ACCEPT 19 OK',
  ]);
});

test('NAT gateway: four records on the gateway interface, two on the instance', () => {
  const net = testNetwork();
  addVpc(net, 'vpc-1');
  addSubnet(net, 'subnet-public', 'vpc-1', 'use1-az1', '10.0.0.0/24');
  addSubnet(net, 'subnet-private', 'vpc-1', 'use1-az1', '10.0.1.0/24');
  const natEni = addEni(net, 'eni-1235b8ca123456789', 'subnet-public', '10.0.0.220');
  const inst = addEni(net, 'eni-1111aaaa2222bbbb3', 'subnet-private', '10.0.1.5', 'i-01234567890123456');
  addFlowLog(net, { id: 'fl-1', resourceType: 'VPC', resourceId: 'vpc-1', creationTime: 1_000_000, format: fmt('instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr') });
  const t = 1100;
  const base = { sport: 40000, dport: 443 };
  const back = { sport: 443, dport: 40000 };
  const lines = run(net, [
    spread(inst, { ...base, src: '10.0.1.5', dst: '203.0.113.5', direction: 'egress' }, 1, 60, t, t)[0]!,
    spread(natEni, { ...base, src: '10.0.1.5', dst: '10.0.0.220', pktDst: '203.0.113.5', direction: 'ingress' }, 1, 60, t + 0.001, t + 0.001)[0]!,
    spread(natEni, { ...base, src: '10.0.0.220', dst: '203.0.113.5', direction: 'egress' }, 1, 60, t + 0.002, t + 0.002)[0]!,
    spread(natEni, { ...back, src: '203.0.113.5', dst: '10.0.0.220', direction: 'ingress' }, 1, 60, t + 0.05, t + 0.05)[0]!,
    spread(natEni, { ...back, src: '10.0.0.220', dst: '10.0.1.5', pktSrc: '203.0.113.5', direction: 'egress' }, 1, 60, t + 0.051, t + 0.051)[0]!,
    spread(inst, { ...back, src: '203.0.113.5', dst: '10.0.1.5', direction: 'ingress' }, 1, 60, t + 0.052, t + 0.052)[0]!,
  ], 1600);
  assert.deepEqual(lines, [
    'i-01234567890123456 eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.5 10.0.1.5 203.0.113.5',
    'i-01234567890123456 eni-1111aaaa2222bbbb3 203.0.113.5 10.0.1.5 203.0.113.5 10.0.1.5',
    '- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5',
    '- eni-1235b8ca123456789 10.0.0.220 203.0.113.5 10.0.0.220 203.0.113.5',
    '- eni-1235b8ca123456789 203.0.113.5 10.0.0.220 203.0.113.5 10.0.0.220',
    '- eni-1235b8ca123456789 10.0.0.220 10.0.1.5 203.0.113.5 10.0.1.5',
  ]);
});

test('transit gateway: server and attachment interfaces', () => {
  const net = testNetwork();
  addVpc(net, 'vpc-abcdefab012345678', '10.40.0.0/16');
  addSubnet(net, 'subnet-11111111aaaaaaaaa', 'vpc-abcdefab012345678', 'use1-az1', '10.40.1.0/24');
  addSubnet(net, 'subnet-22222222bbbbbbbbb', 'vpc-abcdefab012345678', 'use1-az2', '10.40.2.0/24');
  const server = addEni(net, 'eni-33333333333333333', 'subnet-22222222bbbbbbbbb', '10.40.2.236', 'i-01234567890123456');
  const tgwA = addEni(net, 'eni-11111111111111111', 'subnet-11111111aaaaaaaaa', '10.40.1.175');
  const tgwB = addEni(net, 'eni-22222222222222222', 'subnet-22222222bbbbbbbbb', '10.40.2.31');
  addFlowLog(net, {
    id: 'fl-1', resourceType: 'VPC', resourceId: 'vpc-abcdefab012345678', creationTime: 0,
    format: fmt('version interface-id account-id vpc-id subnet-id instance-id srcaddr dstaddr srcport dstport protocol tcp-flags type pkt-srcaddr pkt-dstaddr action log-status'),
  });
  const req = { sport: 39812, dport: 80 };
  const rep = { sport: 80, dport: 39812 };
  const lines = run(net, byTime(
    spread(tgwA, { ...req, src: '10.40.1.175', dst: '10.40.2.236', pktSrc: '10.20.33.164', direction: 'egress' }, 6, 500, 10.0, 11.0, clientFlags(6)),
    spread(server, { ...req, src: '10.20.33.164', dst: '10.40.2.236', direction: 'ingress' }, 6, 500, 10.001, 11.001, clientFlags(6)),
    spread(server, { ...rep, src: '10.40.2.236', dst: '10.20.33.164', direction: 'egress' }, 5, 900, 10.002, 11.002, serverFlags(5)),
    spread(tgwB, { ...rep, src: '10.40.2.236', dst: '10.40.2.31', pktDst: '10.20.33.164', direction: 'ingress' }, 5, 900, 10.003, 11.003, serverFlags(5)),
  ), 600);
  assert.deepEqual(lines, [
    '3 eni-11111111111111111 123456789010 vpc-abcdefab012345678 subnet-11111111aaaaaaaaa - 10.40.1.175 10.40.2.236 39812 80 6 3 IPv4 10.20.33.164 10.40.2.236 ACCEPT OK',
    '3 eni-22222222222222222 123456789010 vpc-abcdefab012345678 subnet-22222222bbbbbbbbb - 10.40.2.236 10.40.2.31 80 39812 6 19 IPv4 10.40.2.236 10.20.33.164 ACCEPT OK',
    '3 eni-33333333333333333 123456789010 vpc-abcdefab012345678 subnet-22222222bbbbbbbbb i-01234567890123456 10.20.33.164 10.40.2.236 39812 80 6 3 IPv4 10.20.33.164 10.40.2.236 ACCEPT OK',
    '3 eni-33333333333333333 123456789010 vpc-abcdefab012345678 subnet-22222222bbbbbbbbb i-01234567890123456 10.40.2.236 10.20.33.164 80 39812 6 19 IPv4 10.40.2.236 10.20.33.164 ACCEPT OK',
  ]);
});

test('v5: AWS service names, traffic path (egress only) and flow direction', () => {
  const net = testNetwork('123456789012', 'ap-southeast-2');
  addVpc(net, 'vpc-abcdefab012345678');
  addSubnet(net, 'subnet-aaaaaaaa012345678', 'vpc-abcdefab012345678', 'apse2-az3');
  const eni = addEni(net, 'eni-1235b8ca123456789', 'subnet-aaaaaaaa012345678', '10.0.0.71', 'i-0c50d5961bcb2d47b');
  addFlowLog(net, {
    id: 'fl-1', resourceId: eni.id, creationTime: 1616729000_000,
    format: fmt('version srcaddr dstaddr srcport dstport protocol start end type packets bytes account-id vpc-id subnet-id instance-id interface-id region az-id sublocation-type sublocation-id action tcp-flags pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service traffic-path flow-direction log-status'),
  });
  const lines = run(net, byTime(
    spread(eni, { src: '10.0.0.71', dst: '52.95.128.179', sport: 34210, dport: 80, direction: 'egress', trafficPath: 8 }, 7, 471, 1616729292.1, 1616729349.1, clientFlags(7)),
    // A record's traffic path belongs to egress only, even if the data plane sends one.
    spread(eni, { src: '52.95.128.179', dst: '10.0.0.71', sport: 80, dport: 34210, direction: 'ingress', trafficPath: 8 }, 14, 15044, 1616729292.2, 1616729349.2, serverFlags(14)),
  ), 1616729600, { aws: loadAwsServices() });
  // Our order: the client's SYN leaves first; AWS's page lists the ingress record first.
  assert.deepEqual(lines, [
    '5 10.0.0.71 52.95.128.179 34210 80 6 1616729292 1616729349 IPv4 7 471 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 3 10.0.0.71 52.95.128.179 - S3 8 egress OK',
    '5 52.95.128.179 10.0.0.71 80 34210 6 1616729292 1616729349 IPv4 14 15044 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 19 52.95.128.179 10.0.0.71 S3 - - ingress OK',
  ]);
});
