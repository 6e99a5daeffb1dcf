import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACK, FIN, PSH, RST, SYN, URG } from '../net/protocol.ts';
import { awsTcpFlags } from './tcp-flags.ts';

const ECE = 0x40;

test("AWS's tcp-flags rule, one packet at a time", () => {
  assert.equal(awsTcpFlags(FIN), 1);
  assert.equal(awsTcpFlags(SYN), 2);
  assert.equal(awsTcpFlags(RST), 4);
  assert.equal(awsTcpFlags(SYN | ACK), 18, 'SYN-ACK');
  assert.equal(awsTcpFlags(ACK), 0, 'ACK alone is not recorded');
  assert.equal(awsTcpFlags(PSH | ACK), 0);
  assert.equal(awsTcpFlags(URG), 0);
  assert.equal(awsTcpFlags(FIN | ACK), 1);
  assert.equal(awsTcpFlags(RST | ACK), 4);
  assert.equal(awsTcpFlags(SYN | ECE), 2, 'unsupported flags next to supported ones drop out');
  assert.equal(awsTcpFlags(0), 0);
});

test('the rule is idempotent, so values already reduced by the data plane pass unchanged', () => {
  for (let raw = 0; raw < 256; raw++) assert.equal(awsTcpFlags(awsTcpFlags(raw)), awsTcpFlags(raw), String(raw));
});

test('ORed over a connection: 3 on the client side, 19 on the server side', () => {
  const or = (packets: number[]) => packets.reduce((v, p) => v | awsTcpFlags(p), 0);
  assert.equal(or([SYN, ACK, PSH | ACK, ACK, FIN | ACK, ACK]), 3);
  assert.equal(or([SYN | ACK, ACK, PSH | ACK, FIN | ACK]), 19);
});
