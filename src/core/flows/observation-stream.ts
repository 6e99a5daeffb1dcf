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
 * Layout, per observation:
 *   [ref, time, bytes, tcpFlags]                              a ref already sent
 *   [-ref or 0, eni, dirAction, src, dst, pktSrc, pktDst,
 *    srcport, dstport, protocol, trafficPath, time, bytes, tcpFlags]   in full
 * (-ref: the first observation of a ref, which it defines; 0: no ref).
 */
import type { FlowRef, Observation } from '../dataplane/packet.ts';
import type { Network } from '../model/network.ts';
import type { NetworkInterface } from '../model/types.ts';
import { type IpAddr, ip } from '../net/ip.ts';

export interface ObservationBatch {
  data: Float64Array;
  /** Numbers used in `data`. */
  length: number;
  /** Text of the addresses numbered from the reader's count so far on, in order. */
  ips: string[];
  /** Ids of the interfaces numbered likewise. */
  enis: string[];
}

const FULL = 14;
const SHORT = 4;
/** Fields of a ref's key kept by the reader: eni, dirAction, four addresses, two ports, protocol, trafficPath. */
const KEY = 10;

export class ObservationWriter {
  private data: Float64Array;
  private n = 0;
  private readonly ipIds = new Map<IpAddr, number>();
  private readonly eniIds = new Map<NetworkInterface, number>();
  private ips: string[] = [];
  private enis: string[] = [];
  private nextRef = 1;

  /**
   * `post` gets each full batch (and the last one at `flush`); the batch's
   * buffer is the receiver's from then on. Batches are large (2 MiB): each post
   * wakes the receiving thread, and on a busy machine the wake-up costs the
   * sender its core for a while.
   */
  constructor(private readonly post: (b: ObservationBatch) => void, private readonly size = 1 << 18) {
    this.data = new Float64Array(size);
  }

  write(o: Observation): void {
    if (this.n + FULL > this.data.length) this.flush();
    const d = this.data;
    let i = this.n;
    const ref = o.ref;
    let id = 0;
    if (ref !== undefined) {
      const c = ref.cache;
      if (typeof c === 'number') {
        d[i] = c;
        d[i + 1] = o.time;
        d[i + 2] = o.bytes;
        d[i + 3] = o.tcpFlags;
        this.n = i + SHORT;
        return;
      }
      // The consumer of refs on this side is the writer: the number it gave the ref.
      ref.cache = id = this.nextRef++;
    }
    d[i++] = -id;
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

  /** Hands every observation of `b` to `each`, in order; the object passed is reused afterwards. */
  read(b: ObservationBatch, each: (o: Observation) => void): void {
    for (const t of b.ips) this.ips.push(ip(t));
    for (const id of b.enis) {
      const e = this.net.interfaces.get(id);
      if (!e) throw new Error(`observation of an unknown interface ${id}`);
      this.enis.push(e);
    }
    const d = b.data, n = b.length;
    let i = 0;
    while (i < n) {
      const r = d[i]!;
      if (r > 0) {
        const o = this.refs[r] ?? this.remake(r);
        o.time = d[i + 1]!;
        o.bytes = d[i + 2]!;
        o.tcpFlags = d[i + 3]!;
        i += SHORT;
        each(o);
        continue;
      }
      let o = this.loose;
      if (r < 0) {
        const id = -r;
        if (this.keys.length < KEY * (id + 1)) {
          const k = new Int32Array(Math.max(this.keys.length * 2, KEY * (id + 1)));
          k.set(this.keys);
          this.keys = k;
        }
        for (let j = 0; j < KEY; j++) this.keys[KEY * id + j] = d[i + 1 + j]!;
        o = this.remake(id);
      } else {
        this.fill(o, d, i + 1);
        o.ref = undefined;
      }
      o.time = d[i + 11]!;
      o.bytes = d[i + 12]!;
      o.tcpFlags = d[i + 13]!;
      i += FULL;
      each(o);
    }
  }

  /**
   * Drops every ref's observation (and with it the consumer's memo on its
   * FlowRef): the next observation of a ref makes them afresh. Refs of ended
   * connections are never told apart from live ones here, so this keeps
   * memory bounded; a consumer loses nothing but its shortcut.
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
