import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from './engine.ts';
import { pkt, twoTier } from '../testing/two-tier.ts';
import * as gw from '../ec2/gateways.ts';
import * as rt from '../ec2/route-tables.ts';
import * as acl from '../ec2/network-acls.ts';
import * as sg from '../ec2/security-groups.ts';
import { createSubnet } from '../ec2/subnets.ts';
import { associateVpcCidrBlock } from '../ec2/vpcs.ts';
import { runInstance } from '../ec2/instances.ts';
import { ACK, SYN } from '../net/protocol.ts';

const HOST = '203.0.113.5';

/** The two-tier network plus a NAT gateway in the public subnet and a default route to it from the private one. */
function withNat() {
  const t = twoTier();
  const eip = gw.allocateAddress(t.ctx, {}, { logicalId: 'NatEip', publicIp: '3.90.0.9' });
  const nat = gw.createNatGateway(t.ctx, { SubnetId: t.web.id, AllocationId: eip.allocationId, PrivateIpAddress: '172.31.60.20' }, { logicalId: 'Nat' });
  const priv = rt.createRouteTable(t.ctx, { VpcId: t.vpc.id }, { logicalId: 'PrivateRoutes' });
  rt.createRoute(t.ctx, { RouteTableId: priv.id, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat.id });
  rt.associateRouteTable(t.ctx, { RouteTableId: priv.id, SubnetId: t.db.id });
  // Let the database tier reach out on 443 and the web subnet ACL carry it.
  acl.createNetworkAclEntry(t.ctx, { NetworkAclId: t.dbAcl.id, RuleNumber: 200, Protocol: '6', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } });
  acl.createNetworkAclEntry(t.ctx, { NetworkAclId: t.dbAcl.id, RuleNumber: 200, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } });
  acl.createNetworkAclEntry(t.ctx, { NetworkAclId: t.webAcl.id, RuleNumber: 130, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '172.31.50.0/27', PortRange: { From: 443, To: 443 } });
  return { t, nat, natEni: t.net.interfaces.get(nat.eniId)! };
}

test('NAT gateway: the four legs on its interface and the two on the instance, as AWS documents', () => {
  const { t, natEni } = withNat();
  const e = new Engine(t.net);
  const out = e.send(pkt('172.31.50.10', HOST, 443, { sport: 40000, flags: SYN }));
  assert.equal(out.delivered, true, JSON.stringify(out.blockedBy));
  assert.equal(out.arrived?.src.text, '3.90.0.9', 'the internet sees the Elastic IP');
  const view = (o: (typeof out.observations)[number]) => `${o.eni.id === natEni.id ? 'nat' : 'db'} ${o.direction} ${o.srcaddr.text}>${o.dstaddr.text} pkt ${o.pktSrcaddr.text}>${o.pktDstaddr.text}`;
  assert.deepEqual(out.observations.map(view), [
    'db egress 172.31.50.10>203.0.113.5 pkt 172.31.50.10>203.0.113.5',
    'nat ingress 172.31.50.10>172.31.60.20 pkt 172.31.50.10>203.0.113.5',
    'nat egress 172.31.60.20>203.0.113.5 pkt 172.31.60.20>203.0.113.5',
  ]);
  const back = e.send(pkt(HOST, '3.90.0.9', 40000, { sport: 443, flags: SYN | ACK }));
  assert.equal(back.delivered, true, JSON.stringify(back.blockedBy));
  assert.equal(back.arrived?.dst.text, '172.31.50.10');
  assert.deepEqual(back.observations.map(view), [
    'nat ingress 203.0.113.5>172.31.60.20 pkt 203.0.113.5>172.31.60.20',
    'nat egress 172.31.60.20>172.31.50.10 pkt 203.0.113.5>172.31.50.10',
    'db ingress 203.0.113.5>172.31.50.10 pkt 203.0.113.5>172.31.50.10',
  ]);
});

test('NAT gateway drops unsolicited inbound traffic after its interface logged it', () => {
  const { t } = withNat();
  const f = new Engine(t.net).send(pkt(HOST, '3.90.0.9', 80)); // the web ACL allows 80 in
  assert.equal(f.delivered, false);
  assert.equal(f.blockedBy?.type, 'nat-gateway');
  assert.deepEqual(f.observations.map((o) => o.action), ['ACCEPT']);
});

test('a deleted NAT gateway leaves a blackhole route: nothing is logged', () => {
  const { t, nat } = withNat();
  gw.deleteNatGateway(t.ctx, { NatGatewayId: nat.id });
  const f = new Engine(t.net).send(pkt('172.31.50.10', HOST, 443));
  assert.equal(f.blockedBy?.type, 'route');
  assert.match(f.blockedBy!.reason, /blackhole/);
  assert.equal(f.observations.length, 0);
});

test('IPv6: no translation through the internet gateway; IPv4 rules never match IPv6; the * rule is 32768', () => {
  const t = twoTier();
  associateVpcCidrBlock(t.ctx, { VpcId: t.vpc.id, Ipv6CidrBlock: '2001:db8:1234:1a00::/56' });
  const v6 = createSubnet(t.ctx, { VpcId: t.vpc.id, CidrBlock: '172.31.70.0/27', Ipv6CidrBlock: '2001:db8:1234:1a01::/64' }, { logicalId: 'V6' });
  rt.createRoute(t.ctx, { RouteTableId: t.publicRt, DestinationIpv6CidrBlock: '::/0', GatewayId: t.igwId });
  rt.associateRouteTable(t.ctx, { RouteTableId: t.publicRt, SubnetId: v6.id });
  const inst = runInstance(t.ctx, { SubnetId: v6.id, SecurityGroupIds: [t.webSg.id], Ipv6Addresses: [{ Ipv6Address: '2001:db8:1234:1a01::10' }] }, { logicalId: 'V6Web' });
  const e = new Engine(t.net);
  const client = '2001:db8:ffff::7';
  // The web group allows 80 from 0.0.0.0/0 only: IPv6 is rejected by the group (the default ACL allows ::/0).
  const denied = e.send(pkt(client, '2001:db8:1234:1a01::10', 80));
  assert.equal(denied.blockedBy?.type, 'security-group');
  sg.authorize(t.ctx, { GroupId: t.webSg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] }, false);
  const ok = e.send(pkt(client, '2001:db8:1234:1a01::10', 80, { sport: 40001 }));
  assert.equal(ok.delivered, true, JSON.stringify(ok.blockedBy));
  assert.equal(ok.arrived?.dst.text, '2001:db8:1234:1a01::10');
  assert.equal(ok.observations[0]!.dstaddr.text, '2001:db8:1234:1a01::10', 'IPv6 addresses are reported as they are');
  const eni = t.net.interfaces.get(inst.eniIds[0]!)!;
  assert.equal(eni.ipv6Ips[0]!.text, '2001:db8:1234:1a01::10');
  // A custom ACL without IPv6 rules denies with the IPv6 * rule.
  acl.associateNetworkAcl(t.ctx, v6.id, t.webAcl.id);
  const f = e.send(pkt(client, '2001:db8:1234:1a01::10', 80, { sport: 40002 }));
  assert.deepEqual([f.blockedBy?.type, f.blockedBy?.ruleNumber], ['network-acl', 32768]);
});
