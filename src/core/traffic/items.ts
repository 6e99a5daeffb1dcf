/**
 * One traffic item over its repetitions: each repetition (`repeat` times,
 * `every` seconds apart) resolves its endpoints afresh, takes a new source port
 * and runs as a flow of its own.
 */
import { TCP, UDP } from '../net/protocol.ts';
import { type Rng, rngFor } from '../random.ts';
import type { TrafficItem } from '../scenario/types.ts';
import { type ResolvedPair, resolvePair } from './endpoints.ts';
import { TrafficError } from './errors.ts';
import { EchoExchange } from './icmp.ts';
import { EphemeralPorts, PortLease } from './ports.ts';
import { PacketReplay } from './packets.ts';
import type { Flow } from './queue.ts';
import { PortScan } from './scan.ts';
import type { Sim } from './sim.ts';
import { TcpConnection } from './tcp.ts';
import { UdpExchange } from './udp.ts';

export class ItemRunner implements Flow {
  /** Per item, so that adding an item elsewhere in the file does not change this one's ports. */
  private readonly rng: Rng;
  /** The endpoints as last resolved, and the network version they were resolved at (a repetition re-resolves only after a change). */
  private pair: ResolvedPair | undefined;
  private pairVersion = -1;
  private portKey: string | undefined;

  constructor(private readonly sim: Sim, private readonly item: TrafficItem) {
    this.rng = rngFor(sim.seed, `sport ${item.place}`);
  }

  schedule(): void {
    if (this.item.repeat > 0) this.sim.at(this.item.at, this, 0, 0);
  }

  fire(_code: number, rep: number): void {
    const { sim, item } = this;
    if (rep + 1 < item.repeat) sim.at(item.at + (rep + 1) * item.every, this, 0, rep + 1);
    if (this.pairVersion !== sim.net.version) {
      this.pair = resolvePair(item, sim.net);
      this.pairVersion = sim.net.version;
      this.portKey = undefined;
    }
    const pair = this.pair!;
    switch (item.kind) {
      case 'tcp': new TcpConnection(sim, item, pair, this.lease(TCP, pair)).start(); return;
      case 'udp': new UdpExchange(sim, item, pair, this.lease(UDP, pair)).start(); return;
      case 'icmp': new EchoExchange(sim, item, pair).start(); return;
      case 'scan': new PortScan(sim, item, pair, this.lease(item.proto === 'tcp' ? TCP : UDP, pair)).start(); return;
      case 'packets': new PacketReplay(sim, item, pair, item.proto === 'icmp' ? undefined : this.lease(item.proto === 'tcp' ? TCP : UDP, pair)).start(); return;
    }
  }

  private lease(protocol: number, pair: ResolvedPair): PortLease {
    const key = (this.portKey ??= EphemeralPorts.key(protocol, pair.src, pair.dst));
    if (this.item.sport !== undefined) return new PortLease(undefined, key, this.item.sport);
    const port = this.sim.ports.take(key, this.rng, this.sim.now);
    if (port === undefined) {
      throw new TrafficError(this.item.place, `every ephemeral port from ${pair.src.text} to ${pair.dst.text} is in use`);
    }
    return new PortLease(this.sim.ports, key, port);
  }
}

