/**
 * The state every flow shares during a run: the clock, the agenda, the data
 * plane and the counters. Flows build packets through `tcp`/`udp`/`icmp`, which
 * stamp the current time, send them and report each fate.
 */
import type { Fate, FlowCache, Packet } from '../dataplane/packet.ts';
import type { Network } from '../model/network.ts';
import type { IpAddr } from '../net/ip.ts';
import { SYN, TCP, UDP } from '../net/protocol.ts';
import { DEFAULT_PROGRESS_EVERY } from './constants.ts';
import type { DataPlane } from './dataplane.ts';
import type { ListenTable } from './listen.ts';
import { EphemeralPorts } from './ports.ts';
import { EventQueue, type Flow } from './queue.ts';

export interface SimHooks {
  /** Every packet sent and what became of it. */
  onFate?: ((packet: Packet, fate: Fate) => void) | undefined;
  /** Called every `progressEvery` packets with the simulated time (epoch seconds). */
  onProgress?: ((simTime: number, packets: number) => void) | undefined;
  progressEvery?: number | undefined;
  /**
   * TCP packets without SYN are one object, refilled by each send (the packet
   * passed to `onFate` and `lastSent` then hold only until the next send).
   * Senders never keep them: a connection learns its peer's view from the SYN.
   */
  reusePackets?: boolean | undefined;
}

export class Sim {
  readonly queue = new EventQueue();
  readonly ports = new EphemeralPorts();
  /** Seconds after `start` of the event being handled. */
  now = 0;
  packets = 0;
  delivered = 0;
  dropped = 0;
  /**
   * Events a handler may still run itself, in place of scheduling them (see
   * `runNext`), and the times they must stay within: at most `inlineUntil`, and
   * before `inlineBefore` (the next configuration change). The loop that hands
   * out events sets them; elsewhere the budget is 0 and every event is queued.
   */
  inlineBudget = 0;
  inlineUntil = -Infinity;
  inlineBefore = -Infinity;
  /** The packet `send` last took, as sent (before any translation). */
  lastSent: Packet | undefined;
  private readonly onFate: SimHooks['onFate'];
  private readonly onProgress: SimHooks['onProgress'];
  private readonly progressEvery: number;
  private nextProgress: number;
  /** With reusePackets, the TCP packet refilled by every send without SYN. */
  private readonly scratch: Packet | undefined;

  constructor(
    readonly start: number,
    readonly seed: string | number,
    readonly net: Network,
    private readonly plane: DataPlane,
    readonly listen: ListenTable,
    hooks: SimHooks,
  ) {
    this.onFate = hooks.onFate;
    this.onProgress = hooks.onProgress;
    this.progressEvery = Math.max(1, hooks.progressEvery ?? DEFAULT_PROGRESS_EVERY);
    this.nextProgress = this.progressEvery;
    if (hooks.reusePackets) this.scratch = packet(start, undefined as unknown as IpAddr, undefined as unknown as IpAddr, TCP, 0, 0, 0, -1, -1, 0, undefined);
  }

  /** Schedules `flow.fire(code, arg)` at `t` seconds after start. */
  at(t: number, flow: Flow, code: number, arg = 0): void {
    this.queue.push(t, flow, code, arg);
  }

  /**
   * The time a per-packet caller hands to `runNext` or `atNextSeq`, in memory: a
   * double passed to a call that is not inlined is boxed on the heap.
   */
  readonly next = new Float64Array(1);

  /**
   * Whether an event at `next[0]` would be the very next one handled (earlier
   * than everything queued, which wins ties, and within the loop's limits): if
   * so, the clock moves there, the event counts as handled, and the caller runs
   * it at once instead of scheduling it. The order of events, and so every
   * packet, is the same either way; the queue is spared a push and a pop.
   */
  runNext(): boolean {
    const t = this.next[0]!;
    if (this.inlineBudget <= 0 || t > this.inlineUntil || t >= this.inlineBefore || t >= this.queue.nextTime()) return false;
    this.inlineBudget--;
    this.now = t;
    return true;
  }

  /** Schedules an event at `next[0]` in the place of the order reserved for it (EventQueue.reserveSeq). */
  atNextSeq(flow: Flow, code: number, arg: number, seq: number): void {
    this.queue.pushSeq(this.next[0]!, seq, flow, code, arg);
  }

  /**
   * Senders pass one FlowCache per connection direction, kept for the
   * connection's life: the data plane then skips its lookups for every packet
   * after the first (see dataplane/packet.ts).
   */
  tcp(src: IpAddr, dst: IpAddr, sport: number, dport: number, flags: number, size: number, flow?: FlowCache): Fate {
    const p = this.scratch;
    if (p === undefined || (flags & SYN) !== 0) return this.send(packet(this.start + this.now, src, dst, TCP, sport, dport, flags, -1, -1, size, flow));
    p.time = this.start + this.now;
    p.src = src;
    p.dst = dst;
    p.sport = sport;
    p.dport = dport;
    p.flags = flags;
    p.size = size;
    p.flow = flow;
    return this.send(p);
  }

  udp(src: IpAddr, dst: IpAddr, sport: number, dport: number, size: number, flow?: FlowCache): Fate {
    return this.send(packet(this.start + this.now, src, dst, UDP, sport, dport, 0, -1, -1, size, flow));
  }

  icmp(src: IpAddr, dst: IpAddr, protocol: number, type: number, code: number, size: number, flow?: FlowCache): Fate {
    return this.send(packet(this.start + this.now, src, dst, protocol, 0, 0, 0, type, code, size, flow));
  }

  /** The packet as its receiver saw it. */
  arrivedOf(fate: Fate): Packet {
    return fate.arrived ?? this.lastSent!;
  }

  private send(p: Packet): Fate {
    this.lastSent = p;
    const fate = this.plane.send(p);
    this.packets++;
    if (fate.delivered) this.delivered++;
    else this.dropped++;
    this.onFate?.(p, fate);
    if (this.packets === this.nextProgress) {
      this.nextProgress += this.progressEvery;
      this.onProgress?.(p.time, this.packets);
    }
    return fate;
  }
}

/** One place builds packets, so they all share one shape (V8 keeps the call sites monomorphic). */
function packet(time: number, src: IpAddr, dst: IpAddr, protocol: number, sport: number, dport: number, flags: number, icmpType: number, icmpCode: number, size: number, flow: FlowCache | undefined): Packet {
  return { time, src, dst, protocol, sport, dport, flags, icmpType, icmpCode, size, flow };
}
