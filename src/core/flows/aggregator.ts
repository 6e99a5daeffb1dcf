/**
 * Turns the data plane's observations into the records AWS would deliver.
 *
 * Each flow log keeps its own windows (see windows.ts). Inside a window, flows
 * are grouped per interface by (srcaddr, dstaddr, srcport, dstport, protocol,
 * pkt-srcaddr, pkt-dstaddr, direction, action); a flow that lasts longer than a
 * window yields one record per window. A window's flows are rendered and dropped
 * as soon as it closes, so memory follows the number of live flows, not the run.
 *
 * Calling contract, for the runner:
 * - `observe` observations in time order (ties in any order);
 * - `advanceTo(t)` whenever the clock moves (at the latest before each
 *   configuration change made at t, so windows ending at t still see the
 *   network they ran under), and emit what it returns;
 * - `flush(end)` once at the end of the run.
 *
 * Output order is deterministic: windows by end time, then flow log id; inside a
 * window, interfaces by id; inside an interface, flows by first packet (then by
 * arrival), and the interface's SKIPDATA record last.
 */
import type { FlowRef, Observation } from '../dataplane/packet.ts';
import type { Network } from '../model/network.ts';
import type { IpAddr } from '../net/ip.ts';
import type { FlowLog, NetworkInterface } from '../model/types.ts';
import { hasPorts, TCP } from '../net/protocol.ts';
import { type AwsServiceLookup, NO_AWS_SERVICES } from './aws-services.ts';
import { coversInterface, interfacesCoveredBy, passesTrafficType } from './coverage.ts';
import type { EmittedRecord } from './emitted.ts';
import { type CompiledFormat, type RecordParts, compileFormat } from './formatter.ts';
import { type FlowTotals, type LogStatus, type RecordData, type RecordEnv, recordEnvFor } from './record.ts';
import { grownTo } from '../typed-arrays.ts';
import { awsTcpFlags } from './tcp-flags.ts';
import { type WindowSchedule, scheduleOf, spanFrom, spanUntil, windowEndMs, windowIndexAt, windowsEndedBy, windowStartMs } from './windows.ts';

export interface AggregatorOptions {
  /** Emit NODATA for monitored interfaces idle for a whole window (scenario `options.nodata`). */
  nodata?: boolean | undefined;
  /** Max flows per interface per window before the rest fold into SKIPDATA; 0 = unlimited. */
  capacity?: number | undefined;
  /** AWS address ranges for pkt-*-aws-service; without it those fields read `-`. */
  aws?: AwsServiceLookup | undefined;
  /**
   * Which parts of a flow log's records to render (both by default); the
   * other part is then NO_VALUES or the empty line. For a runner whose every
   * consumer of a flow log's records reads one part.
   */
  partsFor?: ((fl: FlowLog) => RecordParts) | undefined;
}

/** Receives records as they are made. */
export type RecordSink = (r: EmittedRecord) => void;

/** A flow's numbers in EniBucket.ints: srcport, dstport, protocol, direction and action (DIR_ACT bits), tcp-flags. */
const INTS = 5;
const SRCPORT = 0, DSTPORT = 1, PROTOCOL = 2, DIR_ACT = 3, FLAGS = 4;
const INGRESS = 2, ACCEPT = 1;
/** A flow's numbers in EniBucket.nums: packets, bytes, first, last, traffic path (NaN: none). */
const NUMS = 5;
const PACKETS = 0, BYTES = 1, FIRST = 2, LAST = 3, PATH = 4;

/**
 * One interface's flows in one window, as columns rather than an object per
 * flow: a window's flows live for up to ten simulated minutes, long enough for
 * young collections to copy objects several times; typed arrays' numbers live
 * outside the heap and the one address array is a single object.
 */
interface EniBucket {
  eni: NetworkInterface;
  /** Flows so far, in order of arrival (a flow's index is its place in that order). */
  n: number;
  /** Per flow, four: srcaddr, dstaddr, pkt-srcaddr, pkt-dstaddr. */
  addrs: IpAddr[];
  ints: Int32Array;
  nums: Float64Array;
  /**
   * Open addressing on the key's hash, two integers a slot: the hash, and the
   * flow's index + 1 (0: empty). Never more than half full.
   */
  table: Int32Array;
  /** Some flows did not fit under `capacity`. */
  skipped: boolean;
}

interface Window {
  index: number;
  enis: Map<string, EniBucket>;
}

/**
 * Kept on an observation's FlowRef: per flow log of its interface, the window
 * and flow its observations go to, valid for times in [from, until) (every
 * window the same there). Observations in that span only add to the pending
 * totals here, which go to the flows before any window closes.
 */
interface RefPlace {
  owner: Aggregator;
  epoch: number;
  states: FlowLogState[];
  windows: (Window | undefined)[];
  /** Per flow log, the bucket of the flow in `at`. */
  buckets: (EniBucket | undefined)[];
  /** Per flow log, the flow's index in its bucket; FILTERED: filtered out by the flow log's traffic type; UNCOUNTED: not counted (SKIPDATA). */
  at: number[];
  from: number;
  until: number;
  /** Not yet added to the flows. */
  packets: number;
  bytes: number;
  first: number;
  last: number;
  tcpFlags: number;
}

interface FlowLogState {
  fl: FlowLog;
  format: CompiledFormat;
  parts: RecordParts;
  schedule: WindowSchedule;
  creationSeconds: number;
  windows: Map<number, Window>;
  /** The window last written to: most observations land in it, so skip the map. */
  current: Window | undefined;
  /** Index of the first window not yet closed. */
  nextToClose: number;
  /** Still present in the network (not deleted). */
  live: boolean;
  /**
   * Per interface, how many flows its last closed window held: the next
   * window's columns and table start that big (windows of one flow log see
   * much the same traffic) instead of growing to it, each growth an allocation
   * and a copy.
   */
  sizes: Map<string, number>;
}

interface Closing {
  endMs: number;
  state: FlowLogState;
  index: number;
  /** Closed by flush before its end: no NODATA, the window was not over. */
  partial: boolean;
}

export class Aggregator {
  private readonly nodata: boolean;
  private readonly capacity: number;
  private readonly env: RecordEnv;
  private readonly partsFor: ((fl: FlowLog) => RecordParts) | undefined;
  /** Rendered at once and never kept: one object serves every record. */
  private readonly scratch: RecordData = { eni: undefined as unknown as NetworkInterface, status: 'OK', start: 0, end: 0, flow: null };
  /**
   * Likewise, the flow of the record being rendered, filled from its bucket's columns. Its number fields start as
   * numbers: a field first holding `undefined` and later a small integer kept V8 recompiling closeWindow after every
   * window (a deoptimization loop that cost about a second of compiler threads per 10 M packets).
   */
  private readonly scratchFlow: FlowTotals = {
    srcaddr: undefined as unknown as IpAddr, dstaddr: undefined as unknown as IpAddr, pktSrcaddr: undefined as unknown as IpAddr, pktDstaddr: undefined as unknown as IpAddr,
    srcport: 0, dstport: 0, protocol: 0, direction: 'ingress', action: 'ACCEPT', packets: 0, bytes: 0, first: 0, last: 0, tcpFlags: 0, trafficPath: 0,
  };
  /** Keyed by the flow log object: a flow log deleted and re-created under the same id keeps its own windows. */
  private readonly states = new Map<FlowLog, FlowLogState>();
  private readonly byEni = new Map<string, FlowLogState[]>();
  private seenVersion = -1;
  /** Moves whenever the flow logs per interface may have changed (what RefPlace remembers). */
  private epoch = 0;
  /** Refs holding totals not yet added to their flows. */
  private readonly pending: RefPlace[] = [];

  constructor(private readonly net: Network, opts: AggregatorOptions = {}) {
    this.nodata = opts.nodata ?? false;
    this.capacity = opts.capacity ?? 0;
    if (!Number.isInteger(this.capacity) || this.capacity < 0) throw new RangeError(`capacity must be a whole number ≥ 0, got ${opts.capacity}`);
    this.env = recordEnvFor(net, opts.aws ?? NO_AWS_SERVICES);
    this.partsFor = opts.partsFor;
  }

  observe(o: Observation): void {
    if (this.net.version !== this.seenVersion) this.sync();
    const ref = o.ref;
    if (ref !== undefined) { this.observeByRef(o, ref); return; }
    const states = this.statesOf(o.eni);
    let key = 0;
    for (const s of states) {
      if (o.time < s.creationSeconds) continue;
      const w = this.windowAt(s, o.time);
      if (key === 0) key = keyHash(o);
      this.count(s, w, o, key);
    }
  }

  /**
   * The same as the loop in observe, with the flow each flow log counts the
   * ref's observations in remembered on the ref: while no window changes, an
   * observation only adds to the ref's pending totals.
   */
  private observeByRef(o: Observation, ref: FlowRef): void {
    const t = o.time;
    let c = ref.cache as RefPlace | undefined;
    if (c !== undefined && c.owner === this && c.epoch === this.epoch && t >= c.from && t < c.until) {
      if (c.packets === 0) {
        c.first = t;
        this.pending.push(c);
      }
      c.packets++;
      c.bytes += o.bytes;
      if (t > c.last || c.packets === 1) c.last = t;
      if (t < c.first) c.first = t;
      if (o.protocol === TCP) c.tcpFlags |= awsTcpFlags(o.tcpFlags);
      return;
    }
    if (c === undefined || c.owner !== this || c.epoch !== this.epoch) {
      const states = this.statesOf(o.eni);
      ref.cache = c = {
        owner: this, epoch: this.epoch, states, windows: new Array<Window | undefined>(states.length).fill(undefined),
        buckets: new Array<EniBucket | undefined>(states.length).fill(undefined), at: new Array<number>(states.length).fill(UNCOUNTED), from: 0, until: 0,
        packets: 0, bytes: 0, first: 0, last: 0, tcpFlags: 0,
      };
    } else if (c.packets > 0) {
      settle(c);
    }
    const { states, windows, buckets, at } = c;
    let key = 0;
    let from = -Infinity, until = Infinity;
    for (let i = 0; i < states.length; i++) {
      const s = states[i]!;
      if (t < s.creationSeconds) {
        windows[i] = undefined;
        buckets[i] = undefined;
        at[i] = UNCOUNTED;
        if (s.creationSeconds < until) until = s.creationSeconds;
        continue;
      }
      const w = this.windowAt(s, t);
      const lo = spanFrom(s.schedule, w.index), hi = spanUntil(s.schedule, w.index);
      if (lo > from) from = lo;
      if (hi < until) until = hi;
      if (windows[i] === w) {
        const k = at[i]!;
        if (k === FILTERED) continue; // filtered out by traffic type; the interface is already marked active
        if (k !== UNCOUNTED) { add(buckets[i]!, k, o); continue; }
      }
      if (key === 0) key = keyHash(o);
      windows[i] = w;
      at[i] = this.count(s, w, o, key);
      buckets[i] = this.counted;
    }
    // A flow that went to SKIPDATA is looked up again each time (the window's place may not free, but it is checked).
    let counted = true;
    for (let i = 0; i < states.length; i++) if (windows[i] !== undefined && at[i] === UNCOUNTED) counted = false;
    c.from = counted ? from : 0;
    c.until = counted ? until : 0;
  }

  /**
   * Sums of observations like `o` (its ref, interface and key; `packets` of
   * them, `bytes` in all, the first at `first` and the last at `last`,
   * `tcpFlags` the OR of their AWS tcp-flags), all made after an observation
   * of the same ref (observed last of that ref) in the same span of windows:
   * what observing each would do. A sender that sums a ref's observations
   * (see observation-stream.ts) sends the span's first one on its own, so the
   * flows it lands in exist and keep their order; anything else is an error.
   */
  observeTotals(o: Observation, packets: number, bytes: number, first: number, last: number, tcpFlags: number): void {
    if (this.net.version !== this.seenVersion) this.sync();
    const c = o.ref?.cache as RefPlace | undefined;
    if (c === undefined || c.owner !== this || c.epoch !== this.epoch || !(first >= c.from && last < c.until)) {
      throw new RangeError(`observation totals of ${o.eni.id} over ${first}–${last} fall outside the span of their ref's last observation`);
    }
    if (c.packets === 0) {
      c.first = first;
      c.last = last;
      this.pending.push(c);
    }
    c.packets += packets;
    c.bytes += bytes;
    if (last > c.last) c.last = last;
    if (first < c.first) c.first = first;
    c.tcpFlags |= tcpFlags;
  }

  /** Adds every ref's pending totals to its flows: before windows close, and when asked for the flows. */
  private settleAll(): void {
    const p = this.pending;
    for (let i = 0; i < p.length; i++) settle(p[i]!);
    p.length = 0;
  }

  /** The flow logs that cover this interface (live ones, in creation order). */
  private statesOf(eni: NetworkInterface): FlowLogState[] {
    let states = this.byEni.get(eni.id);
    if (!states) {
      states = [...this.states.values()].filter((s) => s.live && coversInterface(s.fl, eni));
      this.byEni.set(eni.id, states);
    }
    return states;
  }

  /** Flow log `s`'s window holding time `t`, made if new; a window that already closed is an error. */
  private windowAt(s: FlowLogState, t: number): Window {
    const k = windowIndexAt(s.schedule, t);
    let w = s.current;
    if (w !== undefined && w.index === k) return w;
    if (k < s.nextToClose) throw new RangeError(`observation at ${t} falls in a window of ${s.fl.id} that already closed; observations must come in time order`);
    w = s.windows.get(k);
    if (!w) {
      w = { index: k, enis: new Map() };
      s.windows.set(k, w);
    }
    s.current = w;
    return w;
  }

  /** The bucket the last `count` call counted in. */
  private counted: EniBucket | undefined;

  /**
   * Counts `o` in window `w` of `s` (`key`: keyHash(o)): returns its flow's index
   * in its bucket (left in `counted`), FILTERED when the flow log filters it out,
   * UNCOUNTED when it went to SKIPDATA.
   */
  private count(s: FlowLogState, w: Window, o: Observation, key: number): number {
    let b = w.enis.get(o.eni.id);
    if (!b) {
      let room = 16, slots = 64;
      const size = s.sizes.get(o.eni.id) ?? 0;
      while (room < size) room *= 2;
      while (slots < 2 * room) slots *= 2;
      b = { eni: o.eni, n: 0, addrs: [], ints: new Int32Array(INTS * room), nums: new Float64Array(NUMS * room), table: new Int32Array(2 * slots), skipped: false };
      w.enis.set(o.eni.id, b);
    }
    this.counted = b;
    // Filtered-out traffic still makes the interface active: it is not NODATA.
    if (!passesTrafficType(s.fl, o.action)) return FILTERED;
    const p = hasPorts(o.protocol);
    const sp = p ? o.srcport : 0, dp = p ? o.dstport : 0;
    let table = b.table, mask = (table.length >> 1) - 1;
    let at = key & mask;
    for (let slot = table[2 * at + 1]!; slot !== 0; at = (at + 1) & mask, slot = table[2 * at + 1]!) {
      if (table[2 * at] !== key) continue;
      if (sameKey(b, slot - 1, o, sp, dp)) {
        add(b, slot - 1, o);
        return slot - 1;
      }
    }
    if (this.capacity > 0 && b.n >= this.capacity) {
      b.skipped = true;
      return UNCOUNTED;
    }
    const f = newFlow(b, o, sp, dp);
    if (b.n * 4 > table.length) {
      b.table = table = grown(table);
      mask = (table.length >> 1) - 1;
      at = key & mask;
      while (table[2 * at + 1] !== 0) at = (at + 1) & mask;
    }
    table[2 * at] = key;
    table[2 * at + 1] = b.n;
    return f;
  }

  /** Closes every window that ended by `t` (epoch seconds) and returns its records. */
  advanceTo(t: number): EmittedRecord[] {
    const out: EmittedRecord[] = [];
    this.advanceInto(t, (r) => out.push(r));
    return out;
  }

  /** Like advanceTo, handing each record to `emit` as it is made (no array of a whole window's records). */
  advanceInto(t: number, emit: RecordSink): void {
    this.settleAll();
    this.sync();
    const closing: Closing[] = [];
    for (const s of this.states.values()) {
      const ended = windowsEndedBy(s.schedule, t);
      if (this.nodata && s.live) {
        for (let k = s.nextToClose; k < ended; k++) closing.push({ endMs: windowEndMs(s.schedule, k), state: s, index: k, partial: false });
      } else {
        for (const k of s.windows.keys()) if (k < ended) closing.push({ endMs: windowEndMs(s.schedule, k), state: s, index: k, partial: false });
      }
      if (ended > s.nextToClose) s.nextToClose = ended;
    }
    this.close(closing, emit);
  }

  /** End of run: closes what ended by `end` (with NODATA), then every window still holding flows. */
  flush(end?: number): EmittedRecord[] {
    const out: EmittedRecord[] = [];
    this.flushInto(end, (r) => out.push(r));
    return out;
  }

  /**
   * Like flush, handing each record to `emit` as it is made; `drained(fl)`
   * right after flow log `fl`'s last record (a destination may then finish
   * its files while the others' records are still being made).
   */
  flushInto(end: number | undefined, emit: RecordSink, drained?: (fl: FlowLog) => void): void {
    if (end !== undefined) this.advanceInto(end, emit);
    this.settleAll();
    this.sync();
    const closing: Closing[] = [];
    for (const s of this.states.values()) {
      for (const k of s.windows.keys()) {
        closing.push({ endMs: windowEndMs(s.schedule, k), state: s, index: k, partial: true });
        if (k >= s.nextToClose) s.nextToClose = k + 1;
      }
    }
    this.close(closing, emit, drained);
  }

  /**
   * No record still to come can start before this time (epoch seconds, whole),
   * once windows have been closed up to `now`, the time of the last observation
   * or change: open windows start no earlier, and a flow log created later
   * starts its windows then. Destinations may write everything before it.
   */
  pendingFrom(now: number): number {
    this.sync();
    let from = now;
    for (const s of this.states.values()) {
      if (!s.live && s.windows.size === 0) continue;
      const start = windowStartMs(s.schedule, s.nextToClose) / 1000;
      if (start < from) from = start;
    }
    return Math.floor(from);
  }

  /**
   * pendingFrom for one flow log's records: its own earliest open window (a
   * 1-minute flow log need not wait for a 10-minute one). Destinations that
   * hold one flow log's records apart (S3 objects) may write by it.
   */
  pendingFromFor(fl: FlowLog, now: number): number {
    const s = this.states.get(fl);
    if (s === undefined || (!s.live && s.windows.size === 0)) return Math.floor(now);
    return Math.floor(Math.min(now, windowStartMs(s.schedule, s.nextToClose) / 1000));
  }

  /** Flows currently held (for memory checks and progress output). */
  get openFlows(): number {
    this.settleAll();
    let n = 0;
    for (const s of this.states.values()) for (const w of s.windows.values()) for (const b of w.enis.values()) n += b.n;
    return n;
  }

  /** Picks up created and deleted flow logs; forgets deleted ones once drained. */
  private sync(): void {
    if (this.net.version === this.seenVersion) return;
    this.seenVersion = this.net.version;
    this.byEni.clear();
    this.epoch++;
    for (const s of this.states.values()) s.live = this.net.flowLogs.get(s.fl.id) === s.fl;
    for (const fl of this.net.flowLogs.values()) {
      if (this.states.has(fl)) continue;
      this.states.set(fl, {
        fl, format: compileFormat(fl.logFormat), parts: this.partsFor?.(fl) ?? 'both', schedule: scheduleOf(fl), creationSeconds: fl.creationTime / 1000,
        windows: new Map(), current: undefined, nextToClose: 0, live: true, sizes: new Map(),
      });
    }
  }

  private close(closing: Closing[], emit: RecordSink, drained?: (fl: FlowLog) => void): void {
    closing.sort((a, b) => a.endMs - b.endMs || (a.state.fl.id < b.state.fl.id ? -1 : a.state.fl.id > b.state.fl.id ? 1 : 0));
    for (const c of closing) {
      this.closeWindow(c, emit);
      if (drained !== undefined && c.state.windows.size === 0) drained(c.state.fl);
    }
    for (const [fl, s] of this.states) if (!s.live && s.windows.size === 0) this.states.delete(fl);
  }

  private closeWindow(c: Closing, out: RecordSink): void {
    const s = c.state;
    const w = s.windows.get(c.index);
    s.windows.delete(c.index);
    if (s.current === w) s.current = undefined;
    const startSec = Math.floor(windowStartMs(s.schedule, c.index) / 1000);
    const endSec = Math.floor(c.endMs / 1000);
    this.closingEndMs = c.endMs;
    const rows: { id: string; eni: NetworkInterface; bucket: EniBucket | undefined }[] = [];
    if (w) for (const [id, b] of w.enis) rows.push({ id, eni: b.eni, bucket: b });
    if (this.nodata && s.live && !c.partial) {
      for (const eni of interfacesCoveredBy(this.net, s.fl)) if (!w?.enis.has(eni.id)) rows.push({ id: eni.id, eni, bucket: undefined });
    }
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const row of rows) {
      const b = row.bucket;
      if (!b) {
        this.emit(s, row.eni, 'NODATA', startSec, endSec, null, out);
        continue;
      }
      // Flows arrive in time order, so they are nearly always sorted already: checked first, which costs far less than
      // a sort calling its comparator for each pair.
      const n = b.n, nums = b.nums;
      let order: number[] | undefined;
      if (!byFirst(nums, n)) {
        order = new Array<number>(n);
        for (let i = 0; i < n; i++) order[i] = i;
        order.sort((x, y) => nums[NUMS * x + FIRST]! - nums[NUMS * y + FIRST]!); // stable: equal firsts stay in arrival order
      }
      const f = this.scratchFlow, { addrs, ints } = b;
      s.sizes.set(b.eni.id, n);
      // The window's memory goes as its records go.
      b.n = 0;
      b.addrs = [];
      b.ints = EMPTY_INTS;
      b.nums = EMPTY_NUMS;
      b.table = EMPTY_TABLE;
      for (let j = 0; j < n; j++) {
        const i = order === undefined ? j : order[j]!;
        const a = 4 * i, k = INTS * i, m = NUMS * i;
        f.srcaddr = addrs[a]!;
        f.dstaddr = addrs[a + 1]!;
        f.pktSrcaddr = addrs[a + 2]!;
        f.pktDstaddr = addrs[a + 3]!;
        f.srcport = ints[k + SRCPORT]!;
        f.dstport = ints[k + DSTPORT]!;
        f.protocol = ints[k + PROTOCOL]!;
        const da = ints[k + DIR_ACT]!;
        f.direction = da & INGRESS ? 'ingress' : 'egress';
        f.action = da & ACCEPT ? 'ACCEPT' : 'REJECT';
        f.tcpFlags = ints[k + FLAGS]!;
        f.packets = nums[m + PACKETS]!;
        f.bytes = nums[m + BYTES]!;
        f.first = nums[m + FIRST]!;
        f.last = nums[m + LAST]!;
        const path = nums[m + PATH]!;
        f.trafficPath = path === path ? path : undefined;
        this.emit(s, b.eni, 'OK', Math.floor(f.first), Math.floor(f.last), f, out);
      }
      if (b.skipped) this.emit(s, b.eni, 'SKIPDATA', startSec, endSec, null, out);
    }
  }

  /** End of the window being closed (epoch ms), for the records it emits. */
  private closingEndMs = 0;

  private emit(s: FlowLogState, eni: NetworkInterface, status: LogStatus, start: number, end: number, flow: FlowTotals | null, out: RecordSink): void {
    const r = this.scratch;
    r.eni = eni;
    r.status = status;
    r.start = start;
    r.end = end;
    r.flow = flow;
    const { values, line } = s.format.renderPart(r, this.env, s.parts);
    r.flow = null;
    out({ flowLog: s.fl, eniId: eni.id, start, end, windowEndMs: this.closingEndMs, values, line, status, action: flow?.action ?? null });
  }
}

/**
 * The aggregation key's hash: (srcaddr, dstaddr, ports, protocol, pkt-srcaddr,
 * pkt-dstaddr, direction, action), ports only for TCP and UDP (AWS shows 0 for
 * ICMP). Never 0 (0 means "not computed yet" to callers). Flows are found by it
 * and confirmed with sameKey, without building a key string.
 */
function keyHash(o: Observation): number {
  const p = hasPorts(o.protocol);
  return hashKey(o.srcaddr, o.dstaddr, o.pktSrcaddr, o.pktDstaddr, p ? o.srcport : 0, p ? o.dstport : 0, o.protocol, o.direction === 'ingress', o.action === 'ACCEPT');
}


function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return (h << 13) | (h >>> 19);
}

function mixIp(h: number, a: IpAddr): number {
  h = mix(h, a.w3);
  return a.fam === 4 ? h : mix(mix(mix(h, a.w2), a.w1), a.w0);
}

function hashKey(s: IpAddr, d: IpAddr, ps: IpAddr, pd: IpAddr, sp: number, dp: number, protocol: number, ingress: boolean, accept: boolean): number {
  let h = mix(protocol, (sp << 16) | dp);
  h = mixIp(h, s);
  h = mixIp(h, d);
  if (!sameIp(ps, s)) h = mixIp(h ^ 1, ps);
  if (!sameIp(pd, d)) h = mixIp(h ^ 2, pd);
  h = mix(h, (ingress ? 2 : 0) | (accept ? 1 : 0));
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

const dirAct = (o: Observation): number => (o.direction === 'ingress' ? INGRESS : 0) | (o.action === 'ACCEPT' ? ACCEPT : 0);

function sameKey(b: EniBucket, i: number, o: Observation, sp: number, dp: number): boolean {
  const ints = b.ints, k = INTS * i, addrs = b.addrs, a = 4 * i;
  return ints[k + SRCPORT] === sp && ints[k + DSTPORT] === dp && ints[k + PROTOCOL] === o.protocol && ints[k + DIR_ACT] === dirAct(o) &&
    sameIp(addrs[a]!, o.srcaddr) && sameIp(addrs[a + 1]!, o.dstaddr) && sameIp(addrs[a + 2]!, o.pktSrcaddr) && sameIp(addrs[a + 3]!, o.pktDstaddr);
}

function sameIp(a: IpAddr, b: IpAddr): boolean {
  return a === b || (a.fam === b.fam && a.w3 === b.w3 && a.w2 === b.w2 && a.w1 === b.w1 && a.w0 === b.w0);
}

const EMPTY_TABLE = new Int32Array(2);
const EMPTY_INTS = new Int32Array(0);
const EMPTY_NUMS = new Float64Array(0);
/** RefPlace.at and count: the flow log filters the observation out... */
const FILTERED = -1;
/** ...or did not count it (SKIPDATA, or no window yet). */
const UNCOUNTED = -2;

/** The first `n` flows' first packets never go down. */
function byFirst(nums: Float64Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (nums[NUMS * i + FIRST]! < nums[NUMS * (i - 1) + FIRST]!) return false;
  return true;
}

/** The table with twice the slots, every entry placed again by its stored hash. */
function grown(old: Int32Array): Int32Array {
  const table = new Int32Array(old.length * 2);
  const mask = (table.length >> 1) - 1;
  for (let i = 0; i < old.length; i += 2) {
    if (old[i + 1] === 0) continue;
    const h = old[i]!;
    let at = h & mask;
    while (table[2 * at + 1] !== 0) at = (at + 1) & mask;
    table[2 * at] = h;
    table[2 * at + 1] = old[i + 1]!;
  }
  return table;
}

function add(b: EniBucket, i: number, o: Observation): void {
  const nums = b.nums, m = NUMS * i, t = o.time;
  nums[m + PACKETS] = nums[m + PACKETS]! + 1;
  nums[m + BYTES] = nums[m + BYTES]! + o.bytes;
  if (t < nums[m + FIRST]!) nums[m + FIRST] = t;
  if (t > nums[m + LAST]!) nums[m + LAST] = t;
  if (o.protocol === TCP) b.ints[INTS * i + FLAGS] = b.ints[INTS * i + FLAGS]! | awsTcpFlags(o.tcpFlags);
}

/** Adds a ref's pending totals to each of its flows. */
function settle(c: RefPlace): void {
  if (c.packets === 0) return; // settled already (a ref can be listed twice)
  const { buckets, at } = c;
  for (let i = 0; i < at.length; i++) {
    const k = at[i]!;
    if (k < 0) continue;
    const b = buckets[i]!, nums = b.nums, m = NUMS * k;
    nums[m + PACKETS] = nums[m + PACKETS]! + c.packets;
    nums[m + BYTES] = nums[m + BYTES]! + c.bytes;
    if (c.first < nums[m + FIRST]!) nums[m + FIRST] = c.first;
    if (c.last > nums[m + LAST]!) nums[m + LAST] = c.last;
    b.ints[INTS * k + FLAGS] = b.ints[INTS * k + FLAGS]! | c.tcpFlags;
  }
  c.packets = 0;
  c.bytes = 0;
  c.tcpFlags = 0;
}

/** Appends `o`'s flow to `b` (ports `sp`, `dp` as the key has them); returns its index. */
function newFlow(b: EniBucket, o: Observation, sp: number, dp: number): number {
  const i = b.n++;
  if (b.n * NUMS > b.nums.length) {
    b.ints = grownTo(b.ints);
    b.nums = grownTo(b.nums);
  }
  b.addrs.push(o.srcaddr, o.dstaddr, o.pktSrcaddr, o.pktDstaddr);
  const ints = b.ints, k = INTS * i;
  ints[k + SRCPORT] = sp;
  ints[k + DSTPORT] = dp;
  ints[k + PROTOCOL] = o.protocol;
  ints[k + DIR_ACT] = dirAct(o);
  ints[k + FLAGS] = o.protocol === TCP ? awsTcpFlags(o.tcpFlags) : 0;
  const nums = b.nums, m = NUMS * i;
  nums[m + PACKETS] = 1;
  nums[m + BYTES] = o.bytes;
  nums[m + FIRST] = o.time;
  nums[m + LAST] = o.time;
  nums[m + PATH] = o.trafficPath ?? NaN;
  return i;
}
