/**
 * `from`, `to` and `listen` keys name an endpoint: an instance or network
 * interface of the template (by logical id, or by its `i-…`/`eni-…` id), a
 * name from `hosts`, or a literal IP address.
 */
import type { Network } from '../model/network.ts';
import { parseIp } from '../net/ip.ts';
import { describeValue } from './describe.ts';
import { type Origin, errorAt } from './origin.ts';
import type { Path } from './path.ts';
import { didYouMean } from './suggest.ts';
import type { EndpointRef } from './types.ts';

export const ENDPOINT_TYPES = ['AWS::EC2::Instance', 'AWS::EC2::NetworkInterface'];

const EXPECTED = 'an instance or network interface of the template, a name from hosts, or an IP address';

export function resolveEndpoint(v: unknown, path: Path, origin: Origin, hosts: Record<string, string>, net: Network): EndpointRef {
  if (typeof v !== 'string' || v === '') throw errorAt(origin, path, EXPECTED, describeValue(v));
  const host = hosts[v];
  if (host !== undefined) return { kind: 'host', name: v, address: host };
  const logical = net.logical.get(v);
  if (logical && ENDPOINT_TYPES.includes(logical.type)) return { kind: 'logical', logicalId: v };
  if (logical) throw errorAt(origin, path, EXPECTED, `"${v}", which is an ${logical.type}`);
  // An id of the network's own instances and interfaces works as well (networks built through the API have no logical ids).
  if (net.instances.has(v) || net.interfaces.has(v)) return { kind: 'logical', logicalId: v };
  const ip = parseIp(v);
  if (ip) return { kind: 'address', address: ip.text };
  const names = [...Object.keys(hosts), ...[...net.logical].filter(([, e]) => ENDPOINT_TYPES.includes(e.type)).map(([k]) => k)];
  throw errorAt(origin, path, EXPECTED, `"${v}"${didYouMean(v, names)}`);
}

/** A host name must not hide an instance or interface of the same name. */
export function checkHostName(name: string, path: Path, origin: Origin, net: Network): void {
  const logical = net.logical.get(name);
  if (logical && ENDPOINT_TYPES.includes(logical.type)) {
    throw errorAt(origin, path, 'a host name different from every instance and interface of the template', `"${name}", also the logical id of an ${logical.type}`);
  }
}

export function endpointKey(e: EndpointRef): string {
  return e.kind === 'logical' ? `logical:${e.logicalId}` : e.kind === 'host' ? `host:${e.name}` : `address:${e.address}`;
}
