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
