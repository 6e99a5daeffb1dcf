/**
 * Data-plane verdicts per second for the reference VPC: 50 subnets,
 * security groups with 200 rules, 100-entry network ACLs (each direction).
 * Most packets must walk deep into the rule lists before they match.
 */
import { createEc2Context } from '../src/core/ec2/create-context.ts';
import { runInstance } from '../src/core/ec2/instances.ts';
import * as acl from '../src/core/ec2/network-acls.ts';
import * as sg from '../src/core/ec2/security-groups.ts';
import { createSubnet } from '../src/core/ec2/subnets.ts';
import { createVpc } from '../src/core/ec2/vpcs.ts';
import { Engine } from '../src/core/dataplane/engine.ts';
import type { Packet } from '../src/core/dataplane/packet.ts';
import { Network } from '../src/core/model/network.ts';
import { ip } from '../src/core/net/ip.ts';
import { ACK, TCP } from '../src/core/net/protocol.ts';
import { Rng } from '../src/core/random.ts';

export interface DataplaneBench { verdictsPerSecond: number; packets: number; seconds: number; accepted: number }

export function buildReferenceVpc(): { net: Network; hosts: string[] } {
  const net = new Network('123456789012', 'us-east-1');
  const ctx = createEc2Context(net, 7, () => 0);
  const vpc = createVpc(ctx, { CidrBlock: '10.0.0.0/16' });
  const nacl = acl.createNetworkAcl(ctx, { VpcId: vpc.id });
  // 99 specific rules that rarely match, then a broad allow: every packet walks most of the list.
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

export function benchDataplane(packets = 5_000_000): DataplaneBench {
  const { net, hosts } = buildReferenceVpc();
  const engine = new Engine(net);
  const rng = new Rng('bench');
  const pool: Packet[] = [];
  for (let i = 0; i < 65536; i++) {
    const a = hosts[rng.int(0, hosts.length - 1)]!;
    let b = hosts[rng.int(0, hosts.length - 1)]!;
    if (b === a) b = hosts[(hosts.indexOf(a) + 5) % hosts.length]!;
    // Mid-connection segments of 65,536 connections, each with its flow cache as the traffic generator keeps one.
    pool.push({ time: 0, src: ip(a), dst: ip(b), protocol: TCP, sport: 32768 + (i % 28000), dport: rng.int(0, 9) === 0 ? 5432 : 8000 + (i % 1000), flags: ACK, icmpType: -1, icmpCode: -1, size: 52, flow: {} });
  }
  engine.send(pool[0]!);
  let accepted = 0;
  const t0 = process.hrtime.bigint();
  // Connections send in bursts (a TCP window: 8 segments), connections interleave: the locality real traffic has.
  for (let i = 0; i < packets; i++) {
    const p = pool[(i >>> 3) & 65535]!;
    p.time = i * 1e-6;
    if (engine.send(p).delivered) accepted++;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { verdictsPerSecond: packets / seconds, packets, seconds, accepted };
}
