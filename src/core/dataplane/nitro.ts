/**
 * Whether an interface sits on a Nitro instance. AWS reports some traffic-path
 * values only for Nitro (8 for an internet gateway, 7 for a gateway endpoint);
 * almost every current type is Nitro, so only the older Xen families are listed.
 */
import type { Network } from '../model/network.ts';
import type { NetworkInterface } from '../model/types.ts';

const XEN_FAMILIES = new Set(['t1', 't2', 'm1', 'm2', 'm3', 'm4', 'c1', 'c3', 'c4', 'r3', 'r4', 'x1', 'x1e', 'i2', 'i3', 'd2', 'h1', 'g2', 'g3', 'p2', 'p3', 'f1']);

export function isNitroType(instanceType: string): boolean {
  const family = instanceType.split('.')[0] ?? '';
  return !XEN_FAMILIES.has(family);
}

export function isNitro(net: Network, eni: NetworkInterface): boolean {
  if (!eni.instanceId) return false;
  const inst = net.instances.get(eni.instanceId);
  return inst !== undefined && isNitroType(inst.instanceType);
}
