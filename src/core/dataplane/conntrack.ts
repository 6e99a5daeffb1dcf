/**
 * Security-group connection tracking, per interface. A tracked connection lets
 * its packets through in both directions whatever the rules say, until it
 * closes or idles out.
 *
 * Entries live in typed arrays (a slot number is an entry; its integers
 * interleaved, so one lookup touches one or two cache lines), chained per
 * bucket of a power-of-two hash table and recycled through a free list:
 * adding a connection allocates nothing once the arrays have grown, and the
 * garbage collector never walks the table (a run tracks millions of
 * connections; one object each made every young collection copy them all).
 * Lookups hash the 5-tuple into a number. Expired entries are never returned:
 * they are unlinked when met, and once the table is large, a full table is
 * swept (in memory order) before it may grow, so memory follows the number of
 * live connections.
 */
import type { IpAddr } from '../net/ip.ts';
import { ACK, FIN, ICMP, ICMPV6, RST, SYN, TCP, UDP } from '../net/protocol.ts';
import type { ConnTrackTimeouts } from '../model/types.ts';
import { grownTo } from '../typed-arrays.ts';

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

// An entry's integers, interleaved in one Int32Array (a 32-byte record): what a lookup and an update
// read and write sit together in memory.
const ENI = 0, PROTOCOL = 1, PORTS = 2, STATE = 3, REQUESTS = 4, REPLIES = 5, NEXT = 6, HASH = 7;
const STRIDE = 8;
// An entry's references, three per entry in one array.
const LOCAL = 0, REMOTE = 1, TIMEOUTS = 2;
const REFS = 3;

const ports = (lport: number, rport: number): number => (lport << 16) | rport;

export class ConnTrack {
  /**
   * The time `stillValid` and `advanceNow` go by: a caller on a hot path sets
   * it once per packet, since a double passed to a call that is not inlined is
   * boxed on the heap each time (and so is one merged from an optional
   * parameter and this array: no default parameter reads it).
   */
  readonly clock = new Float64Array(1);
  size = 0;
  private ints = new Int32Array(INITIAL_SLOTS * STRIDE);
  private refs: (IpAddr | ConnTrackTimeouts | undefined)[] = [];
  private lastSeen = new Float64Array(INITIAL_SLOTS);
  private buckets = new Int32Array(INITIAL_SLOTS).fill(NO_ENTRY);
  private mask = INITIAL_SLOTS - 1;
  /** Slots ever used; those below it not in a chain are in the free list (linked through NEXT). */
  private used = 0;
  private freeHead = NO_ENTRY;

  /** Ports are ignored for protocols other than TCP/UDP (AWS tracks those by address and protocol). */
  find(eni: number, protocol: number, local: IpAddr, lport: number, remote: IpAddr, rport: number, now: number): ConnId {
    if (protocol !== TCP && protocol !== UDP) { lport = 0; rport = 0; }
    const h = hashTuple(eni, protocol, local, lport, remote, rport);
    const b = h & this.mask;
    const ints = this.ints, refs = this.refs, pp = ports(lport, rport);
    let prev = NO_ENTRY;
    for (let i = this.buckets[b]!; i !== NO_ENTRY; prev = i, i = ints[i * STRIDE + NEXT]!) {
      const o = i * STRIDE;
      if (ints[o + HASH] !== h || ints[o + ENI] !== eni || ints[o + PROTOCOL] !== protocol || ints[o + PORTS] !== pp ||
        refs[i * REFS + LOCAL] !== local || refs[i * REFS + REMOTE] !== remote) continue;
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
    const ints = this.ints, o = i * STRIDE, r = i * REFS;
    ints[o + ENI] = eni;
    ints[o + PROTOCOL] = protocol;
    ints[o + PORTS] = ports(lport, rport);
    ints[o + STATE] = LIVE | (initiator === 'out' ? INITIATOR_OUT : 0) | TCP_SYN;
    ints[o + REQUESTS] = 0;
    ints[o + REPLIES] = 0;
    ints[o + HASH] = h;
    this.refs[r + LOCAL] = local;
    this.refs[r + REMOTE] = remote;
    this.refs[r + TIMEOUTS] = timeouts;
    this.lastSeen[i] = now;
    const b = h & this.mask;
    ints[o + NEXT] = this.buckets[b]!;
    this.buckets[b] = i;
    if (++this.size > this.buckets.length) {
      // Full: drop the idle entries first (once the table is large), and grow only if most are alive.
      if (this.size >= SWEEP_FROM) this.sweep(now);
      if (this.size > this.buckets.length * 0.75) this.rehash(this.buckets.length * 2);
    }
    return i;
  }

  remove(i: ConnId): void {
    if (!this.isLive(i)) return;
    const b = this.ints[i * STRIDE + HASH]! & this.mask;
    let prev = NO_ENTRY;
    for (let x = this.buckets[b]!; x !== NO_ENTRY; prev = x, x = this.ints[x * STRIDE + NEXT]!) {
      if (x === i) { this.unlink(b, prev, x); return; }
    }
  }

  /**
   * Whether a remembered entry is the one `find` would return for this tuple at
   * this time (cheap: no hashing). A slot reused since for the same tuple is.
   */
  stillValid(i: ConnId, eni: number, protocol: number, local: IpAddr, lport: number, remote: IpAddr, rport: number): boolean {
    if (!this.isLive(i)) return false;
    const ints = this.ints, o = i * STRIDE, r = i * REFS;
    if (ints[o + ENI] !== eni || ints[o + PROTOCOL] !== protocol || this.refs[r + LOCAL] !== local || this.refs[r + REMOTE] !== remote) return false;
    if ((protocol === TCP || protocol === UDP) && ints[o + PORTS] !== ports(lport, rport)) return false;
    return this.clock[0]! - this.lastSeen[i]! <= this.idleTimeout(i);
  }

  /**
   * Moves a tracked connection along with one packet (`out`: the interface sent
   * it); returns false when the connection is over (RST, or the last ACK after
   * both FINs) and must be dropped.
   */
  advance(i: ConnId, out: boolean, flags: number, now: number): boolean {
    this.clock[0] = now;
    return this.advanceNow(i, out, flags);
  }

  /** `advance` at the time of `clock`. */
  advanceNow(i: ConnId, out: boolean, flags: number): boolean {
    this.lastSeen[i] = this.clock[0]!;
    const ints = this.ints, o = i * STRIDE;
    let st = ints[o + STATE]!;
    const fromInitiator = out === ((st & INITIATOR_OUT) !== 0);
    if (fromInitiator) ints[o + REQUESTS]!++;
    else ints[o + REPLIES]!++;
    if (ints[o + PROTOCOL] !== TCP) return true;
    if (flags & RST) return false;
    if ((st & TCP_STATE) === TCP_SYN) {
      if (!fromInitiator && (flags & (SYN | ACK)) === (SYN | ACK)) st = (st & ~TCP_STATE) | TCP_ESTABLISHED;
      else if (fromInitiator && (flags & ACK) && !(flags & SYN) && ints[o + REPLIES]! > 0) st = (st & ~TCP_STATE) | TCP_ESTABLISHED;
    }
    if (flags & FIN) {
      st |= out ? FIN_LOCAL : FIN_REMOTE;
      if ((st & (FIN_LOCAL | FIN_REMOTE)) === (FIN_LOCAL | FIN_REMOTE)) st = (st & ~TCP_STATE) | TCP_CLOSING;
    }
    ints[o + STATE] = st;
    return true;
  }

  /** The TCP state of a live entry (tests and diagnostics). */
  tcpState(i: ConnId): TcpState {
    const s = this.ints[i * STRIDE + STATE]! & TCP_STATE;
    return s === TCP_ESTABLISHED ? 'established' : s === TCP_CLOSING ? 'closing' : 'syn';
  }

  /** Seconds a live entry may stay idle in its present state. */
  idleTimeout(i: ConnId): number {
    const ints = this.ints, o = i * STRIDE;
    switch (ints[o + PROTOCOL]) {
      case TCP: {
        const s = ints[o + STATE]! & TCP_STATE;
        return s === TCP_ESTABLISHED ? (this.refs[i * REFS + TIMEOUTS] as ConnTrackTimeouts).tcpEstablished : s === TCP_CLOSING ? TCP_CLOSING_TIMEOUT : TCP_SYN_TIMEOUT;
      }
      case UDP: {
        const t = this.refs[i * REFS + TIMEOUTS] as ConnTrackTimeouts;
        return ints[o + REPLIES]! > 1 && ints[o + REQUESTS]! > 1 ? t.udpStream : t.udp;
      }
      case ICMP: case ICMPV6: return ICMP_TIMEOUT;
      default: return OTHER_PROTOCOL_TIMEOUT;
    }
  }

  private isLive(i: ConnId): boolean {
    return i >= 0 && i < this.used && (this.ints[i * STRIDE + STATE]! & LIVE) !== 0;
  }

  private slot(): ConnId {
    const f = this.freeHead;
    if (f !== NO_ENTRY) {
      this.freeHead = this.ints[f * STRIDE + NEXT]!;
      return f;
    }
    if (this.used === this.lastSeen.length) this.growSlots();
    const i = this.used++;
    this.refs.push(undefined, undefined, undefined);
    return i;
  }

  private growSlots(): void {
    this.ints = grownTo(this.ints);
    this.lastSeen = grownTo(this.lastSeen);
  }

  private unlink(b: number, prev: ConnId, i: ConnId): void {
    const ints = this.ints, o = i * STRIDE, r = i * REFS;
    if (prev === NO_ENTRY) this.buckets[b] = ints[o + NEXT]!;
    else ints[prev * STRIDE + NEXT] = ints[o + NEXT]!;
    ints[o + STATE] = 0;
    this.refs[r + LOCAL] = undefined;
    this.refs[r + REMOTE] = undefined;
    this.refs[r + TIMEOUTS] = undefined;
    ints[o + NEXT] = this.freeHead;
    this.freeHead = i;
    this.size--;
  }

  /** Re-chains every entry into `n` buckets; chains keep their order. */
  private rehash(n: number): void {
    const old = this.buckets;
    const ints = this.ints;
    const buckets = new Int32Array(n).fill(NO_ENTRY);
    const tails = new Int32Array(n).fill(NO_ENTRY);
    const mask = n - 1;
    for (let b = 0; b < old.length; b++) {
      for (let i = old[b]!; i !== NO_ENTRY;) {
        const next = ints[i * STRIDE + NEXT]!;
        const nb = ints[i * STRIDE + HASH]! & mask;
        ints[i * STRIDE + NEXT] = NO_ENTRY;
        const t = tails[nb]!;
        if (t === NO_ENTRY) buckets[nb] = i;
        else ints[t * STRIDE + NEXT] = i;
        tails[nb] = i;
        i = next;
      }
    }
    this.buckets = buckets;
    this.mask = mask;
  }

  /** Drops every idle entry, going through the slots in memory order. */
  sweep(now: number): void {
    const ints = this.ints, seen = this.lastSeen;
    for (let i = 0; i < this.used; i++) {
      if ((ints[i * STRIDE + STATE]! & LIVE) === 0) continue;
      if (now - seen[i]! > this.idleTimeout(i)) this.remove(i);
    }
  }

  clear(): void {
    this.ints.fill(0);
    this.refs.length = 0;
    this.buckets = new Int32Array(INITIAL_SLOTS).fill(NO_ENTRY);
    this.mask = INITIAL_SLOTS - 1;
    this.used = 0;
    this.freeHead = NO_ENTRY;
    this.size = 0;
  }
}
