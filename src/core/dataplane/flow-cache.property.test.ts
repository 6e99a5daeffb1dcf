/**
 * A sender that keeps one FlowCache per connection direction (as the traffic
 * generator does) must see exactly what a sender without caches sees: the
 * memo of a flow's stateless decisions and its remembered tracking entries are
 * shortcuts, never a change of verdict. Random packets over random flows, with
 * random configuration changes and idle gaps, go through two engines on the
 * same network, one with caches and one without. The one with caches also
 * runs refilling its fates (reuseFates), which must not change them either.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import * as acl from '../ec2/network-acls.ts';
import { runInstance } from '../ec2/instances.ts';
import * as rt from '../ec2/route-tables.ts';
import * as sg from '../ec2/security-groups.ts';
import { ip } from '../net/ip.ts';
import { ACK, FIN, ICMP, PSH, RST, SYN, TCP, UDP } from '../net/protocol.ts';
import { twoTier } from '../testing/two-tier.ts';
import { Engine } from './engine.ts';
import type { FlowCache, FlowRef, Observation, Packet } from './packet.ts';

const HOME = '198.51.100.7';
const ADDRS = ['172.31.60.10', '172.31.60.11', '172.31.50.10', '172.31.50.11', HOME, '3.80.10.20', '8.8.8.8', '172.31.0.2', '172.31.60.20'];
const PORTS = [22, 80, 443, 3306, 40000, 40001];
const FLAGS = [SYN, SYN | ACK, ACK, PSH | ACK, FIN | ACK, RST, RST | ACK];

const flowArb = fc.record({
  src: fc.constantFrom(...ADDRS), dst: fc.constantFrom(...ADDRS),
  protocol: fc.constantFrom(TCP, TCP, TCP, UDP, ICMP),
  sport: fc.constantFrom(...PORTS), dport: fc.constantFrom(...PORTS), icmpType: fc.constantFrom(0, 8),
});

const opArb = fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('packet' as const), flow: fc.nat(), flags: fc.constantFrom(...FLAGS), gap: fc.constantFrom(0.001, 0.5, 20, 200) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('change' as const), which: fc.integer({ min: 0, max: 5 }) }) },
);

function setUp() {
  const t = twoTier();
  runInstance(t.ctx, { SubnetId: t.web.id, SecurityGroupIds: [t.webSg.id], PrivateIpAddress: '172.31.60.11' }, { logicalId: 'Web2' });
  runInstance(t.ctx, { SubnetId: t.db.id, SecurityGroupIds: [t.dbSg.id], PrivateIpAddress: '172.31.50.11' }, { logicalId: 'Db2' });
  sg.authorize(t.ctx, { GroupId: t.webSg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: t.webSg.id }] }] }, false);
  acl.createNetworkAclEntry(t.ctx, { NetworkAclId: t.dbAcl.id, RuleNumber: 200, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '172.31.0.0/16' });
  const changes: (() => void)[] = [
    () => sg.authorize(t.ctx, { GroupId: t.dbSg.id, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }, false),
    () => sg.revoke(t.ctx, { GroupId: t.webSg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }, false),
    () => acl.replaceNetworkAclEntry(t.ctx, { NetworkAclId: t.dbAcl.id, RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' }),
    () => acl.replaceNetworkAclEntry(t.ctx, { NetworkAclId: t.dbAcl.id, RuleNumber: 200, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '172.31.0.0/16' }),
    () => rt.deleteRoute(t.ctx, { RouteTableId: t.publicRt, DestinationCidrBlock: '0.0.0.0/0' }),
    () => sg.revoke(t.ctx, { GroupId: t.webSg.id, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }, true),
  ];
  return { net: t.net, changes };
}

for (const reuseFates of [false, true]) test(`property: per-flow caches never change a fate${reuseFates ? ' (fates refilled, as vpcflow run has them)' : ''}`, () => {
  fc.assert(fc.property(fc.array(flowArb, { minLength: 1, maxLength: 8 }), fc.array(opArb, { maxLength: 120 }), (flows, ops) => {
    const { net, changes } = setUp();
    const cached = new Engine(net, { reuseFates }), plain = new Engine(net);
    const caches: FlowCache[] = flows.map(() => ({}));
    const done = new Set<number>();
    // A ref promises the same aggregation key every time.
    const keyOf = new Map<FlowRef, string>();
    const key = (o: Observation) => [o.eni.id, o.direction, o.action, o.srcaddr.text, o.dstaddr.text, o.pktSrcaddr.text, o.pktDstaddr.text, o.srcport, o.dstport, o.protocol].join(' ');
    let time = 1767225600;
    for (const op of ops) {
      if (op.kind === 'change') {
        if (done.has(op.which)) continue;
        done.add(op.which);
        try { changes[op.which]!(); } catch { /* a change that no longer applies */ }
        continue;
      }
      time += op.gap;
      const k = op.flow % flows.length;
      const f = flows[k]!;
      const ported = f.protocol !== ICMP;
      const base: Packet = {
        time, src: ip(f.src), dst: ip(f.dst), protocol: f.protocol, sport: ported ? f.sport : 0, dport: ported ? f.dport : 0,
        flags: f.protocol === TCP ? op.flags : 0, icmpType: ported ? -1 : f.icmpType, icmpCode: ported ? -1 : 0, size: 100,
      };
      const a = cached.send({ ...base, flow: caches[k] });
      const b = plain.send(base);
      for (const o of a.observations) {
        if (!o.ref) continue;
        const k = keyOf.get(o.ref);
        if (k === undefined) keyOf.set(o.ref, key(o));
        else assert.equal(key(o), k, 'one ref, one key');
      }
      // The sender's cache rides on the packet, and observation refs are a consumer's shortcut: neither is part of the fate.
      const strip = (p: Packet | undefined) => (p ? { ...p, flow: undefined } : p);
      const plainObs = (os: Observation[]) => os.map((o) => ({ ...o, ref: undefined }));
      assert.deepEqual(
        { ...a, arrived: strip(a.arrived), observations: plainObs(a.observations) },
        { ...b, arrived: strip(b.arrived), observations: plainObs(b.observations) },
        `flow ${k} (${f.src} → ${f.dst}) at ${time}`,
      );
    }
  }), { numRuns: 300 });
});
