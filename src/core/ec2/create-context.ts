/** The standard Ec2Context: seeded ids and public addresses, a caller-supplied clock. */
import { type IdKind, SeededIds } from '../model/ids.ts';
import type { Network } from '../model/network.ts';
import { publicIpFor } from '../model/public-ips.ts';
import type { Ec2Context } from './context.ts';

export function createEc2Context(net: Network, seed: string | number, now: () => number): Ec2Context & { ids: SeededIds } {
  const ids = new SeededIds(seed);
  const usedPublic = new Set<string>();
  return {
    net, ids, now,
    newId: (kind: IdKind, key: string) => ids.id(kind, key),
    newPublicIp: (key: string) => {
      const taken = (a: { text: string }) =>
        usedPublic.has(a.text) || [...net.interfaces.values()].some((e) => e.publicIp?.text === a.text) ||
        [...net.addresses.values()].some((x) => x.publicIp.text === a.text);
      const a = publicIpFor(seed, net.region, key, taken);
      usedPublic.add(a.text);
      return a;
    },
  };
}
