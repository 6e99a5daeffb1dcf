/**
 * The network compiled for the data plane: every interface with its subnet,
 * route table, ACL and unioned security-group rules, and address indexes.
 * Rebuilt only when the model's version moves.
 */
import type { IpAddr } from '../net/ip.ts';
import type { Decision } from './packet.ts';
import type { Network } from '../model/network.ts';
import type { NatGateway, NetworkInterface, Subnet, Vpc } from '../model/types.ts';
import { type CompiledNacl, compileNacl } from './nacl.ts';
import { type CompiledRouteTable, compileRouteTable } from './routing.ts';
import { type CompiledSgRule, type SgRuleList, compileSgRule, sgRuleList } from './security-group.ts';
import { reservedAddresses } from './aws-services.ts';
import { isNitro } from './nitro.ts';

export interface CompiledSubnet {
  subnet: Subnet;
  vpc: Vpc;
  nacl: CompiledNacl;
  routes: CompiledRouteTable;
  /** Private addresses of this subnet's VPC → interface. */
  privates: Map<IpAddr, CompiledEni>;
  /** AWS's own addresses as seen from this subnet (DNS, router, reserved), never filtered. */
  reserved: ReadonlyMap<IpAddr, string>;
}

export interface CompiledEni {
  eni: NetworkInterface;
  /** Stable small integer, for connection-tracking keys. */
  index: number;
  sub: CompiledSubnet;
  sgIn: SgRuleList;
  sgOut: SgRuleList;
  /** Set when the interface belongs to a NAT gateway. */
  nat: NatGateway | undefined;
  primary: IpAddr;
  /** Reused route-lookup results for traffic to this interface from its own subnet, or from another. */
  hopWithin: { kind: 'eni'; eni: CompiledEni; leaves: boolean; path: number };
  hopInto: { kind: 'eni'; eni: CompiledEni; leaves: boolean; path: number };
  /** The fate's `to` for packets delivered here (shared: endpoints are never modified). */
  endpoint: { kind: 'eni'; eni: NetworkInterface };
  /** On a Nitro instance (traffic-path codes 7 and 8 exist only there). */
  nitro: boolean;
  /** The security groups' deny decisions [inbound, outbound], made on first use (the engine's). */
  sgDenials: [Decision, Decision] | undefined;
}

export interface CompiledNetwork {
  version: number;
  enis: Map<string, CompiledEni>;
  /** Per VPC: private (and IPv6) address → interface. */
  privateByVpc: Map<string, Map<IpAddr, CompiledEni>>;
  /** Every private address of every VPC (the first VPC wins when ranges overlap): finds a packet's sender. */
  allPrivate: Map<IpAddr, CompiledEni>;
  /** Public IPv4 and IPv6 addresses reachable from the internet → interface. */
  public: Map<IpAddr, CompiledEni>;
  /** VPC → attached internet gateway id. */
  igwOf: Map<string, string>;
  subnets: Map<string, CompiledSubnet>;
  nats: Map<string, NatGateway>;
}

export function compileNetwork(net: Network, indexOf: (eniId: string) => number): CompiledNetwork {
  const members = new Map<string, Set<IpAddr>>();
  for (const e of net.interfaces.values()) {
    for (const g of e.groups) {
      let s = members.get(g);
      if (!s) members.set(g, (s = new Set()));
      for (const a of e.privateIps) s.add(a);
      for (const a of e.ipv6Ips) s.add(a);
    }
  }
  const membersOf = (g: string): ReadonlySet<IpAddr> => members.get(g) ?? new Set();
  const nacls = new Map<string, CompiledNacl>();
  for (const a of net.networkAcls.values()) nacls.set(a.id, compileNacl(a));
  const tables = new Map<string, CompiledRouteTable>();
  for (const t of net.routeTables.values()) tables.set(t.id, compileRouteTable(t));
  const privateByVpc = new Map<string, Map<IpAddr, CompiledEni>>();
  const privateMapOf = (vpcId: string) => {
    let m = privateByVpc.get(vpcId);
    if (!m) privateByVpc.set(vpcId, (m = new Map()));
    return m;
  };
  const subnets = new Map<string, CompiledSubnet>();
  for (const s of net.subnets.values()) {
    const vpc = net.vpcs.get(s.vpcId)!;
    subnets.set(s.id, { subnet: s, vpc, nacl: nacls.get(s.networkAclId)!, routes: tables.get(s.routeTableId ?? vpc.mainRouteTableId)!, reserved: reservedAddresses(vpc, s), privates: privateMapOf(s.vpcId) });
  }
  const natByEni = new Map<string, NatGateway>();
  const nats = new Map<string, NatGateway>();
  for (const g of net.natGateways.values()) {
    if (g.state !== 'available') continue;
    natByEni.set(g.eniId, g);
    nats.set(g.id, g);
  }
  const enis = new Map<string, CompiledEni>();
  const pub = new Map<IpAddr, CompiledEni>();
  const allPrivate = new Map<IpAddr, CompiledEni>();
  // Interfaces with the same groups (in the same order) share their compiled rule lists: the lists only read the groups.
  const listsOf = new Map<string, { sgIn: SgRuleList; sgOut: SgRuleList }>();
  for (const e of net.interfaces.values()) {
    const sub = subnets.get(e.subnetId);
    if (!sub || e.privateIps.length === 0) continue;
    const groupsKey = e.groups.join(' ');
    let lists = listsOf.get(groupsKey);
    if (!lists) {
      const sgIn: CompiledSgRule[] = [], sgOut: CompiledSgRule[] = [];
      for (const gid of e.groups) {
        const g = net.securityGroups.get(gid);
        if (!g) continue;
        for (const r of g.ingress) sgIn.push(compileSgRule(g.id, r, membersOf));
        for (const r of g.egress) sgOut.push(compileSgRule(g.id, r, membersOf));
      }
      listsOf.set(groupsKey, (lists = { sgIn: sgRuleList(sgIn), sgOut: sgRuleList(sgOut) }));
    }
    const c = { eni: e, index: indexOf(e.id), sub, sgIn: lists.sgIn, sgOut: lists.sgOut, nat: natByEni.get(e.id), primary: e.privateIps[0]!, nitro: isNitro(net, e), sgDenials: undefined } as CompiledEni;
    c.hopWithin = { kind: 'eni', eni: c, leaves: false, path: 1 };
    c.hopInto = { kind: 'eni', eni: c, leaves: true, path: 1 };
    c.endpoint = { kind: 'eni', eni: e };
    enis.set(e.id, c);
    const m = privateMapOf(e.vpcId);
    for (const a of [...e.privateIps, ...e.ipv6Ips]) {
      m.set(a, c);
      if (!allPrivate.has(a)) allPrivate.set(a, c);
    }
    for (const a of e.ipv6Ips) pub.set(a, c);
    if (e.publicIp) pub.set(e.publicIp, c);
  }
  const igwOf = new Map<string, string>();
  for (const g of net.internetGateways.values()) if (g.vpcId) igwOf.set(g.vpcId, g.id);
  return { version: net.version, enis, privateByVpc, allPrivate, public: pub, igwOf, subnets, nats };
}

/** The interface holding a private address, searching every VPC (first match wins when ranges overlap). */
export function findPrivate(c: CompiledNetwork, addr: IpAddr): CompiledEni | undefined {
  return c.allPrivate.get(addr);
}
