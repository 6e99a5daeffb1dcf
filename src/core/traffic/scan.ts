/**
 * A port scan as nmap runs one: a probe per port at `rate` probes per second,
 * from one source port, no retries.
 * - tcp: a SYN with only the MSS option (44 bytes over IPv4). An open port
 *   answers SYN-ACK (44) and the scanner's kernel, which knows no such
 *   connection, answers RST (40); a closed port answers RST-ACK (40).
 * - udp: an empty datagram (28). A closed port answers ICMP port unreachable
 *   quoting the probe (56; ICMPv6 type 1 code 4 over IPv6); an open one is silent.
 * Open means listed for that endpoint in `listen` (which, for UDP scans, names
 * UDP ports too), or any port when the endpoint is not in `listen`. Linux's
 * ICMP rate limit is not modelled.
 */
import type { Packet } from '../dataplane/packet.ts';
import { ACK, ICMP, ICMPV6, RST, SYN } from '../net/protocol.ts';
import type { ScanItem } from '../scenario/types.ts';
import type { ResolvedPair } from './endpoints.ts';
import type { PortLease } from './ports.ts';
import type { Flow } from './queue.ts';
import type { Sim } from './sim.ts';
import { icmpSize, probeSynSize, rstSize, udpSize } from './sizes.ts';

const PROBE = 0, SYN_ACK = 1, SCANNER_RST = 2, RST_ACK = 3, UNREACHABLE = 4;

export class PortScan implements Flow {
  private t0 = 0;
  /** Each probe as the target received it (translation may differ per port behind a NAT gateway). */
  private readonly seen: (Packet | undefined)[];

  constructor(private readonly sim: Sim, private readonly item: ScanItem, private readonly pair: ResolvedPair, private readonly lease: PortLease) {
    this.seen = new Array<Packet | undefined>(item.ports.length);
  }

  start(): void {
    this.t0 = this.sim.now;
    if (this.item.ports.length > 0) this.probe(0);
    else this.lease.release(this.sim.now);
  }

  fire(code: number, k: number): void {
    const { sim, pair } = this;
    const fam = pair.src.fam;
    if (code === PROBE) { this.probe(k); return; }
    if (code === SCANNER_RST) { sim.tcp(pair.src, pair.dst, this.lease.port, this.item.ports[k]!, RST, rstSize(fam)); return; }
    // Each probe gets at most one answer, so its record can go now.
    const a = this.seen[k]!;
    this.seen[k] = undefined;
    switch (code) {
      case SYN_ACK:
        if (sim.tcp(a.dst, a.src, a.dport, a.sport, SYN | ACK, probeSynSize(fam)).delivered) sim.at(sim.now + pair.latency, this, SCANNER_RST, k);
        return;
      case RST_ACK:
        sim.tcp(a.dst, a.src, a.dport, a.sport, RST | ACK, rstSize(fam));
        return;
      case UNREACHABLE:
        if (fam === 4) sim.icmp(a.dst, a.src, ICMP, 3, 3, icmpSize(4, udpSize(4, 0)));
        else sim.icmp(a.dst, a.src, ICMPV6, 1, 4, icmpSize(6, udpSize(6, 0)));
        return;
    }
  }

  private probe(k: number): void {
    const { sim, pair, item } = this;
    const fam = pair.src.fam, port = item.ports[k]!;
    const f = item.proto === 'tcp'
      ? sim.tcp(pair.src, pair.dst, this.lease.port, port, SYN, probeSynSize(fam))
      : sim.udp(pair.src, pair.dst, this.lease.port, port, udpSize(fam, 0));
    if (f.delivered) {
      const a = sim.arrivedOf(f);
      const open = sim.listen.accepts(f.to, a.dst, a.dport);
      if (item.proto === 'tcp' || !open) {
        this.seen[k] = a;
        sim.at(sim.now + pair.latency, this, item.proto === 'udp' ? UNREACHABLE : open ? SYN_ACK : RST_ACK, k);
      }
    }
    if (k + 1 < item.ports.length) sim.at(this.t0 + (k + 1) / item.rate, this, PROBE, k + 1);
    else this.lease.release(sim.now);
  }
}
