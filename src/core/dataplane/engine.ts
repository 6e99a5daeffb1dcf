/**
 * The data plane: decides, packet by packet, what AWS would do, in AWS's order —
 * source security groups (egress), route lookup, source subnet ACL (outbound)
 * when leaving the subnet, internet gateway / NAT gateway translation,
 * destination subnet ACL (inbound) when entering a subnet, destination security
 * groups (ingress) — and reports what every interface on the way observed.
 */
import { cidrContains } from '../net/cidr.ts';
import type { IpAddr } from '../net/ip.ts';
import { FIN, RST, TCP, UDP } from '../net/protocol.ts';
import type { Network } from '../model/network.ts';
import type { Route } from '../model/types.ts';
import { awsServiceAt } from './aws-services.ts';
import { type CompiledEni, type CompiledNetwork, type CompiledSubnet, compileNetwork, findPrivate } from './compile.ts';
import { ConnTrack, NO_ENTRY } from './conntrack.ts';
import { NACL_DEFAULT_RULE_V4, NACL_DEFAULT_RULE_V6, type NaclRuleList, matchNacl } from './nacl.ts';
import { NatTable } from './nat-table.ts';
import type { Decision, Direction, Endpoint, Fate, FlowRef, Observation, Packet } from './packet.ts';
import { lookupRoute } from './routing.ts';
import { type CompiledSgRule, allowsAllTraffic, matchSg } from './security-group.ts';
import { NO_DECISIONS, Walk } from './walk.ts';

export interface EngineOptions {
  /**
   * Fates of the common ways (see plan) are the same few objects every time,
   * refilled by each send, and their observations are one per ref, refilled
   * with each packet's time, bytes and flags: a caller that is done with a
   * fate (and its observations) before its next send spares the collector
   * four objects a packet. The packets in them (`arrived`) are never reused.
   */
  reuseFates?: boolean | undefined;
}

export interface SendOptions {
  /** Record every decision, not only the blocking ones (explain). */
  trace?: boolean;
  /** Go on past blockers, collecting all of them (explain's "as if lifted"). */
  probe?: boolean;
}

/** Where a packet goes next from a subnet, after the route lookup. */
type Hop =
  | { kind: 'eni'; eni: CompiledEni; leaves: boolean; path: number }
  | { kind: 'igw'; id: string; leaves: true; path: number }
  | { kind: 'external'; leaves: true; path: number | undefined }
  | { kind: 'nowhere'; leaves: boolean; path: number };

const MAX_HOPS = 8;

/**
 * What `plan` found for one flow (a `FlowCache.path`): valid while the network
 * is compiled the same and the packet has the same addresses, protocol, ports
 * and ICMP type/code. `to` is set only for the simple, common way (see plan).
 */
interface PathMemo {
  net: CompiledNetwork;
  src: IpAddr;
  dst: IpAddr;
  protocol: number;
  sport: number;
  dport: number;
  icmpType: number;
  icmpCode: number;
  kind: PathKind;
  /** The sending interface (LOCAL, TO_IGW) and the receiving one (LOCAL, FROM_IGW). */
  from: CompiledEni | undefined;
  to: CompiledEni | undefined;
  /** IPv4 through the internet gateway: the public source (TO_IGW) or the private destination (FROM_IGW). */
  translated: IpAddr | undefined;
  /** The egress traffic-path code. */
  path: number;
  /** The observations' refs: egress ACCEPT, egress REJECT, ingress ACCEPT, ingress REJECT (made on first use). */
  refs: (FlowRef | undefined)[];
  /**
   * With reuseFates, the observation of each ref, made once: a ref's observations
   * differ only in time, bytes and TCP flags, which each packet sets.
   */
  seen: (Observation | undefined)[];
}

type PathKind = 0 | 1 | 2 | 3;
const OTHER = 0, LOCAL = 1, TO_IGW = 2, FROM_IGW = 3;

/** Shared by every fate delivered to the internet (endpoints are never modified). */
const INTERNET: Endpoint = { kind: 'internet' };

function naclAllows(list: NaclRuleList, remote: IpAddr, p: Packet): boolean {
  const i = matchNacl(list, remote, p.protocol, p.dport, p.icmpType, p.icmpCode);
  return i >= 0 && list.rules[i]!.allow;
}

function sameFlow(m: PathMemo, c: CompiledNetwork, p: Packet): boolean {
  return m.net === c && m.src === p.src && m.dst === p.dst && m.protocol === p.protocol && m.sport === p.sport &&
    m.dport === p.dport && m.icmpType === p.icmpType && m.icmpCode === p.icmpCode;
}

export class Engine {
  private compiledNet: CompiledNetwork | undefined;
  private readonly indexes = new Map<string, number>();
  readonly conntrack = new ConnTrack();
  readonly natTable = new NatTable();
  /**
   * The time of the packet being sent (every packet a send derives from it has
   * the same): read from here, not from the packets, whose shapes vary (a copy
   * made by translation) and whose double field a varying load boxes anew each
   * time. It is the connection table's clock, which `advance` reads.
   */
  private readonly clock: Float64Array;
  /** With reuseFates: the fates `direct` refills, with one observation and with two. */
  private readonly fate1: Fate | undefined;
  private readonly fate2: Fate | undefined;

  constructor(readonly net: Network, opts: EngineOptions = {}) {
    this.clock = this.conntrack.clock;
    if (opts.reuseFates) {
      // Placeholders until the first send fills them.
      this.fate1 = { delivered: false, to: undefined, arrived: undefined, observations: [], decisions: NO_DECISIONS, blockedBy: undefined };
      this.fate2 = { delivered: false, to: undefined, arrived: undefined, observations: [], decisions: NO_DECISIONS, blockedBy: undefined };
    }
  }

  compiled(): CompiledNetwork {
    if (!this.compiledNet || this.compiledNet.version !== this.net.version) {
      this.compiledNet = compileNetwork(this.net, (id) => {
        let i = this.indexes.get(id);
        if (i === undefined) this.indexes.set(id, (i = this.indexes.size + 1));
        return i;
      });
    }
    return this.compiledNet;
  }

  /** Forgets all connection and NAT state (explain starts each question afresh). */
  reset(): void {
    this.conntrack.clear();
    this.natTable.clear();
  }

  send(p: Packet, opts?: SendOptions): Fate {
    this.clock[0] = p.time;
    const c = this.compiled();
    const flow = p.flow;
    if (flow !== undefined && (opts === undefined || (!opts.trace && !opts.probe))) {
      // A flow's stateless decisions come from a memo (see plan), made by its first packet: planning costs what
      // the full walk's stateless part costs, and the first packet's observations then carry refs too.
      let m = flow.path as PathMemo | undefined;
      if (m === undefined || !sameFlow(m, c, p)) flow.path = m = this.plan(c, p);
      if (m.kind !== OTHER) return this.direct(m, p);
    }
    const w = new Walk(opts?.trace ?? false, opts?.probe ?? false);
    const src = findPrivate(c, p.src);
    if (src) this.fromInterface(c, w, src, p);
    else this.fromOutside(c, w, p);
    return w.fate();
  }

  /**
   * The stateless part of the way of a packet like `p`, for the common ways:
   * - LOCAL: from one interface to another of the same VPC by the local route;
   * - TO_IGW: from an interface to the internet through the attached internet gateway;
   * - FROM_IGW: from the internet to an interface's public address, replies routed back the same way;
   * each through network ACLs that allow it. `direct` then replays the walk
   * with only the security groups (stateful) evaluated. Anything else (AWS
   * services, NAT, middleboxes, ACL denies, missing routes) is OTHER and takes
   * the full walk.
   */
  private plan(c: CompiledNetwork, p: Packet): PathMemo {
    const m: PathMemo = {
      net: c, src: p.src, dst: p.dst, protocol: p.protocol, sport: p.sport, dport: p.dport, icmpType: p.icmpType, icmpCode: p.icmpCode,
      kind: OTHER, from: undefined, to: undefined, translated: undefined, path: 1, refs: [undefined, undefined, undefined, undefined],
      seen: [undefined, undefined, undefined, undefined],
    };
    const s = findPrivate(c, p.src);
    if (!s) return this.planFromInternet(c, p, m);
    if (awsServiceAt(s.sub.reserved, p.dst, p.protocol, p.dport, p.sport)) return m;
    const route = lookupRoute(s.sub.routes, p.dst);
    if (!route) return m;
    const t = route.target;
    if (t.kind === 'local') {
      const d = s.sub.privates.get(p.dst);
      if (!d || d.nat || !isOwn(d, p.dst)) return m;
      if (d.sub !== s.sub && (!naclAllows(s.sub.nacl.outbound, p.dst, p) || !naclAllows(d.sub.nacl.inbound, p.src, p))) return m;
      m.kind = LOCAL;
      m.from = s;
      m.to = d;
      return m;
    }
    if (t.kind === 'igw') {
      if (c.igwOf.get(s.sub.vpc.id) !== t.id || !naclAllows(s.sub.nacl.outbound, p.dst, p)) return m;
      // As toInternet: IPv4 leaves with the interface's public address, or not at all.
      if (p.src.fam === 4) {
        if (s.nat) return m;
        const src = p.src !== s.primary && !s.eni.privateIps.includes(p.src) ? s.primary : p.src;
        if (src !== s.primary || !s.eni.publicIp) return m;
        m.translated = s.eni.publicIp;
      }
      m.kind = TO_IGW;
      m.from = s;
      m.path = s.nitro ? 8 : 2;
      return m;
    }
    return m;
  }

  /** As fromOutside, for a packet from an address no interface holds. */
  private planFromInternet(c: CompiledNetwork, p: Packet, m: PathMemo): PathMemo {
    const direct = findPrivate(c, p.dst);
    if (direct && awsServiceAt(direct.sub.reserved, p.src, p.protocol, p.sport, p.dport)) return m;
    const d = c.public.get(p.dst);
    if (!d || d.nat) return m;
    const igw = c.igwOf.get(d.sub.vpc.id);
    if (!igw) return m;
    const back = lookupRoute(d.sub.routes, p.src);
    if (!back || back.target.kind !== 'igw' || back.target.id !== igw) return m;
    if (!naclAllows(d.sub.nacl.inbound, p.src, p)) return m;
    const dst = p.dst.fam === 4 ? d.primary : p.dst;
    if (!isOwn(d, dst)) return m;
    m.kind = FROM_IGW;
    m.to = d;
    m.translated = p.dst.fam === 4 ? d.primary : undefined;
    return m;
  }

  /**
   * The walk of a planned packet: the same observations and outcome as the
   * full walk, without a Walk (no trace, no probe: a deny ends it).
   */
  private direct(m: PathMemo, p: Packet): Fate {
    if (m.kind === FROM_IGW) {
      const d = m.to!;
      const q: Packet = m.translated !== undefined ? { ...p, dst: m.translated } : p;
      if (this.sgVerdict(d, q, false, false) === SG_DENIED) {
        return this.fateOf(false, undefined, undefined, sgDenial(d, false), this.seen(m, 3, d, 'ingress', false, q, undefined));
      }
      return this.fateOf(true, d.endpoint, q, undefined, this.seen(m, 2, d, 'ingress', true, q, undefined));
    }
    const s = m.from!;
    if (this.sgVerdict(s, p, true, false) === SG_DENIED) {
      return this.fateOf(false, undefined, undefined, sgDenial(s, true), this.seen(m, 1, s, 'egress', false, p, m.path));
    }
    if (m.kind === TO_IGW) {
      const arrived: Packet = m.translated !== undefined ? { ...p, src: m.translated } : p;
      return this.fateOf(true, INTERNET, arrived, undefined, this.seen(m, 0, s, 'egress', true, p, m.path));
    }
    const d = m.to!;
    const egress = this.seen(m, 0, s, 'egress', true, p, m.path);
    const denied = this.sgVerdict(d, p, false, false) === SG_DENIED;
    const ingress = this.seen(m, denied ? 3 : 2, d, 'ingress', !denied, p, undefined);
    const f = this.fate2;
    if (f === undefined) {
      return denied
        ? { delivered: false, to: undefined, arrived: undefined, observations: [egress, ingress], decisions: NO_DECISIONS, blockedBy: sgDenial(d, false) }
        : { delivered: true, to: d.endpoint, arrived: p, observations: [egress, ingress], decisions: NO_DECISIONS, blockedBy: undefined };
    }
    f.observations[0] = egress;
    f.observations[1] = ingress;
    f.delivered = !denied;
    f.to = denied ? undefined : d.endpoint;
    f.arrived = denied ? undefined : p;
    f.blockedBy = denied ? sgDenial(d, false) : undefined;
    return f;
  }

  /** The observation of ref `k` of memo `m` for packet `q`: made, or (reuseFates) the ref's own with this packet's numbers. */
  private seen(m: PathMemo, k: number, e: CompiledEni, direction: Direction, ok: boolean, q: Packet, path: number | undefined): Observation {
    if (this.fate1 === undefined) return observation(e, direction, ok, q, path, m.refs[k] ??= { cache: undefined });
    let o = m.seen[k];
    if (o === undefined) {
      m.seen[k] = o = observation(e, direction, ok, q, path, m.refs[k] ??= { cache: undefined });
    } else {
      o.time = this.clock[0]!;
      o.bytes = q.size;
      o.tcpFlags = q.flags;
    }
    return o;
  }

  /** A fate with one observation, made or (reuseFates) refilled. */
  private fateOf(delivered: boolean, to: Endpoint | undefined, arrived: Packet | undefined, blockedBy: Decision | undefined, o: Observation): Fate {
    const f = this.fate1;
    if (f === undefined) return { delivered, to, arrived, observations: [o], decisions: NO_DECISIONS, blockedBy };
    f.observations[0] = o;
    f.delivered = delivered;
    f.to = to;
    f.arrived = arrived;
    f.blockedBy = blockedBy;
    return f;
  }

  private fromInterface(c: CompiledNetwork, w: Walk, s: CompiledEni, p: Packet): void {
    const svc = awsServiceAt(s.sub.reserved, p.dst, p.protocol, p.dport, p.sport);
    if (svc) {
      if (w.trace) w.note({ type: 'aws-service', id: svc, verdict: 'allow', reason: `${svc} at ${p.dst.text}: never filtered, never logged` });
      w.deliver({ kind: 'aws-service', what: svc }, p);
      return;
    }
    this.leave(c, w, s, p, true);
  }

  /** A packet leaving interface `s`: egress security groups, route, outbound ACL, observation, onward. */
  private leave(c: CompiledNetwork, w: Walk, s: CompiledEni, q: Packet, ownTraffic: boolean): void {
    const hop = this.nextHop(c, w, s.sub, q, s);
    if (!hop) return;
    let ok = true;
    if (ownTraffic || !s.nat) ok = this.sgCheck(w, s, q, 'out', hop.kind === 'eni' && hop.eni.nat !== undefined);
    // The route was looked up first (it decides tracking), but reads better after the group, as AWS evaluates.
    if (w.pendingRoute) { w.note(w.pendingRoute); w.pendingRoute = undefined; }
    if (!ok && !w.probe) { this.observe(w, s, 'egress', false, q, hop.path); return; }
    if (hop.leaves && !this.naclCheck(w, s.sub, q, 'out')) {
      ok = false;
      if (!w.probe) { this.observe(w, s, 'egress', false, q, hop.path); return; }
    }
    this.observe(w, s, 'egress', ok, q, hop.path);
    this.forward(c, w, s, hop, q);
  }

  private forward(c: CompiledNetwork, w: Walk, from: CompiledEni, hop: Hop, q: Packet): void {
    if (++w.hops > MAX_HOPS) {
      w.deny({ type: 'route', id: from.sub.routes.id, verdict: 'deny', reason: 'routing loop: too many hops', code: 'routing-loop' });
      return;
    }
    switch (hop.kind) {
      case 'eni': this.arrive(c, w, hop.eni, q, from.sub); return;
      case 'igw': this.toInternet(w, from, hop.id, q); return;
      case 'external': w.deliver(INTERNET, q); return;
      case 'nowhere':
        w.deny({ type: 'interface', id: q.dst.text, verdict: 'deny', reason: `no interface in ${from.sub.vpc.id} has the address ${q.dst.text}`, code: 'no-interface' });
        return;
    }
  }

  private nextHop(c: CompiledNetwork, w: Walk, sub: CompiledSubnet, q: Packet, self: CompiledEni): Hop | undefined {
    const route = lookupRoute(sub.routes, q.dst);
    const vpcId = sub.vpc.id;
    if (!route) return this.blackhole(c, w, sub, q, `route table ${sub.routes.id} has no route to ${q.dst.text}`, 'no-route');
    if (w.trace) w.pendingRoute = { type: 'route', id: sub.routes.id, verdict: 'allow', reason: `${route.dest.text} → ${describeTarget(route)}` };
    const t = route.target;
    switch (t.kind) {
      case 'local': {
        const d = sub.privates.get(q.dst);
        if (!d) return { kind: 'nowhere', leaves: !cidrContains(sub.subnet.cidr, q.dst), path: 1 };
        return d.sub === sub ? d.hopWithin : d.hopInto;
      }
      case 'igw':
        if (c.igwOf.get(vpcId) !== t.id) return this.blackhole(c, w, sub, q, `route ${route.dest.text} → ${t.id} is a blackhole: the internet gateway is not attached to ${vpcId}`);
        return { kind: 'igw', id: t.id!, leaves: true, path: self.nitro ? 8 : 2 };
      case 'nat': {
        const nat = c.nats.get(t.id!);
        const n = nat && c.enis.get(nat.eniId);
        if (!n) return this.blackhole(c, w, sub, q, `route ${route.dest.text} → ${t.id} is a blackhole: the NAT gateway no longer exists`);
        return { kind: 'eni', eni: n, leaves: n.sub !== sub, path: 1 };
      }
      case 'eni': case 'instance': {
        const eniId = t.kind === 'eni' ? t.id! : this.net.instances.get(t.id!)?.eniIds[0];
        const e = eniId ? c.enis.get(eniId) : undefined;
        if (!e) return this.blackhole(c, w, sub, q, `route ${route.dest.text} → ${t.id} is a blackhole: the target is gone`);
        return { kind: 'eni', eni: e, leaves: e.sub !== sub, path: 1 };
      }
      case 'vgw': return { kind: 'external', leaves: true, path: 3 };
      case 'pcx': return { kind: 'external', leaves: true, path: 4 };
      case 'vpce': return { kind: 'external', leaves: true, path: self.nitro ? 7 : 2 };
      case 'eigw': return { kind: 'external', leaves: true, path: 2 };
      case 'tgw': return { kind: 'external', leaves: true, path: 1 };
      default: return { kind: 'external', leaves: true, path: undefined };
    }
  }

  private blackhole(c: CompiledNetwork, w: Walk, sub: CompiledSubnet, q: Packet, why: string, code: 'no-route' | 'blackhole' = 'blackhole'): Hop | undefined {
    if (w.deny({ type: 'route', id: sub.routes.id, verdict: 'deny', reason: why, code })) return this.assumedHop(c, sub, q);
    return undefined;
  }

  /** With blockers lifted (explain), a missing route is read as the route the user most likely meant. */
  private assumedHop(c: CompiledNetwork, sub: CompiledSubnet, q: Packet): Hop | undefined {
    const inVpc = [...sub.vpc.cidrs, ...sub.vpc.ipv6Cidrs].some((b) => cidrContains(b, q.dst));
    if (inVpc) {
      const d = c.privateByVpc.get(sub.vpc.id)?.get(q.dst);
      return d ? { kind: 'eni', eni: d, leaves: d.sub !== sub, path: 1 } : undefined;
    }
    const igw = c.igwOf.get(sub.vpc.id);
    return igw ? { kind: 'igw', id: igw, leaves: true, path: 2 } : undefined;
  }

  private toInternet(w: Walk, from: CompiledEni, igwId: string, q: Packet): void {
    let out = q;
    if (q.src.fam === 4) {
      // The internet gateway maps a private address to its public one 1:1; without a mapping the packet goes nowhere.
      let src = q.src;
      if (src !== from.primary && !from.eni.privateIps.includes(src) && !from.nat) {
        src = from.primary; // a forwarding instance (NAT instance) masquerades as itself
      }
      const pub = src === from.primary ? from.eni.publicIp : undefined;
      if (!pub) {
        w.deny({ type: 'internet-gateway', id: igwId, verdict: 'deny', reason: `${from.eni.id} has no public IPv4 address for ${src.text}, so ${igwId} cannot translate it`, code: 'no-public-ip' });
        return;
      }
      if (from.nat && from.nat.connectivity === 'private') {
        w.deny({ type: 'nat-gateway', id: from.nat.id, verdict: 'deny', reason: `${from.nat.id} is a private NAT gateway: the internet gateway drops its traffic`, code: 'private-nat' });
        return;
      }
      out = { ...q, src: pub };
      if (w.trace) w.note({ type: 'internet-gateway', id: igwId, verdict: 'allow', reason: `translates ${src.text} → ${pub.text}` });
    }
    w.deliver(INTERNET, out);
  }

  private fromOutside(c: CompiledNetwork, w: Walk, p: Packet): void {
    const direct = findPrivate(c, p.dst);
    if (direct && awsServiceAt(direct.sub.reserved, p.src, p.protocol, p.sport, p.dport)) {
      w.deliver({ kind: 'eni', eni: direct.eni }, p); // replies from AWS's own services are never filtered or logged
      return;
    }
    const d = c.public.get(p.dst);
    if (!d) {
      w.deny({ type: 'internet-gateway', id: p.dst.text, verdict: 'deny', reason: `no interface has the public address ${p.dst.text}`, code: 'no-public-target' });
      return;
    }
    const igw = c.igwOf.get(d.sub.vpc.id);
    if (!igw) {
      w.deny({ type: 'internet-gateway', id: d.sub.vpc.id, verdict: 'deny', reason: `${d.sub.vpc.id} has no internet gateway attached`, code: 'no-igw' });
      return;
    }
    const q: Packet = p.dst.fam === 4 ? { ...p, dst: d.primary } : p;
    if (w.trace) w.note({ type: 'internet-gateway', id: igw, verdict: 'allow', reason: `translates ${p.dst.text} → ${q.dst.text}` });
    let ok = true;
    // Replies would leave through the subnet's route table: with no route back to this gateway, AWS rejects at the interface.
    const back = lookupRoute(d.sub.routes, p.src);
    if (!back || back.target.kind !== 'igw' || back.target.id !== igw) {
      ok = false;
      const why = back ? `the route to ${p.src.text} goes to ${describeTarget(back)}, not ${igw}` : `there is no route to ${p.src.text}`;
      if (!w.deny({ type: 'route', id: d.sub.routes.id, verdict: 'deny', reason: `${d.sub.routes.id}: ${why}, so traffic from the internet is rejected`, code: 'no-return-route' })) {
        this.observe(w, d, 'ingress', false, q, undefined);
        return;
      }
    }
    this.arrive(c, w, d, q, undefined, ok);
  }

  /** A packet reaching interface `d` (from subnet `from`, or the internet when undefined). */
  private arrive(c: CompiledNetwork, w: Walk, d: CompiledEni, q: Packet, from: CompiledSubnet | undefined, okSoFar = true): void {
    let ok = okSoFar;
    if (from !== d.sub && !this.naclCheck(w, d.sub, q, 'in')) {
      ok = false;
      if (!w.probe) { this.observe(w, d, 'ingress', false, q, undefined); return; }
    }
    if (d.nat) { this.throughNat(c, w, d, q, ok); return; }
    if (!this.sgCheck(w, d, q, 'in', false)) {
      ok = false;
      if (!w.probe) { this.observe(w, d, 'ingress', false, q, undefined); return; }
    }
    this.observe(w, d, 'ingress', ok, q, undefined);
    if (isOwn(d, q.dst)) {
      w.deliver(d.endpoint, q);
      return;
    }
    if (d.eni.sourceDestCheck) {
      w.deny({ type: 'interface', id: d.eni.id, verdict: 'deny', reason: `${d.eni.id} is not ${q.dst.text} and its source/destination check is on`, code: 'source-dest-check' });
      return;
    }
    this.leave(c, w, d, q, false);
  }

  /** NAT gateway: source-translate outbound flows to its own address, map replies back. It has no security groups. */
  private throughNat(c: CompiledNetwork, w: Walk, n: CompiledEni, q: Packet, ok: boolean): void {
    const nat = n.nat!;
    this.observe(w, n, 'ingress', ok, q, undefined);
    if (q.dst === n.primary) {
      const m = this.natTable.reverse(nat.id, q.protocol, q.src, q.sport, q.dport, q.time);
      if (!m) {
        w.deny({ type: 'nat-gateway', id: nat.id, verdict: 'deny', reason: `${nat.id} has no connection for this packet (unsolicited traffic is dropped)`, code: 'unsolicited' });
        return;
      }
      if (w.trace) w.note({ type: 'nat-gateway', id: nat.id, verdict: 'allow', reason: `maps ${q.dst.text}:${q.dport} back to ${m.client.text}:${m.clientPort}` });
      this.leave(c, w, n, { ...q, dst: m.client, dport: m.clientPort }, false);
      return;
    }
    const port = this.natTable.translate(nat.id, q.protocol, q.src, q.sport, q.dst, q.dport, q.time);
    if (w.trace) w.note({ type: 'nat-gateway', id: nat.id, verdict: 'allow', reason: `translates ${q.src.text}:${q.sport} → ${n.primary.text}:${port}` });
    this.leave(c, w, n, { ...q, src: n.primary, sport: q.protocol === TCP || q.protocol === UDP ? port : q.sport }, false);
  }

  private naclCheck(w: Walk, sub: CompiledSubnet, q: Packet, dir: 'in' | 'out'): boolean {
    const rules = dir === 'in' ? sub.nacl.inbound : sub.nacl.outbound;
    const remote = dir === 'in' ? q.src : q.dst;
    const i = matchNacl(rules, remote, q.protocol, q.dport, q.icmpType, q.icmpCode);
    const rule = i >= 0 ? rules.rules[i]! : undefined;
    const ruleNumber = rule ? rule.ruleNumber : remote.fam === 4 ? NACL_DEFAULT_RULE_V4 : NACL_DEFAULT_RULE_V6;
    const direction = dir === 'in' ? 'inbound' : 'outbound';
    if (rule?.allow) {
      if (w.trace) w.note({ type: 'network-acl', id: sub.nacl.id, direction, verdict: 'allow', ruleNumber, reason: `rule ${ruleNumber} allows it` });
      return true;
    }
    w.deny({
      type: 'network-acl', id: sub.nacl.id, direction, verdict: 'deny', ruleNumber,
      reason: rule ? `rule ${ruleNumber} denies it` : `no rule matches, so the final * rule denies it`,
    });
    return false;
  }

  /** Security groups with connection tracking; `alwaysTracked` for flows through services AWS always tracks (NAT gateway). */
  private sgCheck(w: Walk, e: CompiledEni, q: Packet, dir: 'in' | 'out', alwaysTracked: boolean): boolean {
    const out = dir === 'out';
    const v = this.sgVerdict(e, q, out, alwaysTracked);
    if (v === SG_TRACKED) {
      if (w.trace) w.note({ type: 'security-group', id: e.eni.groups[0] ?? e.eni.id, direction: out ? 'outbound' : 'inbound', verdict: 'allow', ruleId: 'tracked', reason: 'part of a tracked connection' });
      return true;
    }
    if (v === SG_DENIED) {
      // explain: the response leg should see the request as if it had been allowed
      if (w.deny(sgDenial(e, out))) this.track(e, q, dir, out ? q.src : q.dst, out ? q.sport : q.dport, out ? q.dst : q.src, out ? q.dport : q.sport);
      return false;
    }
    if (w.trace) {
      const r = (out ? e.sgOut : e.sgIn).rules[v]!;
      const tracked = tracksRule(e, r, q, out, alwaysTracked);
      w.note({ type: 'security-group', id: r.groupId, direction: out ? 'outbound' : 'inbound', verdict: 'allow', ruleId: r.ruleId, reason: `rule ${r.ruleId} allows it (${r.text})${tracked ? '' : ', an untracked flow'}` });
    }
    return true;
  }

  /**
   * The security groups' verdict, with its effect on connection tracking: SG_TRACKED for a
   * packet of a tracked connection (moved along), SG_DENIED when no rule allows it (nothing
   * tracked), else the index of the allowing rule (the connection now tracked if AWS would).
   */
  private sgVerdict(e: CompiledEni, q: Packet, out: boolean, alwaysTracked: boolean): number {
    const local = out ? q.src : q.dst, remote = out ? q.dst : q.src;
    const lport = out ? q.sport : q.dport, rport = out ? q.dport : q.sport;
    const ct = this.conntrack;
    const flow = q.flow;
    const cached = flow ? (out ? flow.out : flow.in) : undefined;
    const entry = typeof cached === 'number' && ct.stillValid(cached, e.index, q.protocol, local, lport, remote, rport)
      ? cached
      : ct.find(e.index, q.protocol, local, lport, remote, rport, this.clock[0]!);
    if (entry !== NO_ENTRY) {
      if (flow) { if (out) flow.out = entry; else flow.in = entry; }
      if (!ct.advanceNow(entry, out, q.flags)) ct.remove(entry);
      return SG_TRACKED;
    }
    const rules = out ? e.sgOut : e.sgIn;
    const i = matchSg(rules, remote, q.protocol, q.dport, q.icmpType, q.icmpCode);
    if (i < 0) return SG_DENIED;
    if (tracksRule(e, rules.rules[i]!, q, out, alwaysTracked)) this.track(e, q, out ? 'out' : 'in', local, lport, remote, rport);
    return i;
  }

  private track(e: CompiledEni, q: Packet, dir: 'in' | 'out', local: IpAddr, lport: number, remote: IpAddr, rport: number): void {
    if (q.flags & (RST | FIN)) return;
    const ct = this.conntrack;
    const id = ct.add(e.index, q.protocol, local, lport, remote, rport, dir, q.time, e.eni.connTracking);
    ct.advanceNow(id, dir === 'out', q.flags); // q.time is the clock's (every packet of a send has its time)
    if (q.flow) { if (dir === 'out') q.flow.out = id; else q.flow.in = id; }
  }

  private observe(w: Walk, e: CompiledEni, direction: Direction, ok: boolean, q: Packet, path: number | undefined): void {
    w.observations.push(observation(e, direction, ok, q, path, undefined));
  }
}

const SG_TRACKED = -2;
const SG_DENIED = -1;

/** The security groups' deny decision for interface `e`, made once per compile (decisions are never modified). */
function sgDenial(e: CompiledEni, out: boolean): Decision {
  const d = (e.sgDenials ??= [sgDenialFor(e, 'inbound'), sgDenialFor(e, 'outbound')]);
  return out ? d[1] : d[0];
}

function sgDenialFor(e: CompiledEni, direction: 'inbound' | 'outbound'): Decision {
  return {
    type: 'security-group', id: e.eni.groups[0] ?? e.eni.id, direction, verdict: 'deny',
    reason: `no ${direction} rule of ${e.eni.groups.join(', ') || 'its (empty) security group list'} on ${e.eni.id} allows it`,
  };
}

/** Whether a packet allowed by rule `r` starts a tracked connection (AWS leaves "allow all both ways" TCP/UDP untracked). */
function tracksRule(e: CompiledEni, r: CompiledSgRule, q: Packet, out: boolean, alwaysTracked: boolean): boolean {
  return alwaysTracked || (q.protocol !== TCP && q.protocol !== UDP) || !r.anyAddress ||
    !allowsAllTraffic(out ? e.sgIn : e.sgOut, (out ? q.dst : q.src).fam, q.protocol);
}

/** What interface `e` reports of packet `q`. */
function observation(e: CompiledEni, direction: Direction, ok: boolean, q: Packet, path: number | undefined, ref: FlowRef | undefined): Observation {
  // AWS reports the interface's primary private IPv4 in place of a secondary or foreign (translated) one.
  let srcaddr = q.src, dstaddr = q.dst;
  if (direction === 'egress' && srcaddr.fam === 4 && srcaddr !== e.primary) srcaddr = e.primary;
  if (direction === 'ingress' && dstaddr.fam === 4 && dstaddr !== e.primary) dstaddr = e.primary;
  return {
    time: q.time, eni: e.eni, direction, action: ok ? 'ACCEPT' : 'REJECT', srcaddr, dstaddr, pktSrcaddr: q.src, pktDstaddr: q.dst,
    srcport: q.sport, dstport: q.dport, protocol: q.protocol, bytes: q.size, tcpFlags: q.flags,
    trafficPath: direction === 'egress' ? path : undefined, ref,
  };
}

function isOwn(e: CompiledEni, a: IpAddr): boolean {
  return a.fam === 4 ? e.eni.privateIps.includes(a) : e.eni.ipv6Ips.includes(a);
}

export function describeTarget(r: Route): string {
  return r.target.kind === 'local' ? 'local' : r.target.id ?? r.target.kind;
}
