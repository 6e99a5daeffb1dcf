import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ip } from '../net/ip.ts';
import { TCP } from '../net/protocol.ts';
import { Rng } from '../random.ts';
import { EPHEMERAL_HIGH, EPHEMERAL_LOW } from './constants.ts';
import { EphemeralPorts } from './ports.ts';

const KEY = EphemeralPorts.key(TCP, ip('10.0.0.1'), ip('10.0.0.2'));

test('ports are drawn from the Linux range and differ while open', () => {
  const ports = new EphemeralPorts();
  const rng = new Rng(1);
  const seen = new Set<number>();
  for (let i = 0; i < 500; i++) {
    const p = ports.take(KEY, rng, 0)!;
    assert.ok(p >= EPHEMERAL_LOW && p <= EPHEMERAL_HIGH, String(p));
    assert.ok(!seen.has(p), `port ${p} given twice`);
    seen.add(p);
  }
});

test('a released port is taken again only after its release time', () => {
  const ports = new EphemeralPorts();
  // Fill the whole range, then free one port at t=60: the next take must wait for it.
  const rng = new Rng(2);
  const all: number[] = [];
  for (let i = EPHEMERAL_LOW; i <= EPHEMERAL_HIGH; i++) all.push(ports.take(KEY, rng, 0)!);
  assert.equal(new Set(all).size, EPHEMERAL_HIGH - EPHEMERAL_LOW + 1);
  assert.equal(ports.take(KEY, rng, 0), undefined);
  ports.release(KEY, 40000, 60);
  assert.equal(ports.take(KEY, rng, 59), undefined);
  assert.equal(ports.take(KEY, rng, 60), 40000);
});

test('different address pairs do not share the reservation', () => {
  const ports = new EphemeralPorts();
  const a = ports.take(KEY, new Rng(3), 0);
  const b = ports.take(EphemeralPorts.key(TCP, ip('10.0.0.1'), ip('10.0.0.3')), new Rng(3), 0);
  assert.equal(a, b);
});

test('sweeping released ports never changes a draw: the same ports as a table that keeps every release', () => {
  // The reference: the same draws over a table nothing is ever removed from.
  const reference = (rng: Rng, m: Map<number, number>, now: number): number | undefined => {
    let port = 0;
    for (let i = 0; i < 16; i++) {
      port = rng.int(EPHEMERAL_LOW, EPHEMERAL_HIGH);
      if ((m.get(port) ?? -Infinity) <= now) { m.set(port, Infinity); return port; }
    }
    const range = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
    for (let i = 1; i < range; i++) {
      const p = EPHEMERAL_LOW + ((port - EPHEMERAL_LOW + i) % range);
      if ((m.get(p) ?? -Infinity) <= now) { m.set(p, Infinity); return p; }
    }
    return undefined;
  };
  const ports = new EphemeralPorts(), model = new Map<number, number>();
  const a = new Rng(9), b = new Rng(9), pick = new Rng(10);
  const open: number[] = [];
  for (let step = 0; step < 20000; step++) {
    const now = step / 10;
    // Mostly takes, so that thousands of ports are open or waiting at once (sweeps run and find little to drop).
    if (open.length > 0 && pick.next() < 0.4) {
      const [port] = open.splice(pick.int(0, open.length - 1), 1);
      const at = now + pick.int(0, 600);
      ports.release(KEY, port!, at);
      model.set(port!, at);
      continue;
    }
    const p = ports.take(KEY, a, now);
    assert.equal(p, reference(b, model, now), `step ${step}`);
    if (p !== undefined) open.push(p);
  }
  assert.ok(open.length > 1024, `${open.length} open at the end`);
});
