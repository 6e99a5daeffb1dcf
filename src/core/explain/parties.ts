/**
 * Resolves explain's `--from`/`--to` the way traffic items name endpoints: a
 * template logical id (instance or network interface), a `hosts` name, or a
 * literal address. From outside the VPC an instance is reached at its public address.
 */
import { parseIp } from '../net/ip.ts';
import type { Network } from '../model/network.ts';
import type { NetworkInterface } from '../model/types.ts';
import { lookupLogical } from '../traffic/endpoints.ts';
import type { Party } from './types.ts';

export class UnknownEndpoint extends Error {}

/** The interface a name stands for, found as traffic items find theirs (an instance means its first interface). */
function byLogicalId(net: Network, name: string): NetworkInterface | undefined {
  const { instance, eni } = lookupLogical(net, name);
  return instance ? net.interfaces.get(instance.eniIds[0]!) : eni;
}

export function resolveParty(net: Network, hosts: Record<string, string>, name: string): Party {
  const eni = byLogicalId(net, name);
  if (eni) return { label: name, addr: eni.privateIps[0]!, eni };
  const text = hosts[name] ?? name;
  const addr = parseIp(text);
  if (!addr) {
    const known = [...[...net.instances.values()].map((i) => i.logicalId), ...[...net.interfaces.values()].map((e) => e.logicalId), ...Object.keys(hosts)].filter(Boolean);
    throw new UnknownEndpoint(`unknown endpoint "${name}": expected an instance or network interface logical id, a hosts name or an IP address (known: ${known.join(', ')})`);
  }
  const holder = [...net.interfaces.values()].find((e) => e.privateIps.includes(addr) || e.ipv6Ips.includes(addr));
  return { label: name, addr, eni: holder };
}

/** The destination as the source would address it: the public address when the source is outside the VPC. */
export function addressFor(from: Party, to: Party): Party {
  if (from.eni || !to.eni) return to;
  if (to.addr.fam === 4 && to.eni.publicIp) return { ...to, addr: to.eni.publicIp };
  return to;
}
