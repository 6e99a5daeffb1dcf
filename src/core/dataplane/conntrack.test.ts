/**
 * The connection-tracking table against a plain model (a Map of objects, every
 * entry checked for idleness when looked up), across growth, slot reuse and
 * the sweeps a large table does before growing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipv4FromNumber } from '../net/ip.ts';
import { ACK, FIN, ICMP, RST, SYN, TCP, UDP } from '../net/protocol.ts';
import { Rng } from '../random.ts';
import { ConnTrack, NO_ENTRY, TCP_CLOSING_TIMEOUT, TCP_SYN_TIMEOUT } from './conntrack.ts';

const TIMEOUTS = { tcpEstablished: 350, udp: 30, udpStream: 180 };

interface ModelEntry { protocol: number; initiatorOut: boolean; lastSeen: number; tcp: 'syn' | 'established' | 'closing'; finLocal: boolean; finRemote: boolean; requests: number; replies: number }

function idle(e: ModelEntry): number {
  if (e.protocol === TCP) return e.tcp === 'established' ? TIMEOUTS.tcpEstablished : e.tcp === 'closing' ? TCP_CLOSING_TIMEOUT : TCP_SYN_TIMEOUT;
  if (e.protocol === UDP) return e.replies > 1 && e.requests > 1 ? TIMEOUTS.udpStream : TIMEOUTS.udp;
  return 30;
}

function advance(e: ModelEntry, out: boolean, flags: number, now: number): boolean {
  e.lastSeen = now;
  const fromInitiator = out === e.initiatorOut;
  if (fromInitiator) e.requests++;
  else e.replies++;
  if (e.protocol !== TCP) return true;
  if (flags & RST) return false;
  if (e.tcp === 'syn' && !fromInitiator && (flags & (SYN | ACK)) === (SYN | ACK)) e.tcp = 'established';
  else if (e.tcp === 'syn' && fromInitiator && (flags & ACK) && !(flags & SYN) && e.replies > 0) e.tcp = 'established';
  if (flags & FIN) {
    if (out) e.finLocal = true;
    else e.finRemote = true;
    if (e.finLocal && e.finRemote) e.tcp = 'closing';
  }
  return true;
}

test('lookups, tracking and expiry match a plain model, through 400,000 packets, slot reuse and the sweeps of a full table', () => {
  const ct = new ConnTrack();
  const model = new Map<string, ModelEntry>();
  const rng = new Rng('conntrack');
  const addrs = Array.from({ length: 64 }, (_, i) => ipv4FromNumber(0x0a000000 + i));
  const flagsOf = [SYN, SYN | ACK, ACK, ACK, ACK, FIN | ACK, RST];
  let now = 1000;
  for (let step = 0; step < 400_000; step++) {
    now += rng.int(0, 3) * 0.001;
    const protocol = [TCP, TCP, TCP, UDP, ICMP][rng.int(0, 4)]!;
    const eni = rng.int(1, 4);
    const local = addrs[rng.int(0, 63)]!, remote = addrs[rng.int(0, 63)]!;
    // New ports most of the time: a stream of short connections, some ports met again.
    const lport = protocol === ICMP ? 0 : rng.int(0, 9) === 0 ? rng.int(1, 50) : 1024 + (step % 60000);
    const rport = protocol === ICMP ? 0 : rng.int(80, 82);
    const out = rng.int(0, 1) === 0;
    const flags = protocol === TCP ? flagsOf[rng.int(0, flagsOf.length - 1)]! : 0;
    const key = `${eni} ${protocol} ${local.text} ${lport} ${remote.text} ${rport}`;
    const m = model.get(key);
    const alive = m !== undefined && now - m.lastSeen <= idle(m);
    if (m && !alive) model.delete(key);
    const id = ct.find(eni, protocol, local, lport, remote, rport, now);
    assert.equal(id !== NO_ENTRY, alive, `step ${step}: ${key}`);
    if (alive) {
      assert.equal(ct.tcpState(id), m!.tcp);
      const goOn = ct.advance(id, out, flags, now);
      assert.equal(goOn, advance(m!, out, flags, now));
      if (!goOn) {
        ct.remove(id);
        model.delete(key);
      }
    } else if (!(flags & (RST | FIN))) {
      const e: ModelEntry = { protocol, initiatorOut: out, lastSeen: now, tcp: 'syn', finLocal: false, finRemote: false, requests: 0, replies: 0 };
      const nid = ct.add(eni, protocol, local, lport, remote, rport, out ? 'out' : 'in', now, TIMEOUTS);
      ct.advance(nid, out, flags, now);
      advance(e, out, flags, now);
      model.set(key, e);
    }
  }
  // Nothing idle survives a sweep, nothing alive is lost.
  ct.sweep(now);
  let alive = 0;
  for (const e of model.values()) if (now - e.lastSeen <= idle(e)) alive++;
  assert.equal(ct.size, alive);
});
