/**
 * The `packets` traffic extension (docs/SCENARIO-EXTENSIONS.md): how the loader
 * reads it, what it refuses, and the packets the simulator sends for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ICMP, ICMPV6, PSH, ACK, SYN, TCP, UDP } from '../../src/core/net/protocol.ts';
import type { PacketsItem } from '../../src/core/scenario/types.ts';
import { ip } from '../../src/core/net/ip.ts';
import { twoTier } from '../../src/core/testing/two-tier.ts';
import { rel, run } from '../../src/core/traffic/test-support.ts';
import { WEB_DB, assertScenarioError, loadYaml, pos } from '../fixtures/scenarios/helpers.ts';

const TEMPLATE = `Resources:${WEB_DB}
`;
const HEAD = 'name: t\ntemplate: ./net.cfn.yaml\ntraffic:\n';

function item(body: string): PacketsItem {
  const s = loadYaml(HEAD + body, TEMPLATE);
  const it = s.settings.traffic[0]!;
  assert.equal(it.kind, 'packets');
  return it as PacketsItem;
}

test('reading: runs with size or bytes, flags by name or number, after and over as durations', () => {
  const it = item(`  - at: 5s
    packets:
      from: Web
      to: Db
      proto: tcp
      port: 3389
      sport: 49761
      send:
        - { size: 60, flags: SYN }
        - { count: 20, bytes: 4249, flags: PSH|ACK, after: 1s, over: 1m }
        - { size: 52, flags: 17 }
`);
  assert.equal(it.at, 5);
  assert.equal(it.proto, 'tcp');
  assert.equal(it.port, 3389);
  assert.equal(it.sport, 49761);
  assert.deepEqual(it.runs, [
    { count: 1, bytes: 60, flags: SYN, after: 0, over: 0 },
    { count: 20, bytes: 4249, flags: PSH | ACK, after: 1, over: 60 },
    { count: 1, bytes: 52, flags: 17, after: 0, over: 0 },
  ]);
});

test('reading: ICMP takes type and code, and TCP packets default to ACK', () => {
  const icmp = item('  - packets: { from: Web, to: Db, proto: icmp, type: 0, code: 0, send: [{ count: 4, size: 84 }] }\n');
  assert.deepEqual([icmp.icmpType, icmp.icmpCode, icmp.port, icmp.runs[0]!.flags, icmp.runs[0]!.bytes], [0, 0, 0, 0, 336]);
  const tcp = item('  - packets: { from: Web, to: Db, proto: tcp, port: 80, send: [{ size: 52 }] }\n');
  assert.equal(tcp.runs[0]!.flags, ACK);
});

test('reading: what the extension refuses, with the place and what was expected', () => {
  const bad = (body: string, needle: string, place: string, expected: RegExp, found: RegExp) => {
    const text = HEAD + body;
    assertScenarioError(() => loadYaml(text, TEMPLATE), { file: 'scenario.yaml', ...pos(text, needle), place, expected, found });
  };
  bad('  - packets: { from: Web, to: Db, proto: gre, port: 1, send: [{ size: 60 }] }\n', 'gre', 'traffic[0].packets.proto', /^tcp, udp or icmp$/, /^"gre"$/);
  bad('  - packets: { from: Web, to: Db, proto: tcp, port: 1, send: [{ size: 39 }] }\n', '39', 'traffic[0].packets.send[0].size', /IPv4 tcp packets of 40 to 65535 bytes/, /^39$/);
  bad('  - packets: { from: Web, to: Db, proto: udp, port: 1, send: [{ count: 2, bytes: 55 }] }\n', '55', 'traffic[0].packets.send[0].bytes', /makes 2 IPv4 udp packets of 28 to/, /^55$/);
  bad('  - packets: { from: Web, to: Db, proto: tcp, port: 1, send: [{ count: 2 }] }\n', '{ count', 'traffic[0].packets.send[0]', /exactly one of size .* and bytes/, /^neither$/);
  bad('  - packets: { from: Web, to: Db, proto: tcp, port: 1, send: [{ size: 60, flags: SYN|AKC }] }\n', 'SYN|AKC', 'traffic[0].packets.send[0].flags', /TCP flags: names among FIN, SYN/, /^"SYN\|AKC"$/);
  bad('  - packets: { from: Web, to: Db, proto: udp, port: 1, send: [{ size: 60, flags: SYN }] }\n', 'SYN', 'traffic[0].packets.send[0].flags', /tcp only/, /^"SYN"$/);
  bad('  - packets: { from: Web, to: Db, proto: icmp, port: 1, send: [{ size: 60 }] }\n', '1, send', 'traffic[0].packets.port', /icmp|tcp and udp only/, /port with proto icmp/);
  bad('  - packets: { from: Web, to: Db, proto: tcp, port: 1, send: [] }\n', 'send', 'traffic[0].packets.send', /at least one run/, /empty list/);
  bad('  - packets: { from: Web, to: Db, proto: tcp, port: 1, send: [{ size: 60, every: 1s }] }\n', '1s }', 'traffic[0].packets.send[0].every', /^a field of a run \(count, size, bytes, flags, after, over\)$/, /^"every"/);
  // Over IPv6 the headers are 20 bytes longer, and so is the smallest packet.
  bad('  - packets: { from: Web, to: "2001:db8::1", proto: udp, port: 1, send: [{ size: 47 }] }\n', '47', 'traffic[0].packets.send[0].size', /IPv6 udp packets of 48 to/, /^47$/);
});

const packetsItem = (more: Partial<PacketsItem>): PacketsItem => ({
  at: 0, repeat: 1, every: 0, place: 'traffic[0]', kind: 'packets',
  from: { kind: 'logical', logicalId: 'Web' }, to: { kind: 'logical', logicalId: 'DbPi' },
  proto: 'tcp', port: 3389, icmpCode: 0, runs: [], ...more,
});

test('sending: bytes split evenly (odd bytes first), spaced over `over`, runs one after another, nothing answers', () => {
  const { packets } = run([packetsItem({
    sport: 49761,
    runs: [
      { count: 1, bytes: 60, flags: SYN, after: 0.5, over: 0 },
      { count: 4, bytes: 302, flags: PSH | ACK, after: 1, over: 3 },
      { count: 2, bytes: 104, flags: ACK, after: 0, over: 0 },
    ],
  })]);
  assert.deepEqual(packets.map((p) => [rel(p), p.src.text, p.dst.text, p.sport, p.dport, p.protocol, p.flags, p.size]), [
    [0.5, '172.31.60.10', '172.31.50.10', 49761, 3389, TCP, SYN, 60],
    [1.5, '172.31.60.10', '172.31.50.10', 49761, 3389, TCP, PSH | ACK, 76],
    [2.5, '172.31.60.10', '172.31.50.10', 49761, 3389, TCP, PSH | ACK, 76],
    [3.5, '172.31.60.10', '172.31.50.10', 49761, 3389, TCP, PSH | ACK, 75],
    [4.5, '172.31.60.10', '172.31.50.10', 49761, 3389, TCP, PSH | ACK, 75],
    // After the last run, back to back: 10 µs apart.
    [4.50001, '172.31.60.10', '172.31.50.10', 49761, 3389, TCP, ACK, 52],
    [4.50002, '172.31.60.10', '172.31.50.10', 49761, 3389, TCP, ACK, 52],
  ]);
});

test('sending: UDP takes an ephemeral port from the seed; ICMP defaults to echo request (128 over IPv6)', () => {
  const udp = run([packetsItem({ proto: 'udp', port: 514, runs: [{ count: 2, bytes: 200, flags: 0, after: 0, over: 1 }] })]).packets;
  assert.deepEqual(udp.map((p) => [p.protocol, p.dport, p.size]), [[UDP, 514, 100], [UDP, 514, 100]]);
  assert.ok(udp[0]!.sport >= 32768 && udp[0]!.sport <= 60999 && udp[1]!.sport === udp[0]!.sport);
  const v4 = run([packetsItem({ proto: 'icmp', port: 0, runs: [{ count: 1, bytes: 84, flags: 0, after: 0, over: 0 }] })]).packets;
  assert.deepEqual(v4.map((p) => [p.protocol, p.icmpType, p.icmpCode, p.size]), [[ICMP, 8, 0, 84]]);
  const t = twoTier();
  t.net.interfaces.get(t.webInst.eniIds[0]!)!.ipv6Ips.push(ip('2001:db8:1::10'));
  const v6 = run([packetsItem({ proto: 'icmp', port: 0, icmpType: undefined, to: { kind: 'address', address: '2001:db8:ffff::1' }, runs: [{ count: 1, bytes: 104, flags: 0, after: 0, over: 0 }] })], { net: t }).packets;
  assert.deepEqual(v6.map((p) => [p.protocol, p.icmpType, p.size, p.dst.text]), [[ICMPV6, 128, 104, '2001:db8:ffff::1']]);
});

test('sending: repeat runs the whole list again, every seconds apart', () => {
  const { packets } = run([packetsItem({ repeat: 2, every: 10, sport: 40000, runs: [{ count: 2, bytes: 120, flags: ACK, after: 0, over: 1 }] })]);
  assert.deepEqual(packets.map((p) => rel(p)), [0, 1, 10, 11]);
});
