import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Packet } from '../dataplane/packet.ts';
import { ip } from '../net/ip.ts';
import { ACK, FIN, PSH, RST, SYN } from '../net/protocol.ts';
import { twoTier } from '../testing/two-tier.ts';
import { synDeadline } from './tcp.ts';
import { rel, run, tcp } from './test-support.ts';

const WEB = '172.31.60.10', DB = '172.31.50.10';

/** [seconds after start, C or S, flags, bytes] for each packet. */
function trace(packets: Packet[], client: string): [number, string, number, number][] {
  return packets.map((p) => [rel(p), p.src.text === client ? 'C' : 'S', p.flags, p.size]);
}

function perDirection(packets: Packet[], client: string) {
  const sum = (mine: boolean) => {
    const ps = packets.filter((p) => (p.src.text === client) === mine);
    // The flag bits AWS keeps: FIN, SYN, RST, and ACK only beside SYN.
    const flags = ps.reduce((f, p) => f | (p.flags & (FIN | SYN | RST)) | ((p.flags & SYN) && (p.flags & ACK) ? ACK : 0), 0);
    return { packets: ps.length, bytes: ps.reduce((n, p) => n + p.size, 0), flags };
  };
  return { client: sum(true), server: sum(false) };
}

test('a small connection inside the VPC: handshake, 700-byte request, 5000-byte response, close', () => {
  const { packets } = run([tcp('Web', 'DbPi', 3306, { request: 700, response: 5000 })]);
  assert.deepEqual(trace(packets, WEB), [
    [0, 'C', SYN, 60],
    [0.0002, 'S', SYN | ACK, 60],
    [0.0004, 'C', ACK, 52],
    [0.00041, 'C', PSH | ACK, 752],
    [0.00061, 'S', ACK, 52],
    [0.00062, 'S', ACK, 1500],
    [0.00063, 'S', ACK, 1500],
    [0.00064, 'S', ACK, 1500],
    [0.00065, 'S', PSH | ACK, 708],
    [0.00083, 'C', ACK, 52],
    [0.00085, 'C', ACK, 52],
    [0.00086, 'C', FIN | ACK, 52],
    [0.00106, 'S', FIN | ACK, 52],
    [0.00126, 'C', ACK, 52],
  ]);
  // Hand count: client 60 + 52 + (52 + 700) + 3 × 52 = 1072; server 60 + 52 + 3 × 1500 + (52 + 656) + 52 = 5372.
  // Flags as AWS records them: 3 (SYN, FIN) client side, 19 (SYN-ACK, FIN) server side.
  assert.deepEqual(perDirection(packets, WEB), {
    client: { packets: 7, bytes: 1072, flags: 3 },
    server: { packets: 7, bytes: 5372, flags: 19 },
  });
  assert.ok(packets.every((p) => p.dport === (p.src.text === WEB ? 3306 : packets[0]!.sport)));
  assert.equal(packets.filter((p) => p.src.text === DB).length, 7);
});

test('from the internet: to the public address, 10 ms each way, the server answers from its private address', () => {
  const { packets } = run([tcp('home', 'Web', 80, { request: 100 })]);
  assert.equal(packets[0]!.dst.text, '3.80.10.20');
  assert.equal(packets[1]!.src.text, WEB);
  assert.equal(packets[1]!.dst.text, '198.51.100.7');
  assert.equal(rel(packets[1]!), 0.01);
  assert.equal(rel(packets[2]!), 0.02);
  // Request only: SYN, SYN-ACK, ACK, data, the server's ACK, then FIN / FIN-ACK / ACK.
  assert.deepEqual(packets.map((p) => p.flags), [SYN, SYN | ACK, ACK, PSH | ACK, FIN | ACK, ACK, FIN | ACK, ACK]);
  assert.deepEqual(packets.map((p) => p.size), [60, 60, 52, 152, 52, 52, 52, 52]);
});

test('a bulk transfer is cut into 1448-byte segments, ACKed every second one', () => {
  const { packets } = run([tcp('Web', 'DbPi', 3306, { request: 200, response: 1_000_000 })]);
  const fromServer = packets.filter((p) => p.src.text === DB);
  const data = fromServer.filter((p) => p.size > 52 && !(p.flags & SYN));
  // 1 000 000 = 690 × 1448 + 880
  assert.equal(data.length, 691);
  assert.equal(data.at(-1)!.size, 52 + 880);
  assert.equal(data.filter((p) => p.flags === (PSH | ACK)).length, 1);
  const clientAcks = packets.filter((p) => p.src.text === WEB && p.flags === ACK).length;
  // the handshake ACK, ceil(691 / 2) = 346 data ACKs, the final ACK
  assert.equal(clientAcks, 1 + 346 + 1);
  assert.equal(fromServer.reduce((n, p) => n + p.size, 0), 60 + 52 + 1_000_000 + 691 * 52 + 52);
});

test('an unanswered SYN is retried 6 times at 1, 3, 7, 15, 31 and 63 s, then given up', () => {
  const { packets, totals } = run([tcp('Web', 'DbPi', 3306, { request: 10 })], { drop: () => true });
  assert.deepEqual(packets.map(rel), [0, 1, 3, 7, 15, 31, 63]);
  assert.ok(packets.every((p) => p.flags === SYN && p.size === 60));
  assert.deepEqual([totals.packets, totals.delivered, totals.dropped], [7, 0, 7]);
  assert.equal(synDeadline(6), 127);
});

test('retries follow the item, and the gap stops doubling at 120 s', () => {
  assert.deepEqual(run([tcp('Web', 'DbPi', 1, { retries: 2 })], { drop: () => true }).packets.map(rel), [0, 1, 3]);
  assert.deepEqual(run([tcp('Web', 'DbPi', 1, { retries: 9 })], { drop: () => true }).packets.map(rel), [0, 1, 3, 7, 15, 31, 63, 127, 247, 367]);
});

test('a dropped SYN-ACK: the client retries, the server answers every SYN, the third answer gets through', () => {
  let synAcks = 0;
  const { packets } = run([tcp('Web', 'DbPi', 3306)], { drop: (p) => p.flags === (SYN | ACK) && ++synAcks <= 2 });
  const synAt = packets.filter((p) => p.flags === SYN).map(rel);
  assert.deepEqual(synAt, [0, 1, 3]);
  assert.equal(packets.filter((p) => p.flags === (SYN | ACK)).length, 3);
  assert.deepEqual(packets.slice(6).map((p) => p.flags), [ACK, FIN | ACK, FIN | ACK, ACK]);
});

test('a SYN to a port the server does not listen on is answered RST-ACK, and the attempt ends', () => {
  const { packets } = run([tcp('Web', 'DbPi', 3306, { request: 100 })], { settings: { listen: { DbPi: [22] } } });
  assert.deepEqual(packets.map((p) => [rel(p), p.flags, p.size]), [[0, SYN, 60], [0.0002, RST | ACK, 40]]);
  const ok = run([tcp('Web', 'DbPi', 22, { request: 100 })], { settings: { listen: { DbPi: [22] } } });
  assert.deepEqual(ok.packets.map((p) => p.flags), [SYN, SYN | ACK, ACK, PSH | ACK, FIN | ACK, ACK, FIN | ACK, ACK]);
});

test('a dropped data segment is resent 1 s later and the transfer goes on', () => {
  let drops = 0;
  const { packets } = run([tcp('Web', 'DbPi', 3306, { request: 3000 })], { drop: (p) => p.size > 60 && ++drops === 2 });
  const data = packets.filter((p) => p.src.text === WEB && p.size > 60);
  // 3000 = 1448 + 1448 + 104: the second segment is lost once.
  assert.deepEqual(data.map((p) => [rel(p), p.size]), [[0.00041, 1500], [0.00042, 1500], [1.00042, 1500], [1.00043, 156]]);
  assert.equal(packets.at(-1)!.flags, ACK);
  assert.equal(packets.filter((p) => p.flags & FIN).length, 2);
});

test('a data segment dropped six times in a row: resent after 1, 2, 4, 8, 16 s, then the connection is given up', () => {
  const { packets } = run([tcp('Web', 'DbPi', 3306, { request: 500 })], { drop: (p) => p.size === 552 });
  const data = packets.filter((p) => p.size === 552).map(rel);
  assert.deepEqual(data, [0.00041, 1.00041, 3.00041, 7.00041, 15.00041, 31.00041]);
  assert.equal(packets.length, 3 + 6);
  assert.equal(packets.filter((p) => p.flags & (FIN | RST)).length, 0);
});

test('`duration` spreads the segments evenly and the close waits for it', () => {
  const { packets } = run([tcp('Web', 'DbPi', 3306, { request: 2896, response: 2896, duration: 10 })]);
  const data = packets.filter((p) => p.size === 1500).map((p) => [rel(p), p.src.text === WEB ? 'C' : 'S']);
  // Four segments over 10 s: 2.5 s apart; the server starts when the request's last segment arrives.
  assert.deepEqual(data, [[0.00041, 'C'], [2.50041, 'C'], [2.50062, 'S'], [5.00062, 'S']]);
  const fin = packets.find((p) => p.flags === (FIN | ACK))!;
  assert.equal(rel(fin), 10.0004);
});

test('idle connection: with no data, `duration` keeps it open that long', () => {
  const { packets } = run([tcp('Web', 'DbPi', 3306, { duration: 300 })]);
  assert.deepEqual(packets.map((p) => p.flags), [SYN, SYN | ACK, ACK, FIN | ACK, FIN | ACK, ACK]);
  assert.equal(rel(packets[3]!), 300.0004);
});

test('a server that speaks first (request 0) sends once the handshake completes', () => {
  const { packets } = run([tcp('Web', 'DbPi', 22, { response: 40 })]);
  assert.deepEqual(packets.map((p) => [p.src.text === WEB ? 'C' : 'S', p.flags, p.size]), [
    ['C', SYN, 60], ['S', SYN | ACK, 60], ['C', ACK, 52], ['S', PSH | ACK, 92], ['C', ACK, 52], ['C', FIN | ACK, 52], ['S', FIN | ACK, 52], ['C', ACK, 52],
  ]);
});

test('IPv6: 80-byte SYNs, 72-byte ACKs, 1428-byte segments in 1500-byte packets', () => {
  const t = twoTier();
  t.net.interfaces.get(t.webInst.eniIds[0]!)!.ipv6Ips.push(ip('2001:db8:1::10'));
  const { packets } = run([tcp('2001:db8:ffff::1', 'Web', 443, { response: 3000 })], { net: t });
  assert.equal(packets[0]!.dst.text, '2001:db8:1::10');
  // 3000 = 1428 + 1428 + 144
  assert.deepEqual(packets.map((p) => p.size), [80, 80, 72, 1500, 1500, 216, 72, 72, 72, 72, 72]);
});
