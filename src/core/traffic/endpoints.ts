/**
 * Turning a traffic item's `from` and `to` into the addresses its first packet
 * carries. Done when each repetition starts, so configuration changes made
 * before it (an Elastic IP associated, an interface attached) are seen.
 */
import { cidrContains } from '../net/cidr.ts';
import { type Family, type IpAddr, parseIp } from '../net/ip.ts';
import type { Network } from '../model/network.ts';
import type { Instance, NetworkInterface } from '../model/types.ts';
import type { EndpointRef, TrafficItem } from '../scenario/types.ts';
import { LATENCY_IN_VPC, LATENCY_INTERNET } from './constants.ts';
import { TrafficError } from './errors.ts';

export interface ResolvedPair {
  src: IpAddr;
  dst: IpAddr;
  /** The interfaces that hold the addresses, when they are in the modelled network. */
  srcEni?: NetworkInterface | undefined;
  dstEni?: NetworkInterface | undefined;
  /** One-way delay between the two ends. */
  latency: number;
}

/** One end before the address family is known. */
interface End {
  role: 'from' | 'to';
  name: string;
  eni?: NetworkInterface | undefined;
  /** An address the item wrote (literally or through `hosts`); undefined for a logical id. */
  fixed?: IpAddr | undefined;
}

export function resolvePair(item: TrafficItem, net: Network): ResolvedPair {
  const from = classify(item.from, 'from', net, item.place);
  const to = classify(item.to, 'to', net, item.place);
  const fail = (detail: string): never => { throw new TrafficError(item.place, detail); };
  if (!from.eni && !to.eni) fail(`neither ${from.name} nor ${to.name} is an interface of the network, so no flow log could see this traffic`);
  if (from.eni && from.eni === to.eni) fail(`${from.name} and ${to.name} are the same network interface (${from.eni.id})`);
  if (from.fixed && to.fixed && from.fixed.fam !== to.fixed.fam) {
    fail(`${from.name} is an IPv${from.fixed.fam} address and ${to.name} an IPv${to.fixed.fam} one`);
  }
  const fam: Family = from.fixed?.fam ?? to.fixed?.fam ?? 4;
  const src = from.fixed ?? ownAddress(from, fam, item.place);
  const sameVpc = from.eni !== undefined && to.eni?.vpcId === from.eni.vpcId;
  const dst = to.fixed ?? (sameVpc || fam === 6 ? ownAddress(to, fam, item.place) : publicAddress(to, from, item.place));
  const near = (e: End, a: IpAddr) => e.eni !== undefined || isAwsNear(a, net);
  return {
    src, dst, srcEni: from.eni, dstEni: to.eni,
    latency: near(from, src) && near(to, dst) ? LATENCY_IN_VPC : LATENCY_INTERNET,
  };
}

function classify(ref: EndpointRef, role: End['role'], net: Network, place: string): End {
  if (ref.kind === 'logical') return { role, name: ref.logicalId, eni: interfaceOf(net, ref.logicalId, role, place) };
  const text = ref.address;
  const name = ref.kind === 'host' ? `${ref.name} (${text})` : text;
  const a = parseIp(text);
  if (!a) throw new TrafficError(place, `${role}: ${JSON.stringify(text)} is not an IP address`);
  return { role, name, eni: holderOf(net, a), fixed: a };
}

/**
 * What a template logical id names, among instances and interfaces. An
 * instance or interface id (`i-…`, `eni-…`) names itself, so networks built
 * through the API, which have no logical ids, can be addressed too.
 */
export function lookupLogical(net: Network, logicalId: string): { instance?: Instance; eni?: NetworkInterface; type?: string } {
  const entry = net.logical.get(logicalId);
  const pid = entry?.physicalId ?? logicalId;
  const instance = (pid !== undefined ? net.instances.get(pid) : undefined) ??
    [...net.instances.values()].find((i) => i.logicalId === logicalId);
  if (instance) return { instance };
  const eni = (pid !== undefined ? net.interfaces.get(pid) : undefined) ??
    [...net.interfaces.values()].find((e) => e.logicalId === logicalId);
  if (eni) return { eni };
  return { type: entry?.type };
}

/** The interface a logical id names: the interface itself, or an instance's primary interface. */
function interfaceOf(net: Network, logicalId: string, role: string, place: string): NetworkInterface {
  const { instance: inst, eni, type } = lookupLogical(net, logicalId);
  if (inst) {
    if (inst.state !== 'running') throw new TrafficError(place, `${role}: instance ${logicalId} (${inst.id}) is ${inst.state}`);
    const enis = inst.eniIds.map((id) => net.interfaces.get(id)).filter((e): e is NetworkInterface => e !== undefined);
    const primary = enis.find((e) => e.deviceIndex === 0) ?? enis[0];
    if (!primary) throw new TrafficError(place, `${role}: instance ${logicalId} (${inst.id}) has no network interface`);
    return primary;
  }
  if (eni) return eni;
  if (type) throw new TrafficError(place, `${role}: ${logicalId} is a ${type}, not an instance or a network interface`);
  throw new TrafficError(place, `${role}: no instance, network interface or host is named ${logicalId}`);
}

/** The interface that holds an address (private, IPv6 or public), if any. */
function holderOf(net: Network, a: IpAddr): NetworkInterface | undefined {
  for (const e of net.interfaces.values()) {
    if (e.publicIp === a) return e;
    for (const p of a.fam === 4 ? e.privateIps : e.ipv6Ips) if (p === a) return e;
  }
  return undefined;
}

function ownAddress(e: End, fam: Family, place: string): IpAddr {
  const eni = e.eni!;
  const a = fam === 4 ? eni.privateIps[0] : eni.ipv6Ips[0];
  if (!a) throw new TrafficError(place, `${e.role}: ${e.name} (${eni.id}) has no IPv${fam} address, and the other end is IPv${fam}`);
  return a;
}

function publicAddress(to: End, from: End, place: string): IpAddr {
  const eni = to.eni!;
  if (!eni.publicIp) {
    throw new TrafficError(place, `to: ${to.name} (${eni.id}) has no public IPv4 address, so ${from.name}, outside its VPC, has no address to reach it at`);
  }
  return eni.publicIp;
}

/** AWS's own services answer from link-local addresses or the VPC's base+2, at in-VPC distances. */
function isAwsNear(a: IpAddr, net: Network): boolean {
  if (a.fam === 4 && (a.w3 >>> 16) === ((169 << 8) | 254)) return true;
  if (a.fam === 6 && a.w0 === 0xfd000ec2) return true;
  for (const v of net.vpcs.values()) for (const c of v.cidrs) if (cidrContains(c, a)) return true;
  return false;
}
