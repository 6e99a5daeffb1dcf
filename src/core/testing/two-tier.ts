/**
 * A small network built straight through the EC2 actions, for tests of the data
 * plane and explain (independent of the template loader): a public web subnet
 * and a private database subnet, an internet gateway, custom ACLs.
 */
import { createEc2Context } from '../ec2/create-context.ts';
import type { Ec2Context } from '../ec2/context.ts';
import * as gw from '../ec2/gateways.ts';
import { runInstance } from '../ec2/instances.ts';
import * as acl from '../ec2/network-acls.ts';
import * as rt from '../ec2/route-tables.ts';
import * as sg from '../ec2/security-groups.ts';
import { createSubnet } from '../ec2/subnets.ts';
import { createVpc } from '../ec2/vpcs.ts';
import { Network } from '../model/network.ts';
import type { Instance, NetworkAcl, SecurityGroup, Subnet, Vpc } from '../model/types.ts';
import type { Packet } from '../dataplane/packet.ts';
import { ip } from '../net/ip.ts';
import { TCP } from '../net/protocol.ts';

export interface TwoTier {
  ctx: Ec2Context;
  net: Network;
  vpc: Vpc;
  web: Subnet;
  db: Subnet;
  webAcl: NetworkAcl;
  dbAcl: NetworkAcl;
  webSg: SecurityGroup;
  dbSg: SecurityGroup;
  webInst: Instance;
  dbInst: Instance;
  igwId: string;
  publicRt: string;
}

export function twoTier(): TwoTier {
  const net = new Network('123456789012', 'us-east-1');
  const ctx = createEc2Context(net, 1, () => Date.UTC(2026, 0, 1));
  const vpc = createVpc(ctx, { CidrBlock: '172.31.0.0/16' }, { logicalId: 'Vpc' });
  const web = createSubnet(ctx, { VpcId: vpc.id, CidrBlock: '172.31.60.0/27', MapPublicIpOnLaunch: true }, { logicalId: 'Frontal' });
  const db = createSubnet(ctx, { VpcId: vpc.id, CidrBlock: '172.31.50.0/27' }, { logicalId: 'BD' });
  const igw = gw.createInternetGateway(ctx, {}, { logicalId: 'Igw' });
  gw.attachInternetGateway(ctx, { InternetGatewayId: igw.id, VpcId: vpc.id });
  const pub = rt.createRouteTable(ctx, { VpcId: vpc.id }, { logicalId: 'PublicRoutes' });
  rt.createRoute(ctx, { RouteTableId: pub.id, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.id });
  rt.associateRouteTable(ctx, { RouteTableId: pub.id, SubnetId: web.id });
  const webAcl = acl.createNetworkAcl(ctx, { VpcId: vpc.id }, { logicalId: 'FrontalAcl' });
  const dbAcl = acl.createNetworkAcl(ctx, { VpcId: vpc.id }, { logicalId: 'BDAcl' });
  const entry = (a: NetworkAcl, n: number, egress: boolean, cidr: string, from: number, to: number, action = 'allow') =>
    acl.createNetworkAclEntry(ctx, { NetworkAclId: a.id, RuleNumber: n, Protocol: '6', RuleAction: action, Egress: egress, CidrBlock: cidr, PortRange: { From: from, To: to } });
  entry(webAcl, 100, false, '0.0.0.0/0', 80, 80);
  entry(webAcl, 110, false, '0.0.0.0/0', 1024, 65535);
  entry(webAcl, 100, true, '0.0.0.0/0', 0, 65535);
  entry(dbAcl, 100, false, '172.31.60.0/27', 3306, 3306);
  entry(dbAcl, 100, true, '172.31.60.0/27', 1024, 65535);
  acl.associateNetworkAcl(ctx, web.id, webAcl.id);
  acl.associateNetworkAcl(ctx, db.id, dbAcl.id);
  const webSg = sg.createSecurityGroup(ctx, { VpcId: vpc.id, GroupName: 'web', Description: 'web' }, { logicalId: 'WebSG' });
  sg.authorize(ctx, { GroupId: webSg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }, false);
  const dbSg = sg.createSecurityGroup(ctx, { VpcId: vpc.id, GroupName: 'db', Description: 'db' }, { logicalId: 'DbSG' });
  sg.authorize(ctx, { GroupId: dbSg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, UserIdGroupPairs: [{ GroupId: webSg.id }] }] }, false);
  const webInst = runInstance(ctx, { SubnetId: web.id, SecurityGroupIds: [webSg.id], PrivateIpAddress: '172.31.60.10' }, { logicalId: 'Web', publicIp: '3.80.10.20' });
  const dbInst = runInstance(ctx, { SubnetId: db.id, SecurityGroupIds: [dbSg.id], PrivateIpAddress: '172.31.50.10' }, { logicalId: 'DbPi' });
  return { ctx, net, vpc, web, db, webAcl, dbAcl, webSg, dbSg, webInst, dbInst, igwId: igw.id, publicRt: pub.id };
}

let clock = 1767225600;

/** A packet; time moves on by 10 ms per packet unless given. */
export function pkt(src: string, dst: string, dport: number, opts: Partial<Packet> = {}): Packet {
  clock += 0.01;
  return {
    time: clock, src: ip(src), dst: ip(dst), protocol: TCP, sport: 40000, dport, flags: 0x02, icmpType: -1, icmpCode: -1, size: 60,
    ...opts,
  };
}
