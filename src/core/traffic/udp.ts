/**
 * A UDP request and its optional reply. Payloads larger than one datagram
 * (1472 bytes over IPv4, 1452 over IPv6) go in several, back to back; the server
 * replies (if `response` > 0) once the last request datagram reaches it.
 * `listen` does not apply: it names TCP ports only.
 */
import { type FlowCache, type Packet, newFlowCache } from '../dataplane/packet.ts';
import type { UdpItem } from '../scenario/types.ts';
import { BACK_TO_BACK } from './constants.ts';
import type { ResolvedPair } from './endpoints.ts';
import type { PortLease } from './ports.ts';
import type { Flow } from './queue.ts';
import type { Sim } from './sim.ts';
import { maxUdpPayload, split, udpSize } from './sizes.ts';

const REQUEST = 0, REPLY = 1;

export class UdpExchange implements Flow {
  private readonly max: number;
  private readonly req: { count: number; last: number };
  private readonly resp: { count: number; last: number };
  /** The last request datagram as the server received it: the reply goes back the way it came. */
  private seen: Packet | undefined;
  /** The data plane's memos for each direction. */
  private readonly requestFlow: FlowCache = newFlowCache();
  private readonly replyFlow: FlowCache = newFlowCache();

  constructor(private readonly sim: Sim, private readonly item: UdpItem, private readonly pair: ResolvedPair, private readonly lease: PortLease) {
    this.max = maxUdpPayload(pair.src.fam);
    // Even an empty request is one datagram.
    this.req = item.request > 0 ? split(item.request, this.max) : { count: 1, last: 0 };
    this.resp = split(item.response, this.max);
  }

  start(): void {
    this.request(0);
  }

  fire(code: number, k: number): void {
    if (code === REQUEST) this.request(k);
    else this.reply(k);
  }

  private request(k: number): void {
    const { sim, pair, req } = this;
    const last = k === req.count - 1;
    const f = sim.udp(pair.src, pair.dst, this.lease.port, this.item.port, udpSize(pair.src.fam, last ? req.last : this.max), this.requestFlow);
    if (!last) { sim.at(sim.now + BACK_TO_BACK, this, REQUEST, k + 1); return; }
    if (f.delivered && this.resp.count > 0) {
      this.seen = sim.arrivedOf(f);
      sim.at(sim.now + pair.latency, this, REPLY, 0);
    } else {
      this.lease.release(sim.now);
    }
  }

  private reply(k: number): void {
    const { sim, resp } = this;
    const a = this.seen!;
    const last = k === resp.count - 1;
    sim.udp(a.dst, a.src, a.dport, a.sport, udpSize(a.src.fam, last ? resp.last : this.max), this.replyFlow);
    if (!last) sim.at(sim.now + BACK_TO_BACK, this, REPLY, k + 1);
    else this.lease.release(sim.now);
  }
}
