/**
 * Ephemeral source ports, drawn from the seed like Linux draws them at random
 * from its local port range, but never one that is still in use between the
 * same two addresses (open, or in TIME_WAIT after the client closed).
 */
import type { IpAddr } from '../net/ip.ts';
import type { Rng } from '../random.ts';
import { EPHEMERAL_HIGH, EPHEMERAL_LOW } from './constants.ts';

const RANGE = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
/** Random draws before walking the range for a free port. */
const DRAWS = 16;
/** Ports whose release time has passed are swept out once a pair holds this many... */
const SWEEP_AT = 1024;

interface PairPorts {
  /** Port → time it becomes free (Infinity while open). */
  ports: Map<number, number>;
  /** ...and then again each time it has doubled since: a pair with many ports in use is not swept on every draw. */
  sweepAt: number;
}

export class EphemeralPorts {
  /** protocol/src/dst → its ports. A port swept out or never drawn is free, like one whose time has passed. */
  private readonly taken = new Map<string, PairPorts>();

  static key(protocol: number, src: IpAddr, dst: IpAddr): string {
    return `${protocol} ${src.text} ${dst.text}`;
  }

  /** A free port for `key` at time `now`, marked open; undefined when the whole range is in use. */
  take(key: string, rng: Rng, now: number): number | undefined {
    let pair = this.taken.get(key);
    if (!pair) this.taken.set(key, (pair = { ports: new Map(), sweepAt: SWEEP_AT }));
    const m = pair.ports;
    if (m.size >= pair.sweepAt) {
      for (const [p, t] of m) if (t <= now) m.delete(p);
      pair.sweepAt = Math.max(SWEEP_AT, 2 * m.size);
    }
    let port = 0;
    for (let i = 0; i < DRAWS; i++) {
      port = rng.int(EPHEMERAL_LOW, EPHEMERAL_HIGH);
      if ((m.get(port) ?? -Infinity) <= now) { m.set(port, Infinity); return port; }
    }
    for (let i = 1; i < RANGE; i++) {
      const p = EPHEMERAL_LOW + ((port - EPHEMERAL_LOW + i) % RANGE);
      if ((m.get(p) ?? -Infinity) <= now) { m.set(p, Infinity); return p; }
    }
    return undefined;
  }

  /** The port is free again from time `at`. */
  release(key: string, port: number, at: number): void {
    this.taken.get(key)?.ports.set(port, at);
  }
}

/** One flow's source port: released once, and only when it was drawn (a port the item gave is never reserved). */
export class PortLease {
  constructor(private readonly ports: EphemeralPorts | undefined, private readonly key: string, readonly port: number) {}

  private done = false;

  release(at: number): void {
    if (this.done || !this.ports) return;
    this.done = true;
    this.ports.release(this.key, this.port, at);
  }
}
