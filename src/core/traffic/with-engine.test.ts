/** The simulator driving the real data plane on the two-tier network. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../dataplane/engine.ts';
import type { Observation } from '../dataplane/packet.ts';
import * as acl from '../ec2/network-acls.ts';
import { ACK, FIN, RST, SYN } from '../net/protocol.ts';
import { twoTier } from '../testing/two-tier.ts';
import { rel, run, tcp } from './test-support.ts';

/** The bits AWS keeps in tcp-flags (FIN, SYN, RST, and ACK beside SYN), OR-ed. */
function awsFlags(obs: Observation[]): number {
  return obs.reduce((f, o) => f | (o.tcpFlags & (FIN | SYN | RST)) | ((o.tcpFlags & SYN) && (o.tcpFlags & ACK) ? ACK : 0), 0);
}

test('internet → web on 80: every packet delivered; the web interface records flags 3 inbound and 19 outbound', () => {
  const obs: Observation[] = [];
  const { packets, totals, net } = run([tcp('home', 'Web', 80, { request: 700, response: 5000 })], {
    plane: (t) => new Engine(t.net),
    hooks: { onFate: (_p, f) => obs.push(...f.observations) },
  });
  assert.equal(totals.dropped, 0);
  assert.equal(totals.delivered, packets.length);
  const web = net.webInst.eniIds[0];
  const ingress = obs.filter((o) => o.eni.id === web && o.direction === 'ingress');
  const egress = obs.filter((o) => o.eni.id === web && o.direction === 'egress');
  assert.equal(awsFlags(ingress), 3);
  assert.equal(awsFlags(egress), 19);
  assert.equal(ingress.reduce((n, o) => n + o.bytes, 0), 1072);
  assert.equal(egress.reduce((n, o) => n + o.bytes, 0), 5372);
});

test('internet → web on 22, which the ACL denies: seven SYNs, all rejected', () => {
  const { packets, totals } = run([tcp('home', 'Web', 22)], { plane: (t) => new Engine(t.net) });
  assert.deepEqual(packets.map(rel), [0, 1, 3, 7, 15, 31, 63]);
  assert.deepEqual([totals.delivered, totals.dropped], [0, 7]);
});

test('an ACL change mid-transfer drops the rest; the sender resends, then gives up', () => {
  const t = twoTier();
  const { packets } = run([tcp('home', 'Web', 80, { request: 100, response: 1_000_000, duration: 100 })], {
    net: t,
    plane: () => new Engine(t.net),
    settings: { changes: [{ at: 50, action: 'ReplaceNetworkAclEntry', params: {}, place: 'changes[0]' }] },
    hooks: {
      applyChange: () => acl.replaceNetworkAclEntry(t.ctx, {
        NetworkAclId: t.webAcl.id, RuleNumber: 100, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0',
      }),
    },
  });
  const fromWeb = packets.filter((p) => p.src.text === '172.31.60.10');
  const last = fromWeb.at(-1)!;
  // The segment due just after 50 s and its five resends, 1 + 2 + 4 + 8 + 16 s later.
  const tail = fromWeb.slice(-6).map((p) => Math.round(rel(p) - rel(fromWeb.at(-6)!)));
  assert.deepEqual(tail, [0, 1, 3, 7, 15, 31]);
  assert.ok(rel(fromWeb.at(-6)!) >= 50 && rel(fromWeb.at(-7)!) < 50);
  assert.equal(last.size, 1500);
  assert.equal(packets.filter((p) => p.flags & FIN).length, 0);
});

test('packets and fates refilled in place (as vpcflow run has them) give the same packets and observations', () => {
  const items = [tcp('home', 'Web', 80, { request: 3000, response: 40_000 }), tcp('home', 'Web', 22)];
  const seen = (reuse: boolean) => {
    const out: unknown[] = [];
    const { totals } = run(items, {
      plane: (t) => new Engine(t.net, { reuseFates: reuse }),
      hooks: {
        reusePackets: reuse,
        onFate: (p, f) => out.push({ ...p, flow: undefined }, f.delivered, f.observations.map((o) => ({ ...o, ref: undefined }))),
      },
    });
    return { out, totals };
  };
  assert.deepEqual(seen(true), seen(false));
});
