/**
 * One TCP connection as two Linux hosts on a 1500-byte MTU play it: handshake,
 * request from the client, response from the server, close by the client
 * (FIN, FIN-ACK, ACK). Both ends live in this object; each packet goes through
 * the data plane when it is sent, and the other end reacts when it arrives,
 * one latency later, seeing the packet as delivered (after translation).
 *
 * Chosen behaviour where Linux is too detailed to copy:
 * - The receiver ACKs every second data segment and the last one of a burst,
 *   with a pure ACK of its own (no piggy-backing on its response).
 * - Segments are sent back to back (or `duration` apart in total), never held
 *   back by a window.
 * - A dropped data or FIN segment stops its sender, which resends it after 1 s,
 *   then 2, 4, 8, 16 s; if the fifth resend is dropped too, the connection is
 *   given up silently. A dropped pure ACK is never made up for.
 * - The server answers every SYN it receives; its own SYN-ACK retransmissions
 *   are not modelled (the client's SYN retries stand in for them). So if the
 *   handshake's last ACK is dropped and the server speaks first (request 0),
 *   the connection stays idle.
 */
import { type Fate, type FlowCache, newFlowCache } from '../dataplane/packet.ts';
import type { IpAddr } from '../net/ip.ts';
import { ACK, FIN, PSH, RST, SYN } from '../net/protocol.ts';
import type { TcpItem } from '../scenario/types.ts';
import { BACK_TO_BACK, DATA_MAX_RETRANSMITS, DATA_RTO, RTO_MAX, SYN_RTO, TIME_WAIT } from './constants.ts';
import type { ResolvedPair } from './endpoints.ts';
import type { PortLease } from './ports.ts';
import type { Flow } from './queue.ts';
import type { Sim } from './sim.ts';
import { grownTo } from '../typed-arrays.ts';
import { maxSegmentPayload, rstSize, segmentSize, split, synSize } from './sizes.ts';

// Event codes; `arg` is the attempt number for SYN_TIMER and the sending side for DATA and ACK.
const SYN_TIMER = 0, SYN_ANSWER = 1, SYN_REFUSED = 2, ESTABLISH = 3, DATA = 4, PURE_ACK = 5, CLIENT_FIN = 6,
  SERVER_FIN = 7, LAST_ACK = 8, RESET = 9;
const CLIENT = 0, SERVER = 1;
const SYN_SENT = 0, ESTABLISHED = 1, DONE = 2;

/** One end: its view of the addresses, what it has to send, and how far it got. */
class End {
  local!: IpAddr;
  remote!: IpAddr;
  lport = 0;
  rport = 0;
  /** Data segments this end sends, and the payload of the last one. */
  segs = 0;
  last = 0;
  next = 0;
  /** Failed sends of the segment (data or FIN) now being sent. */
  tries = 0;
  /** Data segments received from the other end. */
  received = 0;
  /** The data plane's memo for this end's packets. */
  readonly flow: FlowCache = newFlowCache();
}

/**
 * The pure ACKs a data run scheduled and has not run yet (time, reserved place
 * in the order, sending side), oldest first from `head`. One for all
 * connections: a run empties it before it returns.
 */
const PENDING = { time: new Float64Array(64), seq: new Float64Array(64), side: new Uint8Array(64), head: 0, tail: 0 };

function growPending(): void {
  PENDING.time = grownTo(PENDING.time);
  PENDING.seq = grownTo(PENDING.seq);
  PENDING.side = grownTo(PENDING.side);
}

/** Seconds after the first SYN at which attempt `k + 1` goes (or the connection is given up): 1, 3, 7, …, the gap capped at 120 s. */
export function synDeadline(k: number): number {
  let t = 0;
  for (let i = 0; i <= k; i++) t += Math.min(SYN_RTO * 2 ** i, RTO_MAX);
  return t;
}

export class TcpConnection implements Flow {
  private readonly c = new End();
  private readonly s = new End();
  private readonly fam: 4 | 6;
  private readonly mss: number;
  private readonly latency: number;
  /** Time between data segments. */
  private readonly gap: number;
  private state = SYN_SENT;
  private serverUp = false;
  private t0 = 0;
  private tEst = 0;

  constructor(private readonly sim: Sim, private readonly item: TcpItem, pair: ResolvedPair, private readonly lease: PortLease) {
    this.fam = pair.src.fam;
    this.mss = maxSegmentPayload(this.fam);
    this.latency = pair.latency;
    const c = this.c;
    c.local = pair.src;
    c.remote = pair.dst;
    c.lport = lease.port;
    c.rport = item.port;
    const req = split(item.request, this.mss), resp = split(item.response, this.mss);
    c.segs = req.count;
    c.last = req.last;
    this.s.segs = resp.count;
    this.s.last = resp.last;
    const total = req.count + resp.count;
    this.gap = item.duration > 0 && total > 0 ? item.duration / total : BACK_TO_BACK;
  }

  start(): void {
    this.t0 = this.sim.now;
    this.sendSyn(0);
  }

  fire(code: number, arg: number): void {
    if (this.state === DONE) return;
    switch (code) {
      case SYN_TIMER: if (this.state === SYN_SENT) this.synTimer(arg); return;
      case SYN_ANSWER: this.answerSyn(); return;
      case SYN_REFUSED: this.refuseSyn(); return;
      case ESTABLISH: this.establish(); return;
      case DATA: this.sendData(arg); return;
      case PURE_ACK: this.send(arg === CLIENT ? this.c : this.s, ACK, segmentSize(this.fam, 0)); return;
      case CLIENT_FIN: this.clientFin(); return;
      case SERVER_FIN: this.serverFin(); return;
      case LAST_ACK:
        this.send(this.c, ACK, segmentSize(this.fam, 0));
        this.finish(this.sim.now + TIME_WAIT);
        return;
      case RESET: if (this.state === SYN_SENT) this.finish(this.sim.now); return;
    }
  }

  private send(from: End, flags: number, size: number): Fate {
    return this.sim.tcp(from.local, from.remote, from.lport, from.rport, flags, size, from.flow);
  }

  private sendSyn(attempt: number): void {
    const sim = this.sim;
    const f = this.send(this.c, SYN, synSize(this.fam));
    if (f.delivered) {
      // The server learns the connection as it sees it: after translation, possibly to a NAT gateway's address and port.
      const a = sim.arrivedOf(f), s = this.s;
      s.local = a.dst;
      s.remote = a.src;
      s.lport = a.dport;
      s.rport = a.sport;
      sim.at(sim.now + this.latency, this, sim.listen.accepts(f.to, a.dst, a.dport) ? SYN_ANSWER : SYN_REFUSED);
    }
    sim.at(this.t0 + synDeadline(attempt), this, SYN_TIMER, attempt + 1);
  }

  private synTimer(attempt: number): void {
    if (attempt > this.item.retries) this.finish(this.sim.now);
    else this.sendSyn(attempt);
  }

  private answerSyn(): void {
    if (this.send(this.s, SYN | ACK, synSize(this.fam)).delivered) this.sim.at(this.sim.now + this.latency, this, ESTABLISH);
  }

  private refuseSyn(): void {
    if (this.send(this.s, RST | ACK, rstSize(this.fam)).delivered) this.sim.at(this.sim.now + this.latency, this, RESET);
  }

  private establish(): void {
    if (this.state !== SYN_SENT) return;
    const sim = this.sim;
    this.state = ESTABLISHED;
    this.tEst = sim.now;
    if (this.send(this.c, ACK, segmentSize(this.fam, 0)).delivered) this.serverHears(sim.now + this.latency);
    if (this.c.segs > 0) sim.at(sim.now + BACK_TO_BACK, this, DATA, CLIENT);
    else if (this.s.segs === 0) this.closeAfter(sim.now);
  }

  /** Any segment from the client completes the server's handshake; a server that speaks first then starts. */
  private serverHears(arrival: number): void {
    if (this.serverUp) return;
    this.serverUp = true;
    if (this.c.segs === 0 && this.s.segs > 0) this.sim.at(arrival + BACK_TO_BACK, this, DATA, SERVER);
  }

  /**
   * Sends data segments of one side, and runs the events that follow as long
   * as they are this connection's own (its next segment, the receiver's pure
   * ACKs) and come before everything queued: a burst then touches the event
   * queue only where another flow's event falls in between. ACKs wait in
   * PENDING with the place in the order `at` would have given them, and go to
   * the queue with it when the run stops, so events come out in the same order
   * either way.
   */
  private sendData(side: number): void {
    const sim = this.sim, q = sim.queue, acks = PENDING;
    acks.head = acks.tail = 0;
    const from = side === CLIENT ? this.c : this.s, to = side === CLIENT ? this.s : this.c;
    const full = segmentSize(this.fam, this.mss);
    for (;;) {
      const last = from.next === from.segs - 1;
      const f = this.send(from, last ? PSH | ACK : ACK, last ? segmentSize(this.fam, from.last) : full);
      if (!f.delivered) {
        this.queueAcks();
        this.retry(from, DATA, side);
        return;
      }
      from.tries = 0;
      from.next++;
      const arrival = sim.now + this.latency;
      if (side === CLIENT && !this.serverUp) this.serverHears(arrival);
      to.received++;
      if (to.received % 2 === 0 || to.received === from.segs) {
        if (acks.tail === acks.time.length) growPending();
        acks.time[acks.tail] = arrival;
        acks.seq[acks.tail] = q.reserveSeq();
        acks.side[acks.tail] = 1 - side;
        acks.tail++;
      }
      if (last) {
        this.queueAcks();
        if (side === SERVER) this.closeAfter(arrival);
        else if (this.s.segs > 0) sim.at(arrival + BACK_TO_BACK, this, DATA, SERVER);
        else this.closeAfter(sim.now);
        return;
      }
      // Times reach the simulation through sim.next (see there).
      const next = sim.now + this.gap, nextSeq = q.reserveSeq();
      for (;;) {
        const h = acks.head;
        const ackFirst = h < acks.tail && (acks.time[h]! < next || (acks.time[h] === next && acks.seq[h]! < nextSeq));
        sim.next[0] = ackFirst ? acks.time[h]! : next;
        if (!sim.runNext()) {
          sim.next[0] = next;
          sim.atNextSeq(this, DATA, side, nextSeq);
          this.queueAcks();
          return;
        }
        if (!ackFirst) break;
        acks.head = h + 1;
        this.send(acks.side[h] === CLIENT ? this.c : this.s, ACK, segmentSize(this.fam, 0));
      }
    }
  }

  /** Hands the pure ACKs still in PENDING to the queue, each at its reserved place. */
  private queueAcks(): void {
    const acks = PENDING, sim = this.sim;
    for (let i = acks.head; i < acks.tail; i++) {
      sim.next[0] = acks.time[i]!;
      sim.atNextSeq(this, PURE_ACK, acks.side[i]!, acks.seq[i]!);
    }
    acks.head = acks.tail = 0;
  }

  /** The client closes once it has nothing more to send or receive, and not before `duration` has passed. */
  private closeAfter(t: number): void {
    this.sim.at(Math.max(t + BACK_TO_BACK, this.tEst + this.item.duration), this, CLIENT_FIN);
  }

  private clientFin(): void {
    const f = this.send(this.c, FIN | ACK, segmentSize(this.fam, 0));
    if (!f.delivered) { this.retry(this.c, CLIENT_FIN, CLIENT); return; }
    this.c.tries = 0;
    const arrival = this.sim.now + this.latency;
    this.serverHears(arrival);
    this.sim.at(arrival, this, SERVER_FIN);
  }

  private serverFin(): void {
    if (!this.send(this.s, FIN | ACK, segmentSize(this.fam, 0)).delivered) { this.retry(this.s, SERVER_FIN, SERVER); return; }
    this.sim.at(this.sim.now + this.latency, this, LAST_ACK);
  }

  private retry(from: End, code: number, side: number): void {
    if (from.tries === DATA_MAX_RETRANSMITS) { this.finish(this.sim.now); return; }
    this.sim.at(this.sim.now + DATA_RTO * 2 ** from.tries, this, code, side);
    from.tries++;
  }

  private finish(portFreeAt: number): void {
    this.state = DONE;
    this.lease.release(portFreeAt);
  }
}
