import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Observation } from '../dataplane/packet.ts';
import { ACK, FIN, PSH, RST, SYN } from '../net/protocol.ts';
import { Aggregator, type AggregatorOptions } from './aggregator.ts';
import type { EmittedRecord } from './emitted.ts';
import { type FlowLogSpec, type ObsSpec, addEni, addFlowLog, addSubnet, addVpc, obs, testNetwork } from './testing.ts';

const SHORT = '${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';
const T0 = 1_700_000_000;

function world() {
  const net = testNetwork();
  addVpc(net, 'vpc-1');
  addSubnet(net, 'subnet-a', 'vpc-1', 'use1-az1', '10.0.1.0/24');
  addSubnet(net, 'subnet-b', 'vpc-1', 'use1-az2', '10.0.2.0/24');
  const a1 = addEni(net, 'eni-a1', 'subnet-a', '10.0.1.10', 'i-a1');
  const a2 = addEni(net, 'eni-a2', 'subnet-a', '10.0.1.20', 'i-a2');
  const b1 = addEni(net, 'eni-b1', 'subnet-b', '10.0.2.10', 'i-b1');
  const log = (spec: Partial<FlowLogSpec> & { id: string; resourceId: string }) =>
    addFlowLog(net, { format: SHORT, interval: 60, creationTime: T0 * 1000, ...spec });
  return { net, a1, a2, b1, log };
}

/** An inbound packet 198.51.100.7:sport → eni:22 at time t. */
const inbound = (eni: ReturnType<typeof addEni>, time: number, more: Partial<ObsSpec> = {}): Observation =>
  obs(eni, { time, src: '198.51.100.7', dst: eni.privateIps[0]!.text, sport: 50000, dport: 22, direction: 'ingress', bytes: 100, ...more });

function feed(agg: Aggregator, list: Observation[]): void {
  for (const o of list) agg.observe(o);
}
const lines = (rs: EmittedRecord[]) => rs.map((r) => r.line);

test('windows are MaxAggregationInterval long from the creation time; a boundary packet opens the next window', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-1', resourceId: 'eni-a1' });
  const agg = new Aggregator(net);
  feed(agg, [inbound(a1, T0), inbound(a1, T0 + 59.9), inbound(a1, T0 + 60), inbound(a1, T0 + 130)]);
  assert.deepEqual(agg.advanceTo(T0 + 59.99), []);
  assert.deepEqual(lines(agg.advanceTo(T0 + 60)), [`eni-a1 198.51.100.7 10.0.1.10 50000 22 2 200 ${T0} ${T0 + 59} ACCEPT OK`]);
  assert.deepEqual(lines(agg.advanceTo(T0 + 200)), [
    `eni-a1 198.51.100.7 10.0.1.10 50000 22 1 100 ${T0 + 60} ${T0 + 60} ACCEPT OK`,
    `eni-a1 198.51.100.7 10.0.1.10 50000 22 1 100 ${T0 + 130} ${T0 + 130} ACCEPT OK`,
  ]);
});

test('windows follow the flow log, not the epoch: created at :30.5, a boundary falls at :30.5', () => {
  const { net, a1, log } = world();
  const created = T0 + 30.5; // T0 is a multiple of 60 and of 600
  log({ id: 'fl-1', resourceId: 'eni-a1', creationTime: created * 1000 });
  const agg = new Aggregator(net);
  feed(agg, [inbound(a1, T0 + 89), inbound(a1, T0 + 91)]);
  const rs = agg.flush(T0 + 200);
  assert.deepEqual(rs.map((r) => [r.start, r.end]), [[T0 + 89, T0 + 89], [T0 + 91, T0 + 91]]);
});

test('600-second windows hold ten minutes of a long flow; the flow yields one record per window', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-1', resourceId: 'eni-a1', interval: 600 });
  const agg = new Aggregator(net);
  const list: Observation[] = [];
  for (let t = 0; t < 1500; t += 10) list.push(inbound(a1, T0 + t));
  feed(agg, list);
  const rs = agg.flush(T0 + 1800);
  assert.deepEqual(rs.map((r) => [r.start, r.end, r.values[5]]), [[T0, T0 + 590, 60], [T0 + 600, T0 + 1190, 60], [T0 + 1200, T0 + 1490, 30]]);
});

test('tcp-flags are ORed per record, and only within its window', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-1', resourceId: 'eni-a1', format: '${start} ${tcp-flags}' });
  const agg = new Aggregator(net);
  feed(agg, [
    inbound(a1, T0 + 1, { flags: SYN }), inbound(a1, T0 + 2, { flags: ACK }), inbound(a1, T0 + 3, { flags: PSH | ACK }),
    inbound(a1, T0 + 61, { flags: ACK }), inbound(a1, T0 + 62, { flags: FIN | ACK }),
    inbound(a1, T0 + 121, { flags: RST | ACK }), inbound(a1, T0 + 122, { flags: ACK }),
    inbound(a1, T0 + 181, { flags: PSH | ACK }),
    // Flags mean nothing outside TCP.
    inbound(a1, T0 + 182, { protocol: 17, flags: SYN }),
  ]);
  assert.deepEqual(lines(agg.flush(T0 + 300)), [`${T0 + 1} 2`, `${T0 + 61} 1`, `${T0 + 121} 4`, `${T0 + 181} 0`, `${T0 + 182} 0`]);
});

test('the aggregation key: direction, action and pkt-* addresses split flows; ICMP ports do not', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-1', resourceId: 'eni-a1', format: '${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${pkt-srcaddr} ${action} ${flow-direction} ${packets}' });
  const agg = new Aggregator(net);
  feed(agg, [
    inbound(a1, T0 + 1), inbound(a1, T0 + 2), inbound(a1, T0 + 3, { action: 'REJECT' }),
    inbound(a1, T0 + 4, { pktSrc: '203.0.113.9' }), inbound(a1, T0 + 5, { direction: 'egress' }),
    inbound(a1, T0 + 6, { protocol: 1, sport: 8, dport: 0 }), inbound(a1, T0 + 7, { protocol: 1, sport: 0, dport: 0 }),
  ]);
  assert.deepEqual(lines(agg.flush(T0 + 60)), [
    '198.51.100.7 10.0.1.10 50000 22 6 198.51.100.7 ACCEPT ingress 2',
    '198.51.100.7 10.0.1.10 50000 22 6 198.51.100.7 REJECT ingress 1',
    '198.51.100.7 10.0.1.10 50000 22 6 203.0.113.9 ACCEPT ingress 1',
    '198.51.100.7 10.0.1.10 50000 22 6 198.51.100.7 ACCEPT egress 1',
    '198.51.100.7 10.0.1.10 0 0 1 198.51.100.7 ACCEPT ingress 2',
  ]);
});

test('coverage: interface, subnet and VPC flow logs; interfaces created later; nothing before creation', () => {
  const { net, a1, a2, b1, log } = world();
  log({ id: 'fl-eni', resourceId: 'eni-a1' });
  log({ id: 'fl-subnet', resourceType: 'Subnet', resourceId: 'subnet-a', creationTime: (T0 + 10) * 1000 });
  log({ id: 'fl-vpc', resourceType: 'VPC', resourceId: 'vpc-1' });
  const agg = new Aggregator(net);
  feed(agg, [inbound(a1, T0 + 5), inbound(a1, T0 + 15), inbound(a2, T0 + 16), inbound(b1, T0 + 17)]);
  const late = addEni(net, 'eni-a3', 'subnet-a', '10.0.1.30', 'i-a3');
  feed(agg, [inbound(late, T0 + 20)]);
  const got = agg.flush(T0 + 60).map((r) => `${r.flowLog.id} ${r.eniId} ${r.values[5]}`);
  // fl-subnet was created 10 s later, so its window closes after the others.
  assert.deepEqual(got, [
    'fl-eni eni-a1 2',
    'fl-vpc eni-a1 2', 'fl-vpc eni-a2 1', 'fl-vpc eni-a3 1', 'fl-vpc eni-b1 1',
    'fl-subnet eni-a1 1', 'fl-subnet eni-a2 1', 'fl-subnet eni-a3 1',
  ]);
});

test('TrafficType keeps only ACCEPT or REJECT records', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-a', resourceId: 'eni-a1', trafficType: 'ACCEPT' });
  log({ id: 'fl-r', resourceId: 'eni-a1', trafficType: 'REJECT' });
  const agg = new Aggregator(net);
  feed(agg, [inbound(a1, T0 + 1), inbound(a1, T0 + 2, { action: 'REJECT', sport: 50001 })]);
  assert.deepEqual(agg.flush(T0 + 60).map((r) => `${r.flowLog.id} ${r.values[9]}`), ['fl-a ACCEPT', 'fl-r REJECT']);
});

test('a deleted flow log stops counting but still delivers the window it had open', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-1', resourceId: 'eni-a1' });
  const agg = new Aggregator(net, { nodata: true });
  feed(agg, [inbound(a1, T0 + 1), inbound(a1, T0 + 2)]);
  assert.deepEqual(agg.advanceTo(T0 + 30), []);
  net.flowLogs.delete('fl-1');
  net.touch();
  feed(agg, [inbound(a1, T0 + 31), inbound(a1, T0 + 90)]);
  const rs = agg.advanceTo(T0 + 600);
  assert.deepEqual(lines(rs), [`eni-a1 198.51.100.7 10.0.1.10 50000 22 2 200 ${T0 + 1} ${T0 + 2} ACCEPT OK`], 'no NODATA after deletion either');
  assert.equal(agg.openFlows, 0);
});

test('NODATA: one record per monitored interface idle for a whole window, with the window bounds', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-1', resourceType: 'Subnet', resourceId: 'subnet-a' });
  const agg = new Aggregator(net, { nodata: true });
  feed(agg, [inbound(a1, T0 + 5)]);
  assert.deepEqual(lines(agg.advanceTo(T0 + 120)), [
    `eni-a1 198.51.100.7 10.0.1.10 50000 22 1 100 ${T0 + 5} ${T0 + 5} ACCEPT OK`,
    `eni-a2 - - - - - - ${T0} ${T0 + 60} - NODATA`,
    `eni-a1 - - - - - - ${T0 + 60} ${T0 + 120} - NODATA`,
    `eni-a2 - - - - - - ${T0 + 60} ${T0 + 120} - NODATA`,
  ]);
  // A window cut short by the end of the run is not a whole idle window.
  feed(agg, [inbound(a1, T0 + 130)]);
  assert.deepEqual(lines(agg.flush(T0 + 150)), [`eni-a1 198.51.100.7 10.0.1.10 50000 22 1 100 ${T0 + 130} ${T0 + 130} ACCEPT OK`]);
});

test('NODATA is off by default, and traffic filtered out by TrafficType is not idleness', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-1', resourceId: 'eni-a1', trafficType: 'ACCEPT' });
  const off = new Aggregator(net);
  assert.deepEqual(off.advanceTo(T0 + 600), []);
  const on = new Aggregator(net, { nodata: true });
  feed(on, [inbound(a1, T0 + 5, { action: 'REJECT' })]);
  assert.deepEqual(lines(on.advanceTo(T0 + 120)), [`eni-a1 - - - - - - ${T0 + 60} ${T0 + 120} - NODATA`]);
});

test('capacity: flows past the limit fold into one SKIPDATA per interface and window', () => {
  const { net, a1, a2, log } = world();
  log({ id: 'fl-1', resourceType: 'Subnet', resourceId: 'subnet-a' });
  const agg = new Aggregator(net, { capacity: 2 });
  feed(agg, [
    inbound(a1, T0 + 1, { sport: 1 }), inbound(a1, T0 + 2, { sport: 2 }), inbound(a1, T0 + 3, { sport: 3 }),
    inbound(a1, T0 + 4, { sport: 4 }), inbound(a1, T0 + 5, { sport: 1 }), inbound(a2, T0 + 6, { sport: 9 }),
    inbound(a1, T0 + 61, { sport: 3 }),
  ]);
  assert.deepEqual(lines(agg.flush(T0 + 120)), [
    `eni-a1 198.51.100.7 10.0.1.10 1 22 2 200 ${T0 + 1} ${T0 + 5} ACCEPT OK`,
    `eni-a1 198.51.100.7 10.0.1.10 2 22 1 100 ${T0 + 2} ${T0 + 2} ACCEPT OK`,
    `eni-a1 - - - - - - ${T0} ${T0 + 60} - SKIPDATA`,
    `eni-a2 198.51.100.7 10.0.1.20 9 22 1 100 ${T0 + 6} ${T0 + 6} ACCEPT OK`,
    `eni-a1 198.51.100.7 10.0.1.10 3 22 1 100 ${T0 + 61} ${T0 + 61} ACCEPT OK`,
  ]);
  assert.throws(() => new Aggregator(net, { capacity: -1 }), RangeError);
});

test('order: by window end, flow log id, interface id, then first packet (even if observed late)', () => {
  const { net, a1, a2, log } = world();
  log({ id: 'fl-b', resourceType: 'Subnet', resourceId: 'subnet-a' });
  log({ id: 'fl-a', resourceType: 'Subnet', resourceId: 'subnet-a', creationTime: (T0 + 30) * 1000 });
  const agg = new Aggregator(net);
  feed(agg, [inbound(a2, T0 + 31, { sport: 1 }), inbound(a1, T0 + 32.5, { sport: 2 }), inbound(a1, T0 + 32, { sport: 3 })]);
  const got = agg.flush(T0 + 200).map((r) => `${r.flowLog.id} ${r.eniId} ${r.values[3]}`);
  // fl-b's window ends at T0+60, fl-a's at T0+90.
  assert.deepEqual(got, ['fl-b eni-a1 3', 'fl-b eni-a1 2', 'fl-b eni-a2 1', 'fl-a eni-a1 3', 'fl-a eni-a1 2', 'fl-a eni-a2 1']);
});

test('emitted records carry their flow log, interface and times; flows are dropped once emitted', () => {
  const { net, a1, log } = world();
  const fl = log({ id: 'fl-1', resourceId: 'eni-a1' });
  const agg = new Aggregator(net);
  feed(agg, [inbound(a1, T0 + 1), inbound(a1, T0 + 2, { sport: 2 }), inbound(a1, T0 + 70)]);
  assert.equal(agg.openFlows, 3);
  const [r] = agg.advanceTo(T0 + 60);
  assert.equal(r?.flowLog, fl);
  assert.equal(r?.eniId, 'eni-a1');
  assert.deepEqual([r?.start, r?.end], [T0 + 1, T0 + 1]);
  assert.equal(agg.openFlows, 1);
  agg.flush();
  assert.equal(agg.openFlows, 0);
});

test('an observation in a window that already closed is refused', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-1', resourceId: 'eni-a1' });
  const agg = new Aggregator(net, {} satisfies AggregatorOptions);
  feed(agg, [inbound(a1, T0 + 1)]);
  agg.advanceTo(T0 + 60);
  assert.throws(() => agg.observe(inbound(a1, T0 + 59)), /already closed/);
  assert.doesNotThrow(() => agg.observe(inbound(a1, T0 + 60)));
});

test('a flow log deleted and re-created under the same id keeps both windows apart', () => {
  const { net, a1, log } = world();
  log({ id: 'fl-1', resourceId: 'eni-a1' });
  const agg = new Aggregator(net);
  feed(agg, [inbound(a1, T0 + 1)]);
  agg.advanceTo(T0 + 10);
  net.flowLogs.delete('fl-1');
  net.touch();
  log({ id: 'fl-1', resourceId: 'eni-a1', creationTime: (T0 + 10) * 1000, format: '${start} ${packets}' });
  feed(agg, [inbound(a1, T0 + 11), inbound(a1, T0 + 12)]);
  assert.deepEqual(lines(agg.flush(T0 + 120)), [`eni-a1 198.51.100.7 10.0.1.10 50000 22 1 100 ${T0 + 1} ${T0 + 1} ACCEPT OK`, `${T0 + 11} 2`]);
});

test('flushInto says when each flow log has handed over its last record', () => {
  const { net, a1, b1, log } = world();
  log({ id: 'fl-1', resourceId: 'eni-a1' });
  log({ id: 'fl-2', resourceId: 'vpc-1', resourceType: 'VPC', interval: 600 });
  const agg = new Aggregator(net);
  feed(agg, [inbound(a1, T0 + 1), inbound(b1, T0 + 2), inbound(a1, T0 + 70), inbound(b1, T0 + 80)]);
  const events: string[] = [];
  agg.flushInto(undefined, (r) => events.push(`${r.flowLog.id} ${r.eniId} ${r.start}`), (fl) => events.push(`drained ${fl.id}`));
  // fl-1's windows end first (its second at T0 + 120), fl-2's only one at T0 + 600: each drained right after its last record.
  assert.deepEqual(events, [
    `fl-1 eni-a1 ${T0 + 1}`, `fl-1 eni-a1 ${T0 + 70}`, 'drained fl-1',
    `fl-2 eni-a1 ${T0 + 1}`, `fl-2 eni-b1 ${T0 + 2}`, 'drained fl-2',
  ]);
});
