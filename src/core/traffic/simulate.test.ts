import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Packet } from '../dataplane/packet.ts';
import { ip } from '../net/ip.ts';
import { ACK, SYN } from '../net/protocol.ts';
import type { Change } from '../scenario/types.ts';
import { twoTier } from '../testing/two-tier.ts';
import { EPHEMERAL_HIGH, EPHEMERAL_LOW } from './constants.ts';
import { TrafficError } from './errors.ts';
import { FakeDataPlane } from './fake-dataplane.ts';
import { Simulation, checkTraffic, simulate } from './simulate.ts';
import { START, icmp, rel, run, scan, tcp, udp } from './test-support.ts';

const change = (at: number, action = 'Test'): Change => ({ at, action, params: {}, place: `changes@${at}` });

test('repeat/every: each repetition is a new connection, `every` seconds apart, on a new ephemeral port', () => {
  const { packets } = run([tcp('Web', 'DbPi', 3306, { request: 10, repeat: 3, every: 10 })]);
  const syns = packets.filter((p) => p.flags === SYN);
  assert.deepEqual(syns.map(rel), [0, 10, 20]);
  const ports = syns.map((p) => p.sport);
  assert.equal(new Set(ports).size, 3);
  assert.ok(ports.every((p) => p >= EPHEMERAL_LOW && p <= EPHEMERAL_HIGH));
});

test('a given sport is used as is, for every repetition', () => {
  const { packets } = run([udp('Web', 'DbPi', 53, { sport: 5353, repeat: 2, every: 1 })]);
  assert.deepEqual(packets.filter((p) => p.dport === 53).map((p) => p.sport), [5353, 5353]);
});

test('connections open at the same time between the same addresses get distinct ports', () => {
  const { packets } = run([tcp('Web', 'DbPi', 3306, { repeat: 200, every: 0, duration: 60 })]);
  const syns = packets.filter((p) => p.flags === SYN);
  assert.equal(syns.length, 200);
  assert.equal(new Set(syns.map((p) => p.sport)).size, 200);
});

function mixed() {
  return [
    tcp('home', 'Web', 80, { request: 700, response: 50_000, repeat: 5, every: 3 }),
    udp('Web', '162.159.200.123', 123, { at: 1, place: 'traffic[1]' }),
    icmp('home', 'Web', { at: 2, place: 'traffic[2]' }),
    scan('54.149.118.103', 'Web', [22, 80, 443], { at: 0.5, place: 'traffic[3]' }),
  ];
}

test('determinism: the same seed gives the identical packet list; another seed other ports', () => {
  const a = run(mixed()).packets, b = run(mixed()).packets;
  assert.ok(a.length > 100);
  assert.deepEqual(a, b);
  const c = run(mixed(), { settings: { seed: 2 } }).packets;
  assert.equal(c.length, a.length);
  assert.notDeepEqual(c.map((p) => p.sport), a.map((p) => p.sport));
  assert.deepEqual(c.map((p) => [p.time, p.size, p.flags]), a.map((p) => [p.time, p.size, p.flags]));
});

test('changes are applied between packets, in order, before the first packet at or after their time', () => {
  const log: string[] = [];
  let blocked = false;
  const { packets } = run([icmp('home', 'Web', { count: 3 })], {
    settings: { changes: [change(2, 'Second'), change(1, 'First'), change(2.5, 'Third')] },
    drop: () => blocked,
    hooks: {
      applyChange: (c) => { log.push(c.action); if (c.action === 'First') blocked = true; },
      onFate: (p, f) => log.push(`${rel(p)} ${f.delivered ? 'ok' : 'dropped'}`),
    },
  });
  assert.equal(packets.length, 4);
  // A change at exactly a packet's time comes before that packet.
  assert.deepEqual(log, ['0 ok', '0.01 ok', 'First', '1 dropped', 'Second', '2 dropped', 'Third']);
});

test('a change before an item starts is seen when its endpoints are resolved', () => {
  const t = twoTier();
  const db = t.net.interfaces.get(t.dbInst.eniIds[0]!)!;
  const { packets } = run([icmp('home', 'DbPi', { at: 10, count: 1 })], {
    net: t,
    settings: { changes: [change(5)] },
    hooks: { applyChange: () => { db.publicIp = ip('3.80.10.99'); } },
  });
  assert.equal(packets[0]!.dst.text, '3.80.10.99');
  assert.equal(packets[1]!.src.text, '172.31.50.10');
});

test('`duration` cuts the run: nothing after it is sent, changes up to it are applied, later ones are not', () => {
  const applied: string[] = [];
  const { packets, totals } = run([icmp('Web', 'DbPi', { count: 10 })], {
    settings: { duration: 5, changes: [change(4.5, 'in'), change(6, 'out')] },
    hooks: { applyChange: (c) => applied.push(c.action) },
  });
  // Requests at 0…5, replies 0.2 ms later except the last.
  assert.deepEqual(packets.map(rel), [0, 0.0002, 1, 1.0002, 2, 2.0002, 3, 3.0002, 4, 4.0002, 5]);
  assert.deepEqual(applied, ['in']);
  assert.deepEqual([totals.packets, totals.delivered, totals.changesApplied], [11, 11, 1]);
  assert.equal(totals.lastPacketTime, START + 5);
});

test('without `duration`, changes after the last packet are still applied, at the end', () => {
  const applied: number[] = [];
  const { totals } = run([icmp('Web', 'DbPi', { count: 1 })], {
    settings: { changes: [change(100)] },
    hooks: { applyChange: (c) => applied.push(c.at) },
  });
  assert.deepEqual(applied, [100]);
  assert.equal(totals.lastPacketTime, START + 0.0002);
});

test('totals and progress; dropped pure ACKs change nothing else', () => {
  const progress: [number, number][] = [];
  const { totals, packets } = run([tcp('Web', 'DbPi', 3306, { request: 700, response: 5000 })], {
    drop: (p: Packet) => p.flags === ACK && p.src.text === '172.31.60.10',
    hooks: { progressEvery: 5, onProgress: (t, n) => progress.push([Math.round((t - START) * 1e6) / 1e6, n]) },
  });
  // The 14 packets of the undisturbed connection; the client's 4 pure ACKs are lost.
  assert.equal(packets.length, 14);
  assert.deepEqual([totals.packets, totals.delivered, totals.dropped], [14, 10, 4]);
  assert.deepEqual(progress, [[0.00061, 5], [0.00083, 10]]);
});

test('an item that cannot be resolved stops the run with a TrafficError naming its place', () => {
  assert.throws(() => run([tcp('Web', 'Nope', 1, { place: 'traffic[7]' })]), (e: unknown) => {
    assert.ok(e instanceof TrafficError);
    assert.equal(e.place, 'traffic[7]');
    assert.match(e.message, /^traffic\[7\]: to: no instance, network interface or host is named Nope/);
    return true;
  });
});

test('checkTraffic reports problems before the run: items and listen entries', () => {
  const t = twoTier();
  const settings = { start: START, seed: 1, hosts: { home: '198.51.100.7' }, listen: {}, traffic: [tcp('home', 'DbPi', 1, { place: 'traffic[2]' })], changes: [] };
  assert.throws(() => checkTraffic(settings, t.net), /traffic\[2\]: to: DbPi .* has no public IPv4 address/);
  assert.throws(() => checkTraffic({ ...settings, traffic: [], listen: { Ghost: [80] } }, t.net), /listen\.Ghost: /);
  assert.doesNotThrow(() => checkTraffic({ ...settings, traffic: [tcp('home', 'Web', 1)], listen: { Web: [80], home: [22], '10.9.9.9': [1] } }, t.net));
});

test('the data plane sees each packet at its own time, in time order', () => {
  const t = twoTier();
  const plane = new FakeDataPlane(t.net);
  simulate({ settings: { start: START, seed: 1, hosts: { home: '198.51.100.7' }, listen: {}, traffic: mixed(), changes: [] }, network: t.net, dataPlane: plane });
  const times = plane.sent.map((p) => p.time);
  assert.ok(times.length > 100);
  assert.ok(times.every((x, i) => i === 0 || times[i - 1]! <= x));
});

test('data bursts run in place of queued events: the same packets in the same order, whatever the slices, with drops and a change', () => {
  // Overlapping bursts of several connections, ACKs due in the middle of them, a dropped segment, a change mid-burst.
  const traffic = [
    tcp('Web', 'DbPi', 3306, { request: 30_000, response: 200_000, repeat: 3, every: 0.001 }),
    tcp('home', 'Web', 80, { at: 0.0003, request: 700, response: 90_000, repeat: 2, every: 0.002, place: 'traffic[1]' }),
  ];
  let n = 0;
  const drop = (p: Packet) => p.size > 1000 && ++n % 97 === 0;
  const key = (p: Packet) => `${p.time} ${p.src.text}:${p.sport} ${p.dst.text}:${p.dport} ${p.flags} ${p.size}`;
  const runWith = (drive: (s: Simulation) => void): string[] => {
    n = 0;
    const t = twoTier(), packets: string[] = [];
    const settings = { start: START, seed: 1, hosts: { home: '198.51.100.7' }, listen: {}, traffic, changes: [change(0.0021)] };
    const s = new Simulation({ settings, network: t.net, dataPlane: new FakeDataPlane(t.net, drop) }, { onFate: (p) => packets.push(key(p)), applyChange: () => undefined });
    drive(s);
    return packets;
  };
  const queued = runWith((s) => { while (s.runUntil(Infinity, 1)); }); // runUntil never runs events in place
  assert.ok(queued.length > 500);
  assert.deepEqual(runWith((s) => { while (s.step(1 << 20)); }), queued);
  assert.deepEqual(runWith((s) => { while (s.step(3)); }), queued);
});
