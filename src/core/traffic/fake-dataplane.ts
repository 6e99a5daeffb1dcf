/**
 * A stand-in data plane for the simulator's tests: it delivers every packet
 * unless `drop` says otherwise, maps an interface's public address to its
 * private one on the way in and back on the way out (as an internet gateway
 * does), and treats the given addresses as AWS services. No filtering, no
 * observations.
 */
import type { Endpoint, Fate, Packet } from '../dataplane/packet.ts';
import type { Network } from '../model/network.ts';
import type { NetworkInterface } from '../model/types.ts';
import type { IpAddr } from '../net/ip.ts';
import type { DataPlane } from './dataplane.ts';

export class FakeDataPlane implements DataPlane {
  readonly sent: Packet[] = [];

  constructor(
    private readonly net: Network,
    public drop: (p: Packet) => boolean = () => false,
    private readonly awsServices: readonly string[] = [],
  ) {}

  send(p: Packet): Fate {
    this.sent.push(p);
    if (this.drop(p)) return { delivered: false, observations: [], decisions: [] };
    let arrived = p;
    let to: Endpoint;
    const own = this.holder(p.dst, false);
    const pub = own ? undefined : this.holder(p.dst, true);
    if (this.awsServices.includes(p.dst.text)) to = { kind: 'aws-service', what: p.dst.text };
    else if (own) to = { kind: 'eni', eni: own };
    else if (pub) {
      to = { kind: 'eni', eni: pub };
      arrived = { ...p, dst: pub.privateIps[0]! };
    } else {
      to = { kind: 'internet' };
      const from = this.holder(p.src, false);
      if (from?.publicIp && p.src.fam === 4) arrived = { ...p, src: from.publicIp };
    }
    return { delivered: true, to, arrived, observations: [], decisions: [] };
  }

  private holder(a: IpAddr, publicOnly: boolean): NetworkInterface | undefined {
    for (const e of this.net.interfaces.values()) {
      if (publicOnly ? e.publicIp === a : e.privateIps.includes(a) || e.ipv6Ips.includes(a)) return e;
    }
    return undefined;
  }
}
