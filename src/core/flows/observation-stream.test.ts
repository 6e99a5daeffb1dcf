import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { FlowRef, Observation } from '../dataplane/packet.ts';
import { ip } from '../net/ip.ts';
import { Aggregator } from './aggregator.ts';
import type { EmittedRecord } from './emitted.ts';
import { type ObservationBatch, type ObservationConsumer, ObservationReader, ObservationWriter, WindowSpans } from './observation-stream.ts';
import { addEni, addFlowLog, addSubnet, addVpc, testNetwork } from './testing.ts';

const T0 = 1767225600;

function setUp() {
  const net = testNetwork();
  addVpc(net, 'vpc-1');
  addSubnet(net, 'subnet-1', 'vpc-1', 'use1-az1');
  const enis = [addEni(net, 'eni-a', 'subnet-1', '10.0.0.5', 'i-a'), addEni(net, 'eni-b', 'subnet-1', '10.0.0.6', 'i-b')];
  // Windows of 60 and 600 s from odd origins, and a flow log that starts part way in.
  addFlowLog(net, { id: 'fl-1', resourceId: 'vpc-1', resourceType: 'VPC', interval: 60, creationTime: T0 * 1000 - 12_345 });
  addFlowLog(net, { id: 'fl-2', resourceId: 'eni-a', interval: 600, creationTime: T0 * 1000 - 1 });
  addFlowLog(net, { id: 'fl-3', resourceId: 'subnet-1', resourceType: 'Subnet', interval: 60, trafficType: 'REJECT', creationTime: (T0 + 95) * 1000 + 500 });
  return { net, enis };
}

const ips = ['10.0.0.5', '10.0.0.6', '203.0.113.9', '2001:db8::1', '2001:db8::ff'].map(ip);

const keyArb = (enis: unknown[]) => fc.record({
  eni: fc.nat(enis.length - 1), direction: fc.constantFrom('ingress' as const, 'egress' as const), action: fc.constantFrom('ACCEPT' as const, 'REJECT' as const),
  srcaddr: fc.constantFrom(...ips), dstaddr: fc.constantFrom(...ips), pktSrcaddr: fc.constantFrom(...ips), pktDstaddr: fc.constantFrom(...ips),
  srcport: fc.constantFrom(0, 443, 40000), dstport: fc.constantFrom(0, 80, 51000), protocol: fc.constantFrom(1, 6, 17),
  trafficPath: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
});

const stepArb = fc.record({
  which: fc.nat(), gap: fc.oneof(fc.constantFrom(0, 0.0004, 0.001, 59.9991, 61, 400), fc.double({ min: 0, max: 4, noNaN: true })),
  bytes: fc.integer({ min: 40, max: 9001 }), flags: fc.integer({ min: 0, max: 63 }), slice: fc.nat(15).map((x) => x === 0), withRef: fc.nat(4).map((x) => x > 0),
});

test('property: observations through the stream (summed within spans or not) give the records observing them gives', () => {
  fc.assert(fc.property(fc.array(keyArb([0, 1]), { minLength: 1, maxLength: 3 }), fc.array(stepArb, { minLength: 20, maxLength: 200, size: 'max' }), fc.boolean(), fc.integer({ min: 15, max: 90 }),
    (keys, steps, summed, size) => {
      const direct = setUp(), far = setUp();
      const a = new Aggregator(direct.net), b = new Aggregator(far.net);
      const refs: FlowRef[] = keys.map(() => ({ cache: undefined }));
      const batches: ObservationBatch[] = [];
      const w = new ObservationWriter((x) => batches.push(x), summed ? new WindowSpans(direct.net) : undefined, size);
      const r = new ObservationReader(far.net);
      const consumer: ObservationConsumer = {
        observe: (o) => b.observe(o),
        totals: (o, packets, bytes, first, last, flags) => b.observeTotals(o, packets, bytes, first, last, flags),
      };
      const want: EmittedRecord[] = [], got: EmittedRecord[] = [];
      const drain = () => {
        for (const x of batches.splice(0)) r.read(x, consumer);
      };
      let t = T0 + 30;
      for (const s of steps) {
        t += s.gap;
        const k = s.which % keys.length, key = keys[k]!;
        const o: Observation = { ...key, eni: direct.enis[key.eni]!, time: t, bytes: s.bytes, tcpFlags: s.flags, ref: s.withRef ? refs[k] : undefined };
        a.observe({ ...o, ref: undefined });
        w.write(o);
        if (s.slice) {
          a.advanceInto(t, (x) => want.push(x));
          w.flushAll();
          drain();
          b.advanceInto(t, (x) => got.push(x));
          r.forget();
        }
      }
      w.flushAll();
      drain();
      a.flushInto(t + 1, (x) => want.push(x));
      b.flushInto(t + 1, (x) => got.push(x));
      const lines = (xs: EmittedRecord[]) => xs.map((x) => `${x.flowLog.id} ${x.line}`);
      assert.deepEqual(lines(got), lines(want));
    },
  ), { numRuns: 300 });
});

test('an observation of a ref after the first is five numbers; one in the same span adds to its sums', () => {
  const { net, enis } = setUp();
  const batches: ObservationBatch[] = [];
  const ref: FlowRef = { cache: undefined };
  const o: Observation = {
    time: T0 + 10, eni: enis[0]!, direction: 'egress', action: 'ACCEPT', srcaddr: ips[0]!, dstaddr: ips[1]!, pktSrcaddr: ips[0]!, pktDstaddr: ips[1]!,
    srcport: 40000, dstport: 443, protocol: 6, bytes: 60, tcpFlags: 2, trafficPath: 1, ref,
  };
  const plain = new ObservationWriter((b) => batches.push(b));
  plain.write(o);
  plain.write({ ...o, time: T0 + 11 });
  plain.flush();
  assert.equal(batches[0]!.length, 15 + 5);
  assert.deepEqual(batches[0]!.ips, ['10.0.0.5', '10.0.0.6']);
  assert.deepEqual(batches[0]!.enis, ['eni-a']);

  const summing = new ObservationWriter((b) => batches.push(b), new WindowSpans(net));
  const ref2: FlowRef = { cache: undefined };
  for (let i = 0; i < 10; i++) summing.write({ ...o, ref: ref2, time: T0 + 10 + i });
  summing.flushAll();
  assert.equal(batches[1]!.length, 15 + 7);
});
