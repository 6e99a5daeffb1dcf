/**
 * Observations as numbers, so that aggregation can run on another thread than
 * the data plane (`vpcflow run` uses both cores): the writer packs them into
 * Float64Array batches the runner posts (transferred, not copied), the reader
 * turns them back into observations against its own copy of the network.
 *
 * An observation with a FlowRef is sent in full only the first time; after
 * that, only its ref number, time, bytes and TCP flags (the rest is the ref's
 * by definition, see FlowRef). Addresses and interfaces go by number too, their
 * text sent once in the batch that first uses them.
 *
 * With WindowSpans, the writer also adds up a ref's observations itself while
 * they stay in one span (the same window of every flow log covering the
 * interface, as the Aggregator's RefPlace reckons it) and sends the sums
 * (Aggregator.observeTotals) when the span is left or `flushAll` is called.
 * The first observation of each span still goes on its own, at its place in
 * the stream: that is when, and in what order, the aggregator makes flows.
 *
 * Layout, per record (the first number is its kind):
 *   [SHORT, ref, time, bytes, tcpFlags]                       a ref already sent
 *   [DEFINE or LOOSE, ref, eni, dirAction, src, dst, pktSrc, pktDst,
 *    srcport, dstport, protocol, trafficPath, time, bytes, tcpFlags]
 *                                   in full (DEFINE: a ref's first; LOOSE: no ref)
 *   [TOTALS, ref, packets, bytes, first, last, awsTcpFlags]   sums of a span
 */
import type { FlowRef, Observation } from '../dataplane/packet.ts';
import type { Network } from '../model/network.ts';
import type { NetworkInterface } from '../model/types.ts';
import { type IpAddr, ip } from '../net/ip.ts';
import { TCP } from '../net/protocol.ts';
import { coversInterface } from './coverage.ts';
import { grownTo } from '../typed-arrays.ts';
import { awsTcpFlags } from './tcp-flags.ts';
import { type WindowSchedule, scheduleOf, spanFrom, spanUntil, windowIndexAt } from './windows.ts';

export interface ObservationBatch {
  data: Float64Array;
  /** Numbers used in `data`. */
  length: number;
  /** Text of the addresses numbered from the reader's count so far on, in order. */
  ips: string[];
  /** Ids of the interfaces numbered likewise. */
  enis: string[];
}

const SHORT = 1, DEFINE = 2, LOOSE = 3, TOTALS = 4;
const SHORT_LEN = 5, FULL_LEN = 15, TOTALS_LEN = 7;
/** Fields of a ref's key kept by the reader: eni, dirAction, four addresses, two ports, protocol, trafficPath. */
const KEY = 10;

/**
 * For an interface and a time, the span [from, until) in which every flow log
 * covering it (the network's, as it is) has the same window, as the
 * Aggregator reckons it (observeByRef): within each window's spanFrom and
 * spanUntil, and never across a flow log's creation.
 */
export class WindowSpans {
  from = 0;
  until = 0;
  private version = -1;
  private readonly byEni = new Map<NetworkInterface, { schedule: WindowSchedule; creationSeconds: number }[]>();

  constructor(private readonly net: Network) {}

  /** Sets `from` and `until` for `eni` at `t`. */
  at(eni: NetworkInterface, t: number): void {
    if (this.net.version !== this.version) {
      this.version = this.net.version;
      this.byEni.clear();
    }
    let logs = this.byEni.get(eni);
    if (logs === undefined) {
      logs = [];
      for (const fl of this.net.flowLogs.values()) if (coversInterface(fl, eni)) logs.push({ schedule: scheduleOf(fl), creationSeconds: fl.creationTime / 1000 });
      this.byEni.set(eni, logs);
    }
    let from = -Infinity, until = Infinity;
    for (let i = 0; i < logs.length; i++) {
      const s = logs[i]!;
      if (t < s.creationSeconds) {
        if (s.creationSeconds < until) until = s.creationSeconds;
        continue;
      }
      const k = windowIndexAt(s.schedule, t);
      const lo = spanFrom(s.schedule, k), hi = spanUntil(s.schedule, k);
      if (lo > from) from = lo;
      if (hi < until) until = hi;
    }
    this.from = from;
    this.until = until;
  }
}

export class ObservationWriter {
  private data: Float64Array;
  private n = 0;
  private readonly ipIds = new Map<IpAddr, number>();
  private readonly eniIds = new Map<NetworkInterface, number>();
  private ips: string[] = [];
  private enis: string[] = [];
  private nextRef = 1;
  // Per ref number, with spans: its open span and the sums since the span's first observation.
  private open = new Uint8Array(1024);
  private from = new Float64Array(1024);
  private until = new Float64Array(1024);
  private packets = new Float64Array(1024);
  private bytes = new Float64Array(1024);
  private first = new Float64Array(1024);
  private last = new Float64Array(1024);
  private flags = new Float64Array(1024);
  /** Refs with an open span. */
  private active = new Int32Array(1024);
  private activeCount = 0;

  /**
   * `post` gets each full batch (and the last one at `flush`); the batch's
   * buffer is the receiver's from then on. Batches are large (2 MiB): each post
   * wakes the receiving thread, and on a busy machine the wake-up costs the
   * sender its core for a while. With `spans`, refs' observations are summed
   * here within their spans (see above).
   */
  constructor(private readonly post: (b: ObservationBatch) => void, private readonly spans?: WindowSpans, private readonly size = 1 << 18) {
    this.data = new Float64Array(size);
  }

  write(o: Observation): void {
    const ref = o.ref;
    if (ref !== undefined) {
      const c = ref.cache;
      if (typeof c === 'number') {
        const t = o.time;
        if (this.spans !== undefined) {
          if (this.open[c] === 1) {
            if (t >= this.from[c]! && t < this.until[c]!) {
              this.add(c, o, t);
              return;
            }
            this.totals(c);
          }
          this.openSpan(c, o.eni, t);
        }
        if (this.n + SHORT_LEN > this.data.length) this.flush();
        const d = this.data, i = this.n;
        d[i] = SHORT;
        d[i + 1] = c;
        d[i + 2] = t;
        d[i + 3] = o.bytes;
        d[i + 4] = o.tcpFlags;
        this.n = i + SHORT_LEN;
        return;
      }
      // The consumer of refs on this side is the writer: the number it gave the ref.
      const id = this.nextRef++;
      ref.cache = id;
      if (this.spans !== undefined) {
        if (id === this.open.length) this.grow();
        this.openSpan(id, o.eni, o.time);
      }
      this.full(DEFINE, id, o);
      return;
    }
    this.full(LOOSE, 0, o);
  }

  /** Sends every open span's sums and closes the spans: after it, each ref's next observation goes on its own. */
  flushAll(): void {
    const a = this.active;
    for (let k = 0; k < this.activeCount; k++) {
      const c = a[k]!;
      if (this.packets[c]! > 0) this.totals(c);
      this.open[c] = 0;
    }
    this.activeCount = 0;
    this.flush();
  }

  /** Posts what is buffered, if anything. */
  flush(): void {
    if (this.n === 0 && this.ips.length === 0 && this.enis.length === 0) return;
    const batch: ObservationBatch = { data: this.data, length: this.n, ips: this.ips, enis: this.enis };
    this.data = new Float64Array(this.size);
    this.n = 0;
    this.ips = [];
    this.enis = [];
    this.post(batch);
  }

  private full(kind: number, id: number, o: Observation): void {
    if (this.n + FULL_LEN > this.data.length) this.flush();
    const d = this.data;
    let i = this.n;
    d[i++] = kind;
    d[i++] = id;
    d[i++] = this.eni(o.eni);
    d[i++] = (o.direction === 'ingress' ? 2 : 0) | (o.action === 'ACCEPT' ? 1 : 0);
    d[i++] = this.ip(o.srcaddr);
    d[i++] = this.ip(o.dstaddr);
    d[i++] = this.ip(o.pktSrcaddr);
    d[i++] = this.ip(o.pktDstaddr);
    d[i++] = o.srcport;
    d[i++] = o.dstport;
    d[i++] = o.protocol;
    d[i++] = o.trafficPath ?? -1;
    d[i++] = o.time;
    d[i++] = o.bytes;
    d[i++] = o.tcpFlags;
    this.n = i;
  }

  private openSpan(c: number, eni: NetworkInterface, t: number): void {
    const spans = this.spans!;
    spans.at(eni, t);
    this.from[c] = spans.from;
    this.until[c] = spans.until;
    if (this.open[c] === 0) {
      this.open[c] = 1;
      if (this.activeCount === this.active.length) this.active = grownTo(this.active);
      this.active[this.activeCount++] = c;
    }
  }

  private add(c: number, o: Observation, t: number): void {
    if (this.packets[c] === 0) {
      this.first[c] = t;
      this.last[c] = t;
    }
    this.packets[c]!++;
    this.bytes[c]! += o.bytes;
    if (t > this.last[c]!) this.last[c] = t;
    if (t < this.first[c]!) this.first[c] = t;
    if (o.protocol === TCP) this.flags[c] = this.flags[c]! | awsTcpFlags(o.tcpFlags);
  }

  private totals(c: number): void {
    if (this.packets[c] === 0) return;
    if (this.n + TOTALS_LEN > this.data.length) this.flush();
    const d = this.data, i = this.n;
    d[i] = TOTALS;
    d[i + 1] = c;
    d[i + 2] = this.packets[c]!;
    d[i + 3] = this.bytes[c]!;
    d[i + 4] = this.first[c]!;
    d[i + 5] = this.last[c]!;
    d[i + 6] = this.flags[c]!;
    this.n = i + TOTALS_LEN;
    this.packets[c] = 0;
    this.bytes[c] = 0;
    this.flags[c] = 0;
  }

  private grow(): void {
    this.open = grownTo(this.open);
    this.from = grownTo(this.from);
    this.until = grownTo(this.until);
    this.packets = grownTo(this.packets);
    this.bytes = grownTo(this.bytes);
    this.first = grownTo(this.first);
    this.last = grownTo(this.last);
    this.flags = grownTo(this.flags);
  }

  private ip(a: IpAddr): number {
    let k = this.ipIds.get(a);
    if (k === undefined) {
      this.ipIds.set(a, (k = this.ipIds.size));
      this.ips.push(a.text);
    }
    return k;
  }

  private eni(e: NetworkInterface): number {
    let k = this.eniIds.get(e);
    if (k === undefined) {
      this.eniIds.set(e, (k = this.eniIds.size));
      this.enis.push(e.id);
    }
    return k;
  }
}

/** Receives what a batch holds, in order; the observation passed is reused afterwards. */
export interface ObservationConsumer {
  observe(o: Observation): void;
  /** Sums of observations of `o`'s ref within one span, `tcpFlags` already in AWS's form (see Aggregator.observeTotals). */
  totals(o: Observation, packets: number, bytes: number, first: number, last: number, tcpFlags: number): void;
}

export class ObservationReader {
  private readonly ips: IpAddr[] = [];
  private readonly enis: NetworkInterface[] = [];
  /** Per ref number, its key (KEY integers), to make its observation again after `forget`. */
  private keys = new Int32Array(KEY * 1024);
  /**
   * Per ref number, the observation passed on for it (its FlowRef kept by the
   * consumer). Refs are defined in number order, so this stays a dense array.
   */
  private readonly refs: (Observation | undefined)[] = [undefined];
  /** Refs below this number were forgotten already. */
  private forgotten = 0;
  /** Observations without a ref reuse this one: consumers copy what they keep. */
  private readonly loose: Observation = blank();

  constructor(private readonly net: Network) {}

  read(b: ObservationBatch, to: ObservationConsumer): void {
    for (const t of b.ips) this.ips.push(ip(t));
    for (const id of b.enis) {
      const e = this.net.interfaces.get(id);
      if (!e) throw new Error(`observation of an unknown interface ${id}`);
      this.enis.push(e);
    }
    const d = b.data, n = b.length;
    let i = 0;
    while (i < n) {
      const kind = d[i]!, r = d[i + 1]!;
      if (kind === SHORT) {
        const o = this.refs[r] ?? this.remake(r);
        o.time = d[i + 2]!;
        o.bytes = d[i + 3]!;
        o.tcpFlags = d[i + 4]!;
        i += SHORT_LEN;
        to.observe(o);
        continue;
      }
      if (kind === TOTALS) {
        const o = this.refs[r] ?? this.remake(r);
        to.totals(o, d[i + 2]!, d[i + 3]!, d[i + 4]!, d[i + 5]!, d[i + 6]!);
        i += TOTALS_LEN;
        continue;
      }
      let o = this.loose;
      if (kind === DEFINE) {
        if (this.keys.length < KEY * (r + 1)) this.keys = grownTo(this.keys, KEY * (r + 1));
        for (let j = 0; j < KEY; j++) this.keys[KEY * r + j] = d[i + 2 + j]!;
        o = this.remake(r);
      } else {
        this.fill(o, d, i + 2);
        o.ref = undefined;
      }
      o.time = d[i + 12]!;
      o.bytes = d[i + 13]!;
      o.tcpFlags = d[i + 14]!;
      i += FULL_LEN;
      to.observe(o);
    }
  }

  /**
   * Drops every ref's observation (and with it the consumer's memo on its
   * FlowRef): the next observation of a ref makes them afresh. Refs of ended
   * connections are never told apart from live ones here, so this keeps
   * memory bounded; a consumer loses nothing but its shortcut. (A writer with
   * spans must have had flushAll called before.)
   */
  forget(): void {
    const refs = this.refs;
    for (let i = this.forgotten; i < refs.length; i++) refs[i] = undefined;
    this.forgotten = refs.length;
  }

  private remake(id: number): Observation {
    const o = blank();
    this.fill(o, this.keys, KEY * id);
    o.ref = { cache: undefined } satisfies FlowRef;
    if (id === this.refs.length) this.refs.push(o);
    else this.refs[id] = o;
    return o;
  }

  private fill(o: Observation, k: ArrayLike<number>, at: number): void {
    const da = k[at + 1]!;
    o.eni = this.enis[k[at]!]!;
    o.direction = da & 2 ? 'ingress' : 'egress';
    o.action = da & 1 ? 'ACCEPT' : 'REJECT';
    o.srcaddr = this.ips[k[at + 2]!]!;
    o.dstaddr = this.ips[k[at + 3]!]!;
    o.pktSrcaddr = this.ips[k[at + 4]!]!;
    o.pktDstaddr = this.ips[k[at + 5]!]!;
    o.srcport = k[at + 6]!;
    o.dstport = k[at + 7]!;
    o.protocol = k[at + 8]!;
    const path = k[at + 9]!;
    o.trafficPath = path < 0 ? undefined : path;
  }
}

const NO_IP = ip('0.0.0.0');

function blank(): Observation {
  return {
    time: 0, eni: undefined as unknown as NetworkInterface, direction: 'egress', action: 'ACCEPT', srcaddr: NO_IP, dstaddr: NO_IP,
    pktSrcaddr: NO_IP, pktDstaddr: NO_IP, srcport: 0, dstport: 0, protocol: 0, bytes: 0, tcpFlags: 0, trafficPath: undefined, ref: undefined,
  };
}
