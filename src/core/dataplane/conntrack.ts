/**
 * Security-group connection tracking, per interface. A tracked connection lets
 * its packets through in both directions whatever the rules say, until it
 * closes or idles out.
 *
 * Entries live in parallel typed arrays (a slot number is an entry), chained
 * per bucket of a power-of-two hash table and recycled through a free list:
 * adding a connection allocates nothing once the arrays have grown, and the
 * garbage collector never walks the table (a run tracks millions of
 * connections; one object each made every young collection copy them all).
 * Lookups hash the 5-tuple into a number. Expired entries are never returned:
 * they are unlinked when met, and once the table is large a few buckets are
 * swept per insert, so memory follows the number of live connections.
 */
import type { IpAddr } from '../net/ip.ts';
import { ACK, FIN, ICMP, ICMPV6, RST, SYN, TCP, UDP } from '../net/protocol.ts';
import type { ConnTrackTimeouts } from '../model/types.ts';

/**
 * Idle timeouts AWS does not document, chosen to follow Linux conntrack
 * (recorded in docs/LIMITATIONS.md): a TCP connection not yet established,
 * an ICMP exchange, a TCP connection after both FINs, other protocols (600 s is documented).
 */
export const TCP_SYN_TIMEOUT = 120;
export const TCP_CLOSING_TIMEOUT = 10;
export const ICMP_TIMEOUT = 30;
export const OTHER_PROTOCOL_TIMEOUT = 600;

export type TcpState = 'syn' | 'established' | 'closing';

/** A tracked connection: a slot of the table, or NO_ENTRY. */
export type ConnId = number;
export const NO_ENTRY: ConnId = -1;

// Bits of an entry's state.
const LIVE = 1;
/** The interface sent the first packet ('out'); otherwise it received it ('in'). */
const INITIATOR_OUT = 2;
const FIN_LOCAL = 4;
const FIN_REMOTE = 8;
const TCP_STATE = 48;
const TCP_SYN = 0;
const TCP_ESTABLISHED = 16;
const TCP_CLOSING = 32;

const INITIAL_SLOTS = 1024;
/** Below this many entries nothing is swept (small runs and tests never see a sweep). */
const SWEEP_FROM = 65536;
/** Buckets visited per insert once sweeping: the table is gone round every (buckets / SWEEP_STEP) inserts. */
const SWEEP_STEP = 4;

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return (h << 13) | (h >>> 19);
}

function hashTuple(eni: number, protocol: number, local: IpAddr, lport: number, remote: IpAddr, rport: number): number {
  let h = mix(eni, protocol);
  h = mix(h, local.w3); h = mix(h, local.w2); h = mix(h, local.w0);
  h = mix(h, remote.w3); h = mix(h, remote.w2); h = mix(h, remote.w0);
  h = mix(h, (lport << 16) | rport);
  return h ^ (h >>> 15);
}

export class ConnTrack {
  size = 0;
  private eni = new Int32Array(INITIAL_SLOTS);
  private protocol = new Int32Array(INITIAL_SLOTS);
  private lport = new Int32Array(INITIAL_SLOTS);
  private rport = new Int32Array(INITIAL_SLOTS);
  private local: (IpAddr | undefined)[] = [];
  private remote: (IpAddr | undefined)[] = [];
  private timeouts: (ConnTrackTimeouts | undefined)[] = [];
  private lastSeen = new Float64Array(INITIAL_SLOTS);
  private state = new Int32Array(INITIAL_SLOTS);
  /** Packets in the initiating direction, and in the other (UDP stream detection). */
  private requests = new Int32Array(INITIAL_SLOTS);
  private replies = new Int32Array(INITIAL_SLOTS);
  private hash = new Int32Array(INITIAL_SLOTS);
  /** Next slot in the bucket's chain, or in the free list. */
  private next = new Int32Array(INITIAL_SLOTS);
  private buckets = new Int32Array(INITIAL_SLOTS).fill(NO_ENTRY);
  private mask = INITIAL_SLOTS - 1;
  /** Slots ever used; those below it not in a chain are in the free list. */
  private used = 0;
  private freeHead = NO_ENTRY;
  private cursor = 0;

  /** Ports are ignored for protocols other than TCP/UDP (AWS tracks those by address and protocol). */
  find(eni: number, protocol: number, local: IpAddr, lport: number, remote: IpAddr, rport: number, now: number): ConnId {
    if (protocol !== TCP && protocol !== UDP) { lport = 0; rport = 0; }
    const h = hashTuple(eni, protocol, local, lport, remote, rport);
    const b = h & this.mask;
    let prev = NO_ENTRY;
    for (let i = this.buckets[b]!; i !== NO_ENTRY; prev = i, i = this.next[i]!) {
      if (this.hash[i] !== h || this.eni[i] !== eni || this.protocol[i] !== protocol || this.local[i] !== local ||
        this.remote[i] !== remote || this.lport[i] !== lport || this.rport[i] !== rport) continue;
      if (now - this.lastSeen[i]! > this.idleTimeout(i)) {
        this.unlink(b, prev, i);
        return NO_ENTRY;
      }
      return i;
    }
    return NO_ENTRY;
  }

  add(eni: number, protocol: number, local: IpAddr, lport: number, remote: IpAddr, rport: number, initiator: 'in' | 'out', now: number, timeouts: ConnTrackTimeouts): ConnId {
    if (protocol !== TCP && protocol !== UDP) { lport = 0; rport = 0; }
    const h = hashTuple(eni, protocol, local, lport, remote, rport);
    const i = this.slot();
    this.eni[i] = eni;
    this.protocol[i] = protocol;
    this.lport[i] = lport;
    this.rport[i] = rport;
    this.local[i] = local;
    this.remote[i] = remote;
    this.timeouts[i] = timeouts;
    this.lastSeen[i] = now;
    this.state[i] = LIVE | (initiator === 'out' ? INITIATOR_OUT : 0) | TCP_SYN;
    this.requests[i] = 0;
    this.replies[i] = 0;
    this.hash[i] = h;
    const b = h & this.mask;
    this.next[i] = this.buckets[b]!;
    this.buckets[b] = i;
    if (++this.size > this.buckets.length) this.rehash(this.buckets.length * 2);
    if (this.size >= SWEEP_FROM) this.sweepSome(now, SWEEP_STEP);
    return i;
  }

  remove(i: ConnId): void {
    if (!this.isLive(i)) return;
    const b = this.hash[i]! & this.mask;
    let prev = NO_ENTRY;
    for (let x = this.buckets[b]!; x !== NO_ENTRY; prev = x, x = this.next[x]!) {
      if (x === i) { this.unlink(b, prev, x); return; }
    }
  }

  /**
   * Whether a remembered entry is the one `find` would return for this tuple at
   * this time (cheap: no hashing). A slot reused since for the same tuple is.
   */
  stillValid(i: ConnId, eni: number, protocol: number, local: IpAddr, lport: number, remote: IpAddr, rport: number, now: number): boolean {
    if (!this.isLive(i) || this.eni[i] !== eni || this.protocol[i] !== protocol || this.local[i] !== local || this.remote[i] !== remote) return false;
    if ((protocol === TCP || protocol === UDP) && (this.lport[i] !== lport || this.rport[i] !== rport)) return false;
    return now - this.lastSeen[i]! <= this.idleTimeout(i);
  }

  /**
   * Moves a tracked connection along with one packet (`out`: the interface sent
   * it); returns false when the connection is over (RST, or the last ACK after
   * both FINs) and must be dropped.
   */
  advance(i: ConnId, out: boolean, flags: number, now: number): boolean {
    this.lastSeen[i] = now;
    let st = this.state[i]!;
    const fromInitiator = out === ((st & INITIATOR_OUT) !== 0);
    if (fromInitiator) this.requests[i]!++;
    else this.replies[i]!++;
    if (this.protocol[i] !== TCP) return true;
    if (flags & RST) return false;
    if ((st & TCP_STATE) === TCP_SYN) {
      if (!fromInitiator && (flags & (SYN | ACK)) === (SYN | ACK)) st = (st & ~TCP_STATE) | TCP_ESTABLISHED;
      else if (fromInitiator && (flags & ACK) && !(flags & SYN) && this.replies[i]! > 0) st = (st & ~TCP_STATE) | TCP_ESTABLISHED;
    }
    if (flags & FIN) {
      st |= out ? FIN_LOCAL : FIN_REMOTE;
      if ((st & (FIN_LOCAL | FIN_REMOTE)) === (FIN_LOCAL | FIN_REMOTE)) st = (st & ~TCP_STATE) | TCP_CLOSING;
    }
    this.state[i] = st;
    return true;
  }

  /** The TCP state of a live entry (tests and diagnostics). */
  tcpState(i: ConnId): TcpState {
    const s = this.state[i]! & TCP_STATE;
    return s === TCP_ESTABLISHED ? 'established' : s === TCP_CLOSING ? 'closing' : 'syn';
  }

  /** Seconds a live entry may stay idle in its present state. */
  idleTimeout(i: ConnId): number {
    switch (this.protocol[i]) {
      case TCP: {
        const s = this.state[i]! & TCP_STATE;
        return s === TCP_ESTABLISHED ? this.timeouts[i]!.tcpEstablished : s === TCP_CLOSING ? TCP_CLOSING_TIMEOUT : TCP_SYN_TIMEOUT;
      }
      case UDP: return this.replies[i]! > 1 && this.requests[i]! > 1 ? this.timeouts[i]!.udpStream : this.timeouts[i]!.udp;
      case ICMP: case ICMPV6: return ICMP_TIMEOUT;
      default: return OTHER_PROTOCOL_TIMEOUT;
    }
  }

  private isLive(i: ConnId): boolean {
    return i >= 0 && i < this.used && (this.state[i]! & LIVE) !== 0;
  }

  private slot(): ConnId {
    const f = this.freeHead;
    if (f !== NO_ENTRY) {
      this.freeHead = this.next[f]!;
      return f;
    }
    if (this.used === this.eni.length) this.growSlots();
    const i = this.used++;
    this.local.push(undefined);
    this.remote.push(undefined);
    this.timeouts.push(undefined);
    return i;
  }

  private growSlots(): void {
    const n = this.eni.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.eni = grow(this.eni);
    this.protocol = grow(this.protocol);
    this.lport = grow(this.lport);
    this.rport = grow(this.rport);
    this.lastSeen = grow(this.lastSeen);
    this.state = grow(this.state);
    this.requests = grow(this.requests);
    this.replies = grow(this.replies);
    this.hash = grow(this.hash);
    this.next = grow(this.next);
  }

  private unlink(b: number, prev: ConnId, i: ConnId): void {
    if (prev === NO_ENTRY) this.buckets[b] = this.next[i]!;
    else this.next[prev] = this.next[i]!;
    this.state[i] = 0;
    this.local[i] = undefined;
    this.remote[i] = undefined;
    this.timeouts[i] = undefined;
    this.next[i] = this.freeHead;
    this.freeHead = i;
    this.size--;
  }

  /** Re-chains every entry into `n` buckets; chains keep their order. */
  private rehash(n: number): void {
    const old = this.buckets;
    const buckets = new Int32Array(n).fill(NO_ENTRY);
    const tails = new Int32Array(n).fill(NO_ENTRY);
    const mask = n - 1;
    for (let b = 0; b < old.length; b++) {
      for (let i = old[b]!; i !== NO_ENTRY;) {
        const next = this.next[i]!;
        const nb = this.hash[i]! & mask;
        this.next[i] = NO_ENTRY;
        const t = tails[nb]!;
        if (t === NO_ENTRY) buckets[nb] = i;
        else this.next[t] = i;
        tails[nb] = i;
        i = next;
      }
    }
    this.buckets = buckets;
    this.mask = mask;
    this.cursor &= mask;
  }

  /** Drops the idle entries of `count` buckets, going round the table. */
  private sweepSome(now: number, count: number): void {
    for (let k = 0; k < count; k++) {
      this.sweepBucket(this.cursor, now);
      this.cursor = (this.cursor + 1) & this.mask;
    }
  }

  private sweepBucket(b: number, now: number): void {
    let prev = NO_ENTRY;
    for (let i = this.buckets[b]!; i !== NO_ENTRY;) {
      const next = this.next[i]!;
      if (now - this.lastSeen[i]! > this.idleTimeout(i)) this.unlink(b, prev, i);
      else prev = i;
      i = next;
    }
  }

  /** Drops every idle entry. */
  sweep(now: number): void {
    for (let b = 0; b <= this.mask; b++) this.sweepBucket(b, now);
  }

  clear(): void {
    this.state.fill(0);
    this.local.length = this.remote.length = this.timeouts.length = 0;
    this.buckets = new Int32Array(INITIAL_SLOTS).fill(NO_ENTRY);
    this.mask = INITIAL_SLOTS - 1;
    this.used = 0;
    this.freeHead = NO_ENTRY;
    this.cursor = 0;
    this.size = 0;
  }
}
