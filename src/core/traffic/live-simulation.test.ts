/**
 * The live server's use of the simulation: items added while it runs, and
 * time moved in steps of any size, give the packets a whole run gives.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Packet } from '../dataplane/packet.ts';
import { twoTier } from '../testing/two-tier.ts';
import { FakeDataPlane } from './fake-dataplane.ts';
import { Simulation, type TrafficSettings } from './simulate.ts';
import { HOME, START, icmp, run, scan, tcp, udp } from './test-support.ts';

const items = () => [
  tcp('home', 'Web', 80, { request: 700, response: 50_000, repeat: 4, every: 7 }),
  udp('Web', '162.159.200.123', 123, { at: 1, place: 'traffic[1]' }),
  icmp('home', 'Web', { at: 2, place: 'traffic[2]' }),
  scan('54.149.118.103', 'Web', [22, 80, 443], { at: 0.5, place: 'traffic[3]' }),
  tcp('Web', 'DbPi', 3306, { at: 40, request: 10_000, place: 'traffic[4]' }),
];

function live(steps: number[], split: number): Packet[] {
  const t = twoTier();
  const packets: Packet[] = [];
  const settings: TrafficSettings = { start: START, seed: 1, hosts: { home: HOME }, listen: {}, traffic: [], changes: [] };
  const sim = new Simulation({ settings, network: t.net, dataPlane: new FakeDataPlane(t.net, undefined, ['172.31.0.2']) }, { onFate: (p) => packets.push(p) });
  const all = items();
  // The first items arrive at 0 s, the others (all starting after `split`) once the clock has passed it.
  sim.addTraffic(all.filter((i) => i.at < split), {}, { home: HOME });
  let now = 0, added = false;
  for (const s of steps) {
    now += s;
    if (!added && now >= split) {
      while (sim.runUntil(split, 7));
      sim.addTraffic(all.filter((i) => i.at >= split), {}, { home: HOME });
      added = true;
    }
    while (sim.runUntil(now, 7));
  }
  if (!added) {
    while (sim.runUntil(split, 7));
    sim.addTraffic(all.filter((i) => i.at >= split), {}, { home: HOME });
  }
  while (sim.runUntil(Infinity, 1000));
  return packets;
}

test('items added over time and time moved in steps give exactly the packets of one run', () => {
  const whole = run(items()).packets;
  assert.ok(whole.length > 100);
  fc.assert(fc.property(
    fc.array(fc.double({ min: 0.001, max: 30, noNaN: true }), { minLength: 1, maxLength: 20 }),
    fc.constantFrom(0.75, 1.5, 30),
    (steps, split) => {
      assert.deepEqual(live(steps, split), whole);
    },
  ), { numRuns: 40 });
});

test('runUntil handles nothing after its time, and never ends the simulation', () => {
  const t = twoTier();
  const seen: number[] = [];
  const settings: TrafficSettings = { start: START, seed: 1, hosts: {}, listen: {}, traffic: [], changes: [] };
  const sim = new Simulation({ settings, network: t.net, dataPlane: new FakeDataPlane(t.net) }, { onFate: (p) => seen.push(p.time - START) });
  assert.equal(sim.runUntil(100, 10), false);
  sim.addTraffic([icmp('Web', 'DbPi', { at: 150, count: 2 })]);
  assert.equal(sim.runUntil(149, 10), false);
  assert.deepEqual(seen, []);
  assert.equal(sim.pendingEvents, 1);
  // A budget smaller than what is due says more is due.
  assert.equal(sim.runUntil(200, 1), true);
  while (sim.runUntil(200, 1));
  assert.equal(seen.length, 4);
  assert.ok(seen.every((s) => s >= 150 && s < 152));
  assert.equal(sim.done, false);
  assert.throws(() => sim.addTraffic([icmp('Web', 'DbPi', { at: 100 })]), /before the simulation's time/);
});

test('listen entries added later apply to later connections', () => {
  const t = twoTier();
  const flags: number[] = [];
  const settings: TrafficSettings = { start: START, seed: 1, hosts: {}, listen: {}, traffic: [], changes: [] };
  const sim = new Simulation({ settings, network: t.net, dataPlane: new FakeDataPlane(t.net) }, { onFate: (p) => { if (p.sport === 3306) flags.push(p.flags); } });
  sim.addTraffic([tcp('Web', 'DbPi', 3306)]);
  while (sim.runUntil(10, 100));
  sim.addTraffic([tcp('Web', 'DbPi', 3306, { at: 20, place: 'traffic[1]' })], { DbPi: [5432] });
  while (sim.runUntil(30, 100));
  // First a SYN-ACK from a listening server; then, with only 5432 listed, a RST.
  assert.equal(flags[0], 0x12);
  assert.ok(flags.slice(1).some((f) => (f & 0x04) !== 0), flags.join(','));
});
