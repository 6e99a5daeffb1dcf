/**
 * The `packets` extension (docs/SCENARIO-EXTENSIONS.md): packets given by count,
 * size, flags and time, sent in one direction through the data plane and
 * answered by nobody. Each run's packets are evenly spaced over its `over`
 * seconds (back to back when 0); a run's bytes are split as evenly as they
 * divide, the first packets taking the odd bytes.
 */
import { ICMP, ICMPV6 } from '../net/protocol.ts';
import type { PacketsItem } from '../scenario/types.ts';
import { BACK_TO_BACK } from './constants.ts';
import type { ResolvedPair } from './endpoints.ts';
import type { PortLease } from './ports.ts';
import type { Flow } from './queue.ts';
import type { Sim } from './sim.ts';

export class PacketReplay implements Flow {
  /** Time (seconds after start) of each run's first packet, and the gap between its packets. */
  private readonly first: number[] = [];
  private readonly step: number[] = [];

  constructor(private readonly sim: Sim, private readonly item: PacketsItem, private readonly pair: ResolvedPair, private readonly lease: PortLease | undefined) {}

  start(): void {
    let t = this.sim.now;
    this.item.runs.forEach((r, i) => {
      t += i === 0 ? r.after : Math.max(r.after, BACK_TO_BACK);
      const step = r.count > 1 ? (r.over > 0 ? r.over / (r.count - 1) : BACK_TO_BACK) : 0;
      this.first.push(t);
      this.step.push(step);
      t += step * (r.count - 1);
    });
    this.sim.at(this.first[0]!, this, 0, 0);
  }

  /** Sends packet `k` of run `run`, and schedules the next one. */
  fire(run: number, k: number): void {
    const { sim, item, pair } = this;
    const r = item.runs[run]!;
    const base = Math.floor(r.bytes / r.count);
    const size = k < r.bytes - base * r.count ? base + 1 : base;
    switch (item.proto) {
      case 'tcp': sim.tcp(pair.src, pair.dst, this.lease!.port, item.port, r.flags, size); break;
      case 'udp': sim.udp(pair.src, pair.dst, this.lease!.port, item.port, size); break;
      case 'icmp': {
        const v6 = pair.src.fam === 6;
        sim.icmp(pair.src, pair.dst, v6 ? ICMPV6 : ICMP, item.icmpType ?? (v6 ? 128 : 8), item.icmpCode, size);
        break;
      }
    }
    if (k + 1 < r.count) sim.at(this.first[run]! + (k + 1) * this.step[run]!, this, run, k + 1);
    else if (run + 1 < item.runs.length) sim.at(this.first[run + 1]!, this, run + 1, 0);
    else this.lease?.release(sim.now);
  }
}
