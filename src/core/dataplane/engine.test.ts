import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from './engine.ts';
import { pkt, twoTier } from '../testing/two-tier.ts';
import * as sg from '../ec2/security-groups.ts';
import * as rt from '../ec2/route-tables.ts';
import * as acl from '../ec2/network-acls.ts';
import { ACK, FIN, ICMP, SYN, UDP } from '../net/protocol.ts';
import { runInstance } from '../ec2/instances.ts';

const HOME = '198.51.100.7';

test('internet → web: translated by the IGW, allowed by ACL 100 and the security group, logged ACCEPT ingress', () => {
  const t = twoTier();
  const e = new Engine(t.net);
  const f = e.send(pkt(HOME, '3.80.10.20', 80));
  assert.equal(f.delivered, true);
  assert.equal(f.arrived?.dst.text, '172.31.60.10');
  assert.equal(f.observations.length, 1);
  const o = f.observations[0]!;
  assert.deepEqual([o.eni.id, o.direction, o.action, o.srcaddr.text, o.dstaddr.text, o.pktDstaddr.text], [t.webInst.eniIds[0], 'ingress', 'ACCEPT', HOME, '172.31.60.10', '172.31.60.10']);
});

test('the reply of an inbound connection leaves through the IGW with the public address', () => {
  const t = twoTier();
  const e = new Engine(t.net);
  e.send(pkt(HOME, '3.80.10.20', 80));
  const f = e.send(pkt('172.31.60.10', HOME, 40000, { sport: 80, flags: SYN | ACK }));
  assert.equal(f.delivered, true);
  assert.equal(f.arrived?.src.text, '3.80.10.20');
  assert.equal(f.observations[0]!.direction, 'egress');
  assert.equal(f.observations[0]!.trafficPath, 8);
});

test('security group without a rule rejects at the interface; the ACL number is not the blocker', () => {
  const t = twoTier();
  const e = new Engine(t.net);
  const f = e.send(pkt(HOME, '3.80.10.20', 22));
  assert.equal(f.delivered, false);
  assert.equal(f.observations[0]!.action, 'REJECT');
  // ACL denies port 22 first (no inbound rule for it): the stateless ACL is checked before the group.
  assert.equal(f.blockedBy?.type, 'network-acl');
  assert.equal(f.blockedBy?.ruleNumber, 32767);
});

test('ACLs do not apply inside one subnet; security groups still do', () => {
  const t = twoTier();
  sg.authorize(t.ctx, { GroupId: t.webSg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: t.webSg.id }] }] }, false);
  runInstance(t.ctx, { SubnetId: t.web.id, SecurityGroupIds: [t.webSg.id], PrivateIpAddress: '172.31.60.11' }, { logicalId: 'Web2' });
  const e = new Engine(t.net);
  // The web ACL has no inbound rule for 443, but the packet never leaves the subnet.
  const f = e.send(pkt('172.31.60.10', '172.31.60.11', 443));
  assert.equal(f.delivered, true, JSON.stringify(f.blockedBy));
  const g = e.send(pkt('172.31.60.10', '172.31.60.11', 8443));
  assert.equal(g.blockedBy?.type, 'security-group');
  assert.equal(g.blockedBy?.direction, 'inbound');
});

test('to an address no interface holds: dropped, nothing at the destination', () => {
  const t = twoTier();
  const f = new Engine(t.net).send(pkt('172.31.60.10', '172.31.60.20', 80));
  assert.equal(f.blockedBy?.type, 'interface');
  assert.equal(f.observations.length, 1);
});

test('web → db on 3306: egress ACL, ingress ACL 100, security-group reference; reply allowed by state', () => {
  const t = twoTier();
  const e = new Engine(t.net);
  const f = e.send(pkt('172.31.60.10', '172.31.50.10', 3306));
  assert.equal(f.delivered, true, JSON.stringify(f.blockedBy));
  assert.deepEqual(f.observations.map((o) => `${o.direction}:${o.action}`), ['egress:ACCEPT', 'ingress:ACCEPT']);
  assert.equal(f.observations[0]!.trafficPath, 1);
  const r = e.send(pkt('172.31.50.10', '172.31.60.10', 40000, { sport: 3306, flags: SYN | ACK }));
  assert.equal(r.delivered, true, JSON.stringify(r.blockedBy));
});

test('stateless ACL drops the reply although the security groups accepted the request', () => {
  const t = twoTier();
  acl.replaceNetworkAclEntry(t.ctx, { NetworkAclId: t.dbAcl.id, RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: true, CidrBlock: '172.31.60.0/27', PortRange: { From: 3306, To: 3306 } });
  const e = new Engine(t.net);
  assert.equal(e.send(pkt('172.31.60.10', '172.31.50.10', 3306)).delivered, true);
  const r = e.send(pkt('172.31.50.10', '172.31.60.10', 40000, { sport: 3306, flags: SYN | ACK }));
  assert.equal(r.delivered, false);
  assert.deepEqual([r.blockedBy?.type, r.blockedBy?.direction, r.blockedBy?.ruleNumber], ['network-acl', 'outbound', 32767]);
  assert.equal(r.observations[0]!.action, 'REJECT');
  assert.equal(r.observations[0]!.direction, 'egress');
});

test('a tracked connection survives removal of the rule that allowed it; a new one does not', () => {
  const t = twoTier();
  sg.authorize(t.ctx, { GroupId: t.webSg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: `${HOME}/32` }] }] }, false);
  acl.createNetworkAclEntry(t.ctx, { NetworkAclId: t.webAcl.id, RuleNumber: 90, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } });
  const e = new Engine(t.net);
  assert.equal(e.send(pkt(HOME, '3.80.10.20', 22)).delivered, true);
  sg.revoke(t.ctx, { GroupId: t.webSg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: `${HOME}/32` }] }] }, false);
  assert.equal(e.send(pkt(HOME, '3.80.10.20', 22, { flags: ACK })).delivered, true, 'tracked');
  assert.equal(e.send(pkt(HOME, '3.80.10.20', 22, { sport: 40001 })).delivered, false, 'new connection');
});

test('an untracked flow (0.0.0.0/0 in, all traffic out) is cut immediately when its rule goes', () => {
  const t = twoTier();
  const e = new Engine(t.net);
  assert.equal(e.send(pkt(HOME, '3.80.10.20', 80)).delivered, true);
  sg.revoke(t.ctx, { GroupId: t.webSg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }, false);
  assert.equal(e.send(pkt(HOME, '3.80.10.20', 80, { flags: ACK })).delivered, false);
});

test('after FIN both ways and the closing timeout, a late reply is judged by the rules again', () => {
  const t = twoTier();
  const e = new Engine(t.net);
  const web = '172.31.60.10', db = '172.31.50.10';
  e.send(pkt(web, db, 3306, { time: 1000 }));
  e.send(pkt(db, web, 40000, { sport: 3306, flags: SYN | ACK, time: 1000.1 }));
  e.send(pkt(web, db, 3306, { flags: FIN | ACK, time: 1001 }));
  e.send(pkt(db, web, 40000, { sport: 3306, flags: FIN | ACK, time: 1001.1 }));
  // The web group has no inbound rule for 3306 replies: once the tracking entry is gone, REJECT.
  const late = e.send(pkt(db, web, 40000, { sport: 3306, flags: ACK, time: 1100 }));
  assert.equal(late.delivered, false);
  assert.equal(late.observations.at(-1)!.action, 'REJECT');
});

test('removing the 0.0.0.0/0 route: inbound from the internet is rejected at the interface', () => {
  const t = twoTier();
  rt.deleteRoute(t.ctx, { RouteTableId: t.publicRt, DestinationCidrBlock: '0.0.0.0/0' });
  const e = new Engine(t.net);
  const f = e.send(pkt(HOME, '3.80.10.20', 80));
  assert.equal(f.delivered, false);
  assert.equal(f.blockedBy?.type, 'route');
  assert.equal(f.observations[0]!.action, 'REJECT');
});

test('outbound with no route is dropped before any interface logs it', () => {
  const t = twoTier();
  const e = new Engine(t.net);
  const f = e.send(pkt('172.31.50.10', '8.8.8.8', 443));
  assert.equal(f.delivered, false);
  assert.equal(f.observations.length, 0);
  assert.equal(f.blockedBy?.type, 'route');
});

test('Amazon DNS, metadata and time sync are never filtered nor logged', () => {
  const t = twoTier();
  const e = new Engine(t.net);
  for (const dst of ['172.31.0.2', '169.254.169.254', '169.254.169.123']) {
    const f = e.send(pkt('172.31.50.10', dst, 53, { protocol: UDP, flags: 0 }));
    assert.equal(f.delivered, true, dst);
    assert.equal(f.observations.length, 0, dst);
    assert.equal(f.to?.kind, 'aws-service');
  }
});

test('ICMP echo (AWS doc case): the group accepts the request, the stateless ACL rejects the reply', () => {
  const t = twoTier();
  sg.authorize(t.ctx, { GroupId: t.webSg.id, IpPermissions: [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }, false);
  acl.createNetworkAclEntry(t.ctx, { NetworkAclId: t.webAcl.id, RuleNumber: 120, Protocol: '1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: -1, Code: -1 } });
  const e = new Engine(t.net);
  const req = e.send(pkt(HOME, '3.80.10.20', 0, { protocol: ICMP, sport: 0, flags: 0, icmpType: 8, icmpCode: 0, size: 84 }));
  assert.equal(req.delivered, true, JSON.stringify(req.blockedBy));
  const reply = () => e.send(pkt('172.31.60.10', HOME, 0, { protocol: ICMP, sport: 0, flags: 0, icmpType: 0, icmpCode: 0, size: 84 }));
  const rep = reply();
  assert.equal(rep.delivered, false);
  assert.deepEqual([rep.observations[0]!.action, rep.blockedBy?.type, rep.blockedBy?.direction], ['REJECT', 'network-acl', 'outbound']);
  acl.createNetworkAclEntry(t.ctx, { NetworkAclId: t.webAcl.id, RuleNumber: 120, Protocol: '1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: -1, Code: -1 } });
  assert.equal(reply().delivered, true, 'with an outbound ICMP rule in the ACL the reply goes through');
});

test('without a public address the internet gateway cannot carry outbound traffic', () => {
  const t = twoTier();
  const dbEni = t.net.interfaces.get(t.dbInst.eniIds[0]!)!;
  rt.associateRouteTable(t.ctx, { RouteTableId: t.publicRt, SubnetId: t.db.id });
  acl.createNetworkAclEntry(t.ctx, { NetworkAclId: t.dbAcl.id, RuleNumber: 200, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' });
  const e = new Engine(t.net);
  const f = e.send(pkt(dbEni.privateIps[0]!.text, '8.8.8.8', 443));
  assert.equal(f.delivered, false);
  assert.equal(f.blockedBy?.type, 'internet-gateway');
  assert.equal(f.observations[0]!.action, 'ACCEPT', 'the interface let it out');
});
