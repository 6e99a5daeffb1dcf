/**
 * Conservation: for random networks, flow logs and observation streams, every
 * observation a flow log should count (covered interface, after creation, before
 * deletion, action allowed by TrafficType) is counted in exactly one of its
 * records, in the record of its window, and nothing else is counted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Action, Direction, Observation } from '../dataplane/packet.ts';
import type { FlowLog, NetworkInterface } from '../model/types.ts';
import { hasPorts } from '../net/protocol.ts';
import { coversInterface } from './coverage.ts';
import type { EmittedRecord } from './emitted.ts';
import { awsTcpFlags } from './tcp-flags.ts';
import { addEni, addFlowLog, addSubnet, addVpc, driveAggregator, obs, testNetwork } from './testing.ts';
import { scheduleOf, windowIndexAt } from './windows.ts';

const T0 = 1_700_000_000;
const KEY_FIELDS = 'interface-id srcaddr dstaddr srcport dstport protocol pkt-srcaddr pkt-dstaddr flow-direction action';
const FORMAT = `${KEY_FIELDS} tcp-flags packets bytes start end log-status`.split(' ').map((n) => `\${${n}}`).join(' ');
const ADDRS = ['10.0.0.10', '10.0.0.20', '10.0.1.10', '10.0.1.20', '198.51.100.7', '2001:db8::1'];

interface FlowLogGen { scope: number; trafficType: FlowLog['trafficType']; interval: 60 | 600; createdMs: number; deletedMs: number | null }
interface ObsGen { eni: number; ms: number; action: Action; direction: Direction; src: number; dst: number; pktSrc: number; sport: number; dport: number; protocol: number; bytes: number; flags: number }

/**
 * Times on a coarse grid of whole seconds plus a few fractions, so that packets
 * often fall right at a creation, a deletion or a window boundary.
 */
const msArb = (maxSeconds: number) => fc.tuple(fc.integer({ min: 0, max: maxSeconds }), fc.constantFrom(0, 1, 250, 500, 999)).map(([s, f]) => s * 1000 + f);

const flowLogArb: fc.Arbitrary<FlowLogGen> = fc.record({
  scope: fc.integer({ min: 0, max: 6 }),
  trafficType: fc.constantFrom('ACCEPT', 'REJECT', 'ALL'),
  interval: fc.constantFrom(60, 600),
  createdMs: msArb(300),
  deletedMs: fc.option(msArb(1200), { nil: null }),
});

const obsArb: fc.Arbitrary<ObsGen> = fc.record({
  eni: fc.integer({ min: 0, max: 3 }),
  ms: msArb(1200),
  action: fc.constantFrom('ACCEPT', 'REJECT'),
  direction: fc.constantFrom('ingress', 'egress'),
  src: fc.integer({ min: 0, max: 4 }),
  dst: fc.integer({ min: 0, max: 4 }),
  pktSrc: fc.integer({ min: 0, max: 4 }),
  sport: fc.constantFrom(1024, 40000),
  dport: fc.constantFrom(22, 443),
  protocol: fc.constantFrom(6, 17, 1),
  bytes: fc.integer({ min: 20, max: 9001 }),
  flags: fc.integer({ min: 0, max: 63 }),
});

function build(flowLogs: FlowLogGen[]) {
  const net = testNetwork();
  addVpc(net, 'vpc-1');
  addSubnet(net, 'subnet-0', 'vpc-1', 'use1-az1', '10.0.0.0/24');
  addSubnet(net, 'subnet-1', 'vpc-1', 'use1-az2', '10.0.1.0/24');
  const enis = [
    addEni(net, 'eni-0', 'subnet-0', '10.0.0.10', 'i-0'), addEni(net, 'eni-1', 'subnet-0', '10.0.0.20'),
    addEni(net, 'eni-2', 'subnet-1', '10.0.1.10', 'i-2'), addEni(net, 'eni-3', 'subnet-1', '10.0.1.20', 'i-3'),
  ];
  const logs = flowLogs.map((g, i) => {
    const [resourceType, resourceId] = g.scope < 4 ? ['NetworkInterface', `eni-${g.scope}`] as const
      : g.scope < 6 ? ['Subnet', `subnet-${g.scope - 4}`] as const : ['VPC', 'vpc-1'] as const;
    return addFlowLog(net, { id: `fl-${i}`, resourceType, resourceId, trafficType: g.trafficType, interval: g.interval, creationTime: T0 * 1000 + g.createdMs, format: FORMAT });
  });
  return { net, enis, logs };
}

function toObservation(g: ObsGen, enis: NetworkInterface[]): Observation {
  const v6 = g.src === 4 || g.dst === 4;
  const pick = (i: number) => (v6 ? (i === 4 ? ADDRS[5]! : '2001:db8::2') : ADDRS[i]!);
  return obs(enis[g.eni]!, {
    time: T0 + g.ms / 1000, src: pick(g.src), dst: pick(g.dst), pktSrc: v6 ? pick(g.src) : ADDRS[g.pktSrc]!, direction: g.direction, action: g.action,
    sport: g.sport, dport: g.dport, protocol: g.protocol, bytes: g.bytes, flags: g.flags,
  });
}

/** Deletions and extra clock ticks, as the driver takes them. */
function drive(net: ReturnType<typeof build>['net'], logs: FlowLog[], gens: FlowLogGen[], stream: Observation[], ticks: number[],
  opts: { nodata: boolean; capacity: number }, end: number | undefined): EmittedRecord[] {
  const events = [
    ...gens.flatMap((g, i) => (g.deletedMs === null ? [] : [{ t: T0 + g.deletedMs / 1000, del: logs[i]!.id }])),
    ...ticks.map((ms) => ({ t: T0 + ms / 1000 })),
  ];
  // The run may end before its last windows do: flush must deliver them anyway.
  return driveAggregator(net, stream, opts, events, end === undefined ? undefined : T0 + end / 1000);
}

const keyOf = (r: EmittedRecord) => `${r.flowLog.id} ${r.values.slice(0, 10).join(' ')}`;

test('every counted observation is in exactly one record of each flow log that should count it', () => {
  fc.assert(fc.property(
    fc.array(flowLogArb, { minLength: 1, maxLength: 4 }),
    fc.array(obsArb, { maxLength: 250 }),
    fc.array(msArb(1200), { maxLength: 6 }),
    fc.boolean(),
    fc.option(msArb(2000).map((ms) => ms + 1_201_000), { nil: undefined }),
    (gens, obsGens, ticks, nodata, end) => {
      const { net, enis, logs } = build(gens);
      const stream = obsGens.map((g) => toObservation(g, enis)).sort((a, b) => a.time - b.time);
      // Expected records, computed independently: one per (flow log, key, window).
      const expected = new Map<string, { packets: number; bytes: number; first: number; last: number; flags: number }>();
      for (const o of stream) {
        logs.forEach((fl, i) => {
          const g = gens[i]!;
          if (!coversInterface(fl, o.eni) || o.time < fl.creationTime / 1000) return;
          if (g.deletedMs !== null && o.time >= T0 + g.deletedMs / 1000) return;
          if (fl.trafficType !== 'ALL' && fl.trafficType !== o.action) return;
          const p = hasPorts(o.protocol);
          const key = [fl.id, o.eni.id, o.srcaddr.text, o.dstaddr.text, p ? o.srcport : 0, p ? o.dstport : 0, o.protocol, o.pktSrcaddr.text, o.pktDstaddr.text, o.direction, o.action].join(' ');
          const k = `${key} #${windowIndexAt(scheduleOf(fl), o.time)}`;
          const f = expected.get(k) ?? { packets: 0, bytes: 0, first: Infinity, last: -Infinity, flags: 0 };
          f.packets++;
          f.bytes += o.bytes;
          f.first = Math.min(f.first, o.time);
          f.last = Math.max(f.last, o.time);
          if (o.protocol === 6) f.flags |= awsTcpFlags(o.tcpFlags);
          expected.set(k, f);
        });
      }
      const want = [...expected].map(([k, f]) => `${k.replace(/ #-?\d+$/, '')} ${f.flags} ${f.packets} ${f.bytes} ${Math.floor(f.first)} ${Math.floor(f.last)} OK`).sort();
      const records = drive(net, logs, gens, stream, ticks, { nodata, capacity: 0 }, end);
      const got = records.filter((r) => r.values[15] === 'OK').map((r) => `${keyOf(r)} ${r.values.slice(10, 15).join(' ')} OK`).sort();
      assert.deepEqual(got, want);
      // Markers carry no counts, and without a capacity there is never a SKIPDATA.
      for (const r of records) {
        if (r.values[15] === 'OK') continue;
        assert.equal(r.values[15], 'NODATA');
        assert.ok(nodata);
        assert.deepEqual(r.values.slice(1, 13), new Array(12).fill(null));
      }
    },
  ), { numRuns: 300 });
});

test('with a capacity, an interface never has more flows in a window than allowed, and SKIPDATA marks exactly the overflow', () => {
  fc.assert(fc.property(
    fc.array(obsArb, { maxLength: 200 }),
    fc.integer({ min: 1, max: 4 }),
    (obsGens, capacity) => {
      const gens: FlowLogGen[] = [{ scope: 6, trafficType: 'ALL', interval: 60, createdMs: 0, deletedMs: null }];
      const { net, enis, logs } = build(gens);
      const stream = obsGens.map((g) => toObservation(g, enis)).sort((a, b) => a.time - b.time);
      const schedule = scheduleOf(logs[0]!);
      const keys = new Map<string, Set<string>>();
      for (const o of stream) {
        const bucket = `${o.eni.id} ${windowIndexAt(schedule, o.time)}`;
        const p = hasPorts(o.protocol);
        const key = [o.srcaddr.text, o.dstaddr.text, p ? o.srcport : 0, p ? o.dstport : 0, o.protocol, o.pktSrcaddr.text, o.direction, o.action].join(' ');
        if (!keys.has(bucket)) keys.set(bucket, new Set());
        keys.get(bucket)!.add(key);
      }
      const records = drive(net, logs, gens, stream, [], { nodata: false, capacity }, undefined);
      const ok = new Map<string, number>();
      const skipped = new Set<string>();
      for (const r of records) {
        const bucket = `${r.eniId} ${windowIndexAt(schedule, r.values[15] === 'OK' ? r.start : r.start + 1)}`;
        if (r.values[15] === 'SKIPDATA') skipped.add(bucket);
        else ok.set(bucket, (ok.get(bucket) ?? 0) + 1);
      }
      for (const [bucket, set] of keys) {
        assert.equal(ok.get(bucket), Math.min(set.size, capacity), bucket);
        assert.equal(skipped.has(bucket), set.size > capacity, bucket);
      }
      assert.equal(records.length, [...keys.values()].reduce((n, s) => n + Math.min(s.size, capacity) + (s.size > capacity ? 1 : 0), 0));
    },
  ), { numRuns: 200 });
});
