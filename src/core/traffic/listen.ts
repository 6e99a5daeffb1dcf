/**
 * The scenario's `listen` map: the only TCP ports an endpoint answers on.
 * Keys are resolved once, to an instance, an interface or an address; lookups
 * go by where the data plane delivered the packet, so they follow interfaces
 * attached later and addresses after translation.
 */
import { type IpAddr, parseIp } from '../net/ip.ts';
import type { Endpoint } from '../dataplane/packet.ts';
import type { Network } from '../model/network.ts';
import { lookupLogical } from './endpoints.ts';
import { TrafficError } from './errors.ts';

export class ListenTable {
  private readonly byInstance = new Map<string, Set<number>>();
  private readonly byEni = new Map<string, Set<number>>();
  private readonly byAddress = new Map<IpAddr, Set<number>>();

  constructor(listen: Record<string, number[]>, hosts: Record<string, string>, net: Network) {
    this.add(listen, hosts, net);
  }

  /** More entries (the live server takes them with each traffic request); ports add to those already listed. */
  add(listen: Record<string, number[]>, hosts: Record<string, string>, net: Network): void {
    for (const [key, ports] of Object.entries(listen)) {
      const { instance, eni } = lookupLogical(net, key);
      if (instance) { add(this.byInstance, instance.id, ports); continue; }
      if (eni) { add(this.byEni, eni.id, ports); continue; }
      const a = parseIp(hosts[key] ?? key);
      if (!a) throw new TrafficError(`listen.${key}`, `no instance, network interface or host is named ${key}, and it is not an IP address`);
      add(this.byAddress, a, ports);
    }
  }

  /** Whether whatever received a packet for `dst`:`port` answers on that port. */
  accepts(to: Endpoint | undefined, dst: IpAddr, port: number): boolean {
    const eni = to?.kind === 'eni' ? to.eni : undefined;
    const lists = [
      eni && this.byEni.get(eni.id),
      eni?.instanceId !== undefined ? this.byInstance.get(eni.instanceId) : undefined,
      this.byAddress.get(dst),
    ].filter((s): s is Set<number> => s !== undefined);
    // Not in `listen` at all: it answers on every port.
    return lists.length === 0 || lists.some((s) => s.has(port));
  }
}

function add<K>(m: Map<K, Set<number>>, k: K, ports: number[]): void {
  const s = m.get(k) ?? new Set<number>();
  for (const p of ports) s.add(p);
  m.set(k, s);
}
