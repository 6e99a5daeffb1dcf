/**
 * LiveTraffic against `vpcflow run`'s own pieces: traffic sent as requests,
 * with the clock moved in steps, gives the records of one whole simulation;
 * delivery waits for the delay; a request that cannot run is refused whole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../dataplane/engine.ts';
import { runAction } from '../ec2/actions.ts';
import { Aggregator } from '../flows/aggregator.ts';
import type { EmittedRecord } from '../flows/emitted.ts';
import { originOf } from '../scenario/origin.ts';
import { twoTier } from '../testing/two-tier.ts';
import { simulate } from '../traffic/simulate.ts';
import { LiveTraffic } from './live-traffic.ts';
import { readTrafficRequest } from './traffic-request.ts';

const START = Date.UTC(2026, 0, 1) / 1000;
type Net = ReturnType<typeof twoTier>;
/** Instances by id (the two-tier network, built in code, has no template logical ids), the web interface by its own. */
const BODY = (t: Net) => ({
  hosts: { home: '198.51.100.7' },
  traffic: [
    { at: '0s', tcp: { from: 'home', to: t.webInst.id, port: 80, request: 700, response: 20_000, repeat: 5, every: '50s' } },
    { at: '30s', tcp: { from: t.webInst.eniIds[0], to: t.dbInst.id, port: 3306, request: 300, response: 1200 } },
    { at: '90s', tcp: { from: 'home', to: t.webInst.id, port: 22 } },
  ],
});

function withFlowLog() {
  const t = twoTier();
  runAction(t.ctx, 'CreateFlowLogs', {
    ResourceType: 'VPC', ResourceIds: [t.vpc.id], TrafficType: 'ALL', LogGroupName: 'g', DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/r', MaxAggregationInterval: 60,
  });
  return t;
}

const lines = (rs: EmittedRecord[]) => rs.map((r) => r.line);

test('requests and a clock moved in steps give the records of one whole simulation', () => {
  const a = withFlowLog();
  const req = readTrafficRequest(BODY(a), originOf('body'), a.net);
  const agg = new Aggregator(a.net);
  const whole: EmittedRecord[] = [];
  simulate({ settings: { start: START, seed: 's', hosts: req.hosts, listen: {}, traffic: req.items, changes: [] }, network: a.net, dataPlane: new Engine(a.net) }, {
    onFate: (_p, f) => { for (const o of f.observations) agg.observe(o); },
  });
  agg.advanceInto(START + 3600, (r) => whole.push(r));
  assert.ok(whole.length > 10);

  const b = withFlowLog();
  const live = new LiveTraffic({ net: b.net, start: START, seed: 's' });
  const got: EmittedRecord[] = [];
  live.add(readTrafficRequest(BODY(b), originOf('body'), b.net), START);
  for (let t = START; t <= START + 3600; t += 37) live.runUntil(t, t, (r) => got.push(r));
  live.runUntil(START + 3600, START + 3600, (r) => got.push(r));
  assert.deepEqual(lines(got), lines(whole));
  assert.equal(live.totals().pendingEvents, 0);
});

test('records wait for the delivery delay: a window is closed only once closeBy passes its end', () => {
  const t = withFlowLog();
  const live = new LiveTraffic({ net: t.net, start: START, seed: 1 });
  live.add(readTrafficRequest({ traffic: [{ at: 0, tcp: { from: t.webInst.id, to: t.dbInst.id, port: 3306 } }] }, originOf('body'), t.net), START);
  const got: EmittedRecord[] = [];
  live.runUntil(START + 90, START + 59, (r) => got.push(r));
  assert.equal(got.length, 0);
  assert.equal(live.now, START + 90);
  live.runUntil(START + 91, START + 60, (r) => got.push(r));
  assert.ok(got.length > 0);
  assert.ok(got.every((r) => r.end < START + 60));
});

test('a request with an item that cannot run is refused whole, named as written', () => {
  const t = withFlowLog();
  const live = new LiveTraffic({ net: t.net, start: START, seed: 1 });
  // The database has no public address: an outside host has nothing to reach it at.
  const req = readTrafficRequest({ traffic: [
    { at: 0, tcp: { from: t.webInst.id, to: t.dbInst.id, port: 3306 } },
    { at: 0, tcp: { from: '198.51.100.7', to: t.dbInst.id, port: 3306 } },
  ] }, originOf('body'), t.net);
  assert.throws(() => live.add(req, START), /traffic\[1\]: to: i-[0-9a-f]+ \(eni-[0-9a-f]+\) has no public IPv4 address/);
  assert.equal(live.totals().items, 0);
  assert.equal(live.totals().pendingEvents, 0);
});

test('items are numbered across requests, as one scenario would number them', () => {
  const t = withFlowLog();
  const live = new LiveTraffic({ net: t.net, start: START, seed: 1 });
  const one = { traffic: [{ at: 0, icmp: { from: t.webInst.id, to: t.dbInst.id, count: 1 } }] };
  assert.deepEqual(live.add(readTrafficRequest(one, originOf('body'), t.net), START).map((i) => i.place), ['traffic[0]']);
  live.runUntil(START + 5, START + 5, () => undefined);
  const two = live.add(readTrafficRequest({ traffic: [...one.traffic, ...one.traffic] }, originOf('body'), t.net), START + 5);
  assert.deepEqual(two.map((i) => [i.place, i.at]), [['traffic[1]', 5], ['traffic[2]', 5]]);
  assert.throws(() => live.add(readTrafficRequest(one, originOf('body'), t.net), START + 1), /before the simulation's time/);
});

test('an item failing while it runs is noted, and the rest goes on', () => {
  const t = withFlowLog();
  const live = new LiveTraffic({ net: t.net, start: START, seed: 1 });
  live.add(readTrafficRequest({ traffic: [
    { at: 0, icmp: { from: t.webInst.id, to: t.dbInst.id, count: 1, repeat: 3, every: '10s' } },
    { at: 0, icmp: { from: 'home', to: t.webInst.id, count: 1, repeat: 3, every: '10s' } },
  ], hosts: { home: '198.51.100.7' } }, originOf('body'), t.net), START);
  live.runUntil(START + 5, START + 5, () => undefined);
  runAction(t.ctx, 'TerminateInstances', { InstanceIds: [t.dbInst.id] });
  live.runUntil(START + 60, START + 60, () => undefined);
  assert.equal(live.failures.length, 2);
  assert.match(live.failures[0]!.message, /^traffic\[0\]: from|^traffic\[0\]: to/);
  assert.match(live.failures[0]!.message, /terminated|shutting-down|no network interface/);
  // Security groups let no ICMP in, so each echo is one request: the first item's first repetition,
  // then all three of the other item's.
  assert.equal(live.totals().packets, 1 + 3);
});
