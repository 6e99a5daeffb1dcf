import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from './explain.ts';
import { twoTier } from '../testing/two-tier.ts';
import { ip } from '../net/ip.ts';
import type { Question } from './types.ts';
import * as acl from '../ec2/network-acls.ts';
import * as rt from '../ec2/route-tables.ts';
import { runAction } from '../ec2/actions.ts';

function ask(t: ReturnType<typeof twoTier>, from: string, to: string, port: number, proto: Question['proto'] = 'tcp'): Question {
  const party = (label: string) => {
    const inst = [...t.net.instances.values()].find((i) => i.logicalId === label);
    if (inst) {
      const eni = t.net.interfaces.get(inst.eniIds[0]!)!;
      return { label, addr: eni.privateIps[0]!, eni };
    }
    return { label, addr: ip(label) };
  };
  const a = party(from), b = party(to);
  // From outside, an instance is reached at its public address.
  if (!a.eni && b.eni?.publicIp) b.addr = b.eni.publicIp;
  return { from: a, to: b, proto, port, sport: 40000, time: 1767225600 };
}

test('an accepted connection has no blockers and no fix', () => {
  const t = twoTier();
  const x = explain(t.net, ask(t, 'Web', 'DbPi', 3306));
  assert.equal(x.verdict, 'ACCEPT', JSON.stringify(x.legs.map((l) => l.blockedBy)));
  assert.deepEqual(x.legs.map((l) => l.verdict), ['ACCEPT', 'ACCEPT']);
  assert.deepEqual(x.fix, []);
});

test('every blocker of a leg is listed, not only the first (ACL and security group)', () => {
  const t = twoTier();
  const x = explain(t.net, ask(t, 'Web', 'DbPi', 5432));
  const req = x.legs[0]!;
  assert.equal(req.verdict, 'REJECT');
  assert.deepEqual(req.blockedBy.map((b) => [b.type, b.direction, b.logicalId]), [
    ['network-acl', 'inbound', 'BDAcl'],
    ['security-group', 'inbound', 'DbSG'],
  ]);
  assert.equal(req.blockedBy[0]!.ruleNumber, 32767);
  // The ACL fix and the group fix, in path order; applying them makes the connection work.
  assert.deepEqual(x.fix.map((f) => f.text), [
    `add an inbound rule to ${t.dbAcl.id} (BDAcl): rule 110 allow tcp 5432 from 172.31.60.0/27`,
    `add inbound rule tcp 5432 from ${t.webSg.id} (WebSG) to ${t.dbSg.id} (DbSG)`,
  ]);
  for (const f of x.fix) runAction(t.ctx, f.action, f.params);
  assert.equal(explain(t.net, ask(t, 'Web', 'DbPi', 5432)).verdict, 'ACCEPT');
});

test('the stateless response leg: ephemeral-port rule placed before the explicit deny', () => {
  const t = twoTier();
  acl.createNetworkAclEntry(t.ctx, { NetworkAclId: t.dbAcl.id, RuleNumber: 50, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '172.31.60.0/27' });
  const x = explain(t.net, ask(t, 'Web', 'DbPi', 3306));
  assert.equal(x.legs[0]!.verdict, 'ACCEPT');
  const resp = x.legs[1]!;
  assert.deepEqual(resp.blockedBy.map((b) => [b.type, b.direction, b.ruleNumber]), [['network-acl', 'outbound', 50]]);
  assert.equal(x.fix[0]!.text, `add an outbound ephemeral-port rule before rule 50 of ${t.dbAcl.id} (BDAcl): rule 49 allow tcp 1024-65535 to 172.31.60.0/27`);
  runAction(t.ctx, x.fix[0]!.action, x.fix[0]!.params);
  assert.equal(explain(t.net, ask(t, 'Web', 'DbPi', 3306)).verdict, 'ACCEPT');
});

test('a scanner from the internet: security group fix names the scanner address', () => {
  const t = twoTier();
  const x = explain(t.net, ask(t, '54.149.118.103', 'Web', 80));
  assert.equal(x.verdict, 'ACCEPT');
  const y = explain(t.net, ask(t, '54.149.118.103', 'Web', 8080));
  assert.equal(y.verdict, 'REJECT');
  assert.ok(y.fix.some((f) => f.text === `add inbound rule tcp 8080 from 54.149.118.103/32 to ${t.webSg.id} (WebSG)`), y.fix.map((f) => f.text).join('\n'));
});

test('no route back to the internet gateway: route blocker and the route to add', () => {
  const t = twoTier();
  rt.deleteRoute(t.ctx, { RouteTableId: t.publicRt, DestinationCidrBlock: '0.0.0.0/0' });
  const x = explain(t.net, ask(t, '198.51.100.7', 'Web', 80));
  assert.equal(x.verdict, 'REJECT');
  assert.equal(x.legs[0]!.blockedBy[0]!.type, 'route');
  assert.equal(x.fix[0]!.text, `add route 0.0.0.0/0 → ${t.igwId} (Igw) to ${t.publicRt} (PublicRoutes)`);
  runAction(t.ctx, x.fix[0]!.action, x.fix[0]!.params);
  assert.equal(explain(t.net, ask(t, '198.51.100.7', 'Web', 80)).verdict, 'ACCEPT');
});

test('from a private subnet with no route out: dropped before any interface, route fix', () => {
  const t = twoTier();
  const x = explain(t.net, ask(t, 'DbPi', '8.8.8.8', 443));
  assert.equal(x.legs[0]!.blockedBy[0]!.type, 'route');
  assert.ok(x.fix[0]!.text.startsWith('add route 0.0.0.0/0 → '));
});
