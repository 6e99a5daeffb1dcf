import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { FlowRef, Observation } from '../dataplane/packet.ts';
import { ip } from '../net/ip.ts';
import { type ObservationBatch, ObservationReader, ObservationWriter } from './observation-stream.ts';
import { addEni, addSubnet, addVpc, testNetwork } from './testing.ts';

const net = testNetwork();
addVpc(net, 'vpc-1');
addSubnet(net, 'subnet-1', 'vpc-1', 'use1-az1');
const enis = [addEni(net, 'eni-a', 'subnet-1', '10.0.0.5', 'i-a'), addEni(net, 'eni-b', 'subnet-1', '10.0.0.6', 'i-b')];
const ips = ['10.0.0.5', '10.0.0.6', '203.0.113.9', '2001:db8::1', '2001:db8::ff'].map(ip);

/** What a consumer sees of an observation: every field, the ref only as whether there is one. */
const seen = (o: Observation) => ({ ...o, ref: o.ref !== undefined });

const observation = fc.record({
  eni: fc.constantFrom(...enis), direction: fc.constantFrom('ingress' as const, 'egress' as const), action: fc.constantFrom('ACCEPT' as const, 'REJECT' as const),
  srcaddr: fc.constantFrom(...ips), dstaddr: fc.constantFrom(...ips), pktSrcaddr: fc.constantFrom(...ips), pktDstaddr: fc.constantFrom(...ips),
  srcport: fc.integer({ min: 0, max: 65535 }), dstport: fc.integer({ min: 0, max: 65535 }), protocol: fc.constantFrom(1, 6, 17, 58),
  trafficPath: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
});

test('observations come out as they went in, refs sent once, across batches and forgets', () => {
  fc.assert(fc.property(
    fc.array(observation, { minLength: 1, maxLength: 6 }),
    fc.array(fc.record({ which: fc.nat(), withRef: fc.boolean(), time: fc.double({ min: 1.7e9, max: 1.8e9, noNaN: true }), bytes: fc.integer({ min: 40, max: 9001 }), flags: fc.integer({ min: 0, max: 63 }), forget: fc.boolean() }), { maxLength: 60 }),
    fc.integer({ min: 14, max: 64 }),
    (keys, uses, size) => {
      const refs: FlowRef[] = keys.map(() => ({ cache: undefined }));
      const batches: ObservationBatch[] = [];
      const w = new ObservationWriter((b) => batches.push(b), size);
      const r = new ObservationReader(net);
      const got: unknown[] = [], want: unknown[] = [];
      for (const u of uses) {
        const k = u.which % keys.length;
        const o: Observation = { ...keys[k]!, time: u.time, bytes: u.bytes, tcpFlags: u.flags, ref: u.withRef ? refs[k] : undefined };
        w.write(o);
        want.push(seen(o));
        if (u.forget) {
          w.flush();
          for (const b of batches.splice(0)) r.read(b, (x) => got.push(seen(x)));
          r.forget();
        }
      }
      w.flush();
      for (const b of batches.splice(0)) r.read(b, (x) => got.push(seen(x)));
      assert.deepEqual(got, want);
    },
  ));
});

test('an observation of a ref after the first is four numbers', () => {
  const batches: ObservationBatch[] = [];
  const w = new ObservationWriter((b) => batches.push(b));
  const ref: FlowRef = { cache: undefined };
  const o: Observation = {
    time: 1.7e9, eni: enis[0]!, direction: 'egress', action: 'ACCEPT', srcaddr: ips[0]!, dstaddr: ips[1]!, pktSrcaddr: ips[0]!, pktDstaddr: ips[1]!,
    srcport: 40000, dstport: 443, protocol: 6, bytes: 60, tcpFlags: 2, trafficPath: 1, ref,
  };
  w.write(o);
  w.write({ ...o, time: 1.7e9 + 1 });
  w.flush();
  assert.equal(batches.length, 1);
  assert.equal(batches[0]!.length, 14 + 4);
  assert.deepEqual(batches[0]!.ips, ['10.0.0.5', '10.0.0.6']);
  assert.deepEqual(batches[0]!.enis, ['eni-a']);
});
