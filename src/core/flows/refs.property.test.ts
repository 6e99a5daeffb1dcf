/**
 * Observation refs (Observation.ref) are a shortcut: for random flow logs
 * (interval, traffic type, creation time, deletion), capacities and time-ordered
 * observation streams, the records are exactly those of the same stream without
 * refs, whether refs are shared by every observation of a key or renewed often.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Action, Direction, FlowRef, Observation } from '../dataplane/packet.ts';
import type { FlowLog } from '../model/types.ts';
import { addEni, addFlowLog, addSubnet, addVpc, driveAggregator, obs, testNetwork } from './testing.ts';

const T0 = 1_700_000_000;

interface LogGen { scope: number; trafficType: FlowLog['trafficType']; interval: 60 | 600; createdMs: number; deletedMs: number | null }
interface ObsGen { eni: number; ms: number; action: Action; direction: Direction; peer: number; sport: number; bytes: number; flags: number; renew: boolean }

/** Times often right at a minute boundary (flow logs are created on or near one), or a millisecond either side. */
const msArb = (maxSeconds: number) => fc.tuple(fc.integer({ min: 0, max: Math.floor(maxSeconds / 60) }), fc.constantFrom(0, 1, 999, 30_000, 59_999, 59_500))
  .map(([m, f]) => m * 60_000 + f);

const logArb: fc.Arbitrary<LogGen> = fc.record({
  scope: fc.integer({ min: 0, max: 3 }),
  trafficType: fc.constantFrom('ACCEPT', 'REJECT', 'ALL'),
  interval: fc.constantFrom(60, 600),
  createdMs: fc.constantFrom(0, 1, 500, 999, 30_000, 60_500),
  deletedMs: fc.option(msArb(900), { nil: null }),
});

const obsArb: fc.Arbitrary<ObsGen> = fc.record({
  eni: fc.integer({ min: 0, max: 1 }),
  ms: msArb(900),
  action: fc.constantFrom('ACCEPT', 'ACCEPT', 'REJECT'),
  direction: fc.constantFrom('ingress', 'egress'),
  peer: fc.constantFrom(0, 0, 0, 1),
  sport: fc.constantFrom(1024, 1024, 1024, 40000),
  bytes: fc.integer({ min: 20, max: 9001 }),
  flags: fc.integer({ min: 0, max: 63 }),
  renew: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

test('property: records are the same with and without observation refs', () => {
  fc.assert(fc.property(
    fc.array(logArb, { minLength: 1, maxLength: 3 }),
    fc.array(obsArb, { minLength: 10, maxLength: 300 }),
    fc.array(msArb(900), { maxLength: 6 }),
    fc.constantFrom(0, 0, 1, 2),
    fc.boolean(),
    (gens, obsGens, ticks, capacity, nodata) => {
      const run = (withRefs: boolean): string[] => {
        const net = testNetwork();
        addVpc(net, 'vpc-1');
        addSubnet(net, 'subnet-0', 'vpc-1', 'use1-az1', '10.0.0.0/24');
        const enis = [addEni(net, 'eni-0', 'subnet-0', '10.0.0.10', 'i-0'), addEni(net, 'eni-1', 'subnet-0', '10.0.0.20', 'i-1'), addEni(net, 'eni-2', 'subnet-0', '10.0.0.30', 'i-2')];
        const logs = gens.map((g, i) => addFlowLog(net, {
          id: `fl-${i}`, resourceType: g.scope < 3 ? 'NetworkInterface' : 'VPC', resourceId: g.scope < 3 ? `eni-${g.scope}` : 'vpc-1',
          trafficType: g.trafficType, interval: g.interval, creationTime: T0 * 1000 + g.createdMs,
        }));
        const refs = new Map<string, FlowRef>();
        const stream = obsGens.map((g): Observation => {
          const peers = ['198.51.100.7', '203.0.113.9', '10.0.0.99'];
          const local = enis[g.eni]!.privateIps[0]!.text, remote = peers[g.peer]!;
          const o = obs(enis[g.eni]!, {
            time: T0 + g.ms / 1000, src: g.direction === 'egress' ? local : remote, dst: g.direction === 'egress' ? remote : local,
            sport: g.sport, dport: 443, direction: g.direction, action: g.action, bytes: g.bytes, flags: g.flags,
          });
          if (withRefs) {
            const key = `${g.eni} ${g.direction} ${g.action} ${g.peer} ${g.sport}`;
            let ref = refs.get(key);
            if (!ref || g.renew) refs.set(key, (ref = { cache: undefined }));
            o.ref = ref;
          }
          return o;
        }).sort((a, b) => a.time - b.time);
        const events = [
          ...gens.flatMap((g, i) => (g.deletedMs === null ? [] : [{ t: T0 + g.deletedMs / 1000, del: logs[i]!.id }])),
          ...ticks.map((ms) => ({ t: T0 + ms / 1000 })),
        ];
        const out = driveAggregator(net, stream, { capacity, nodata }, events, T0 + 1000);
        return out.map((r) => `${r.flowLog.id} ${r.line}`);
      };
      assert.deepEqual(run(true), run(false));
    },
  ), { numRuns: 300 });
});
