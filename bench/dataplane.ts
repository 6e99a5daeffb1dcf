/**
 * Data-plane verdicts per second (Engine.send calls, each returning its fate
 * and one observation per interface crossed), on one core, for the reference
 * VPC of the issue:
 *
 * - 50 subnets of 4 instances (200 interfaces), all in one security group with
 *   200 inbound rules (199 single-port rules on ports 2000–2198 from
 *   172.16.x.0/24, then TCP 8000–8999 from the VPC) and the default egress rule;
 * - one network ACL of 100 entries each way on every subnet (99 single-port
 *   rules on ports 1000–1098 for 192.168.x.0/24, a seventh of them denies,
 *   then allow the VPC).
 *
 * The traffic: 65,536 TCP connections between random interfaces (almost always
 * in different subnets, so both ACLs apply), 90 % to ports 8000–8999 (allowed,
 * tracked), 10 % to 5432 (rejected by the destination's group, every packet:
 * nothing tracks them). Connections send in bursts of 8 segments, interleaved.
 *
 * Three figures:
 * - `cached`: each connection keeps one FlowCache, as the traffic generator
 *   does. After a connection's first packets, the route and ACL verdicts come
 *   from the flow's memo and the security-group verdict from connection
 *   tracking; only the rejected packets are matched against the rules again.
 *   This is what `vpcflow run` does for all but the first packet of a flow.
 * - `uncached`: the same packets without FlowCache: every packet does the full
 *   walk (interface lookup, AWS-service check, route lookup, both ACLs,
 *   connection-tracking hash lookups).
 * - `new connections`: every packet is the SYN of a new connection: the full
 *   walk, security-group rule matching and a new tracking entry each time.
 *
 * The port index narrows each lookup to the rules whose port range covers the
 * packet's port (here: 1 or 2 rules of the 100 or 200), so rule-list length
 * barely shows; these figures measure the engine around the rule match.
 */
import { createEc2Context } from '../src/core/ec2/create-context.ts';
import { runInstance } from '../src/core/ec2/instances.ts';
import * as acl from '../src/core/ec2/network-acls.ts';
import * as sg from '../src/core/ec2/security-groups.ts';
import { createSubnet } from '../src/core/ec2/subnets.ts';
import { createVpc } from '../src/core/ec2/vpcs.ts';
import { Engine } from '../src/core/dataplane/engine.ts';
import { type Packet, newFlowCache } from '../src/core/dataplane/packet.ts';
import { Network } from '../src/core/model/network.ts';
import { type IpAddr, ip } from '../src/core/net/ip.ts';
import { ACK, SYN, TCP } from '../src/core/net/protocol.ts';
import { Rng } from '../src/core/random.ts';
import { type Figure, figure } from './stats.ts';

export interface DataplaneBench {
  packets: number;
  /** Verdicts per second, over `rounds` rounds of `packets` each. */
  cached: Figure;
  uncached: Figure;
  newConnections: Figure;
  /** Packets delivered per round (the same every round: a check that the variants agree). */
  acceptedCached: number;
  acceptedUncached: number;
}

export function buildReferenceVpc(): { net: Network; hosts: string[] } {
  const net = new Network('123456789012', 'us-east-1');
  const ctx = createEc2Context(net, 7, () => 0);
  const vpc = createVpc(ctx, { CidrBlock: '10.0.0.0/16' });
  const nacl = acl.createNetworkAcl(ctx, { VpcId: vpc.id });
  // 99 specific rules, then a broad allow.
  for (let i = 0; i < 99; i++) {
    for (const egress of [false, true]) {
      acl.createNetworkAclEntry(ctx, { NetworkAclId: nacl.id, RuleNumber: 10 + i, Protocol: '6', RuleAction: i % 7 === 0 ? 'deny' : 'allow', Egress: egress, CidrBlock: `192.168.${i}.0/24`, PortRange: { From: 1000 + i, To: 1000 + i } });
    }
  }
  for (const egress of [false, true]) acl.createNetworkAclEntry(ctx, { NetworkAclId: nacl.id, RuleNumber: 32000, Protocol: '-1', RuleAction: 'allow', Egress: egress, CidrBlock: '10.0.0.0/16' });
  const group = sg.createSecurityGroup(ctx, { VpcId: vpc.id, GroupName: 'app', Description: 'app' });
  const perms = [];
  for (let i = 0; i < 199; i++) perms.push({ IpProtocol: 'tcp', FromPort: 2000 + i, ToPort: 2000 + i, IpRanges: [{ CidrIp: `172.16.${i}.0/24` }] });
  perms.push({ IpProtocol: 'tcp', FromPort: 8000, ToPort: 8999, IpRanges: [{ CidrIp: '10.0.0.0/16' }] });
  sg.authorize(ctx, { GroupId: group.id, IpPermissions: perms }, false);
  const hosts: string[] = [];
  for (let s = 0; s < 50; s++) {
    const subnet = createSubnet(ctx, { VpcId: vpc.id, CidrBlock: `10.0.${s}.0/24` });
    acl.associateNetworkAcl(ctx, subnet.id, nacl.id);
    for (let h = 0; h < 4; h++) {
      runInstance(ctx, { SubnetId: subnet.id, SecurityGroupIds: [group.id], PrivateIpAddress: `10.0.${s}.${10 + h}` });
      hosts.push(`10.0.${s}.${10 + h}`);
    }
  }
  return { net, hosts };
}

const CONNECTIONS = 65536;
const BURST = 8;

interface Conn { src: IpAddr; dst: IpAddr; sport: number; dport: number }

export function connections(hosts: string[]): Conn[] {
  const rng = new Rng('bench');
  const out: Conn[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const a = hosts[rng.int(0, hosts.length - 1)]!;
    let b = hosts[rng.int(0, hosts.length - 1)]!;
    if (b === a) b = hosts[(hosts.indexOf(a) + 5) % hosts.length]!;
    out.push({ src: ip(a), dst: ip(b), sport: 32768 + (i % 28000), dport: rng.int(0, 9) === 0 ? 5432 : 8000 + (i % 1000) });
  }
  return out;
}

/** Mid-connection segments, `BURST` per connection in turn; returns [seconds, delivered]. */
function runSegments(net: Network, conns: Conn[], packets: number, cached: boolean): [number, number] {
  const engine = new Engine(net);
  const pool: Packet[] = conns.map((c) => ({
    time: 0, src: c.src, dst: c.dst, protocol: TCP, sport: c.sport, dport: c.dport, flags: ACK, icmpType: -1, icmpCode: -1, size: 52,
    flow: cached ? newFlowCache() : undefined,
  }));
  engine.compiled(); // compiling the network is not a verdict
  let accepted = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < packets; i++) {
    const p = pool[((i / BURST) >>> 0) % CONNECTIONS]!;
    p.time = i * 1e-6;
    if (engine.send(p).delivered) accepted++;
  }
  return [Number(process.hrtime.bigint() - t0) / 1e9, accepted];
}

/** Every packet a SYN with a 5-tuple not seen before; 200 µs apart, so tracking entries expire as a real table's do. */
export function runNewConnections(net: Network, conns: Conn[], packets: number): number {
  const engine = new Engine(net);
  const pool: Packet[] = conns.map((c) => ({ time: 0, src: c.src, dst: c.dst, protocol: TCP, sport: 0, dport: c.dport, flags: SYN, icmpType: -1, icmpCode: -1, size: 60, flow: undefined }));
  engine.compiled();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < packets; i++) {
    const p = pool[i % CONNECTIONS]!;
    p.sport = 1024 + ((i / CONNECTIONS) >>> 0) % 64000;
    p.time = i * Number(process.env.NC_STEP ?? 1e-3);
    engine.send(p);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export function benchDataplane(packets = 5_000_000, rounds = 5): DataplaneBench {
  const { net, hosts } = buildReferenceVpc();
  const conns = connections(hosts);
  const cached: number[] = [], uncached: number[] = [], fresh: number[] = [];
  let acceptedCached = 0, acceptedUncached = 0;
  // One variant's rounds after the other, the headline one first: the compiled code then fits the traffic
  // measured, as in a run, where nearly every packet has its FlowCache.
  for (let r = 0; r < rounds; r++) {
    const [s1, a1] = runSegments(net, conns, packets, true);
    cached.push(packets / s1);
    acceptedCached = a1;
  }
  for (let r = 0; r < rounds; r++) {
    const [s2, a2] = runSegments(net, conns, packets, false);
    uncached.push(packets / s2);
    acceptedUncached = a2;
  }
  const n = Math.min(packets, 1_000_000);
  for (let r = 0; r < rounds; r++) fresh.push(n / runNewConnections(net, conns, n));
  return { packets, cached: figure(cached), uncached: figure(uncached), newConnections: figure(fresh), acceptedCached, acceptedUncached };
}
