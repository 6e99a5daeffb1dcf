/**
 * Ping: `count` echo requests one second apart (type 8, or ICMPv6 128), each
 * answered by an echo reply (0, or 129) when it reaches its target.
 */
import { type FlowCache, type Packet, newFlowCache } from '../dataplane/packet.ts';
import { ICMP, ICMPV6 } from '../net/protocol.ts';
import type { IcmpItem } from '../scenario/types.ts';
import type { ResolvedPair } from './endpoints.ts';
import type { Flow } from './queue.ts';
import type { Sim } from './sim.ts';
import { icmpSize } from './sizes.ts';

const REQUEST = 0, REPLY = 1;
/** ping's default interval. */
const INTERVAL = 1;

export class EchoExchange implements Flow {
  private readonly v6: boolean;
  private readonly size: number;
  private t0 = 0;
  private seen: Packet | undefined;
  /** The data plane's memos for requests and replies. */
  private readonly requestFlow: FlowCache = newFlowCache();
  private readonly replyFlow: FlowCache = newFlowCache();

  constructor(private readonly sim: Sim, private readonly item: IcmpItem, private readonly pair: ResolvedPair) {
    this.v6 = pair.src.fam === 6;
    this.size = icmpSize(pair.src.fam, item.size);
  }

  start(): void {
    this.t0 = this.sim.now;
    if (this.item.count > 0) this.request(0);
  }

  fire(code: number, k: number): void {
    if (code === REQUEST) this.request(k);
    else this.reply();
  }

  private request(k: number): void {
    const { sim, pair } = this;
    const f = sim.icmp(pair.src, pair.dst, this.v6 ? ICMPV6 : ICMP, this.v6 ? 128 : 8, 0, this.size, this.requestFlow);
    if (f.delivered) {
      this.seen = sim.arrivedOf(f);
      sim.at(sim.now + pair.latency, this, REPLY, k);
    }
    if (k + 1 < this.item.count) sim.at(this.t0 + (k + 1) * INTERVAL, this, REQUEST, k + 1);
  }

  private reply(): void {
    const a = this.seen!;
    this.sim.icmp(a.dst, a.src, a.protocol, this.v6 ? 129 : 0, 0, this.size, this.replyFlow);
  }
}
