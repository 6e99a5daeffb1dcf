/**
 * "Would this connection work, and if not, why?" Both legs (request and
 * response) go through the real data plane in probe mode, which keeps going
 * past a blocker as if it were lifted, so every blocker on a leg is listed,
 * not only the first — as Reachability Analyzer does.
 */
import type { Network } from '../model/network.ts';
import { ICMP, ICMPV6, SYN, ACK, TCP, UDP } from '../net/protocol.ts';
import { Engine } from '../dataplane/engine.ts';
import type { Decision, Fate, Packet } from '../dataplane/packet.ts';
import { fixesFor } from './fixes.ts';
import type { Blocker, Explanation, Hop, Leg, Question } from './types.ts';

const HEADER = { tcp: 20 + 20 + 20, udp: 20 + 8, icmp: 20 + 8 + 56 } as const;

function requestPacket(q: Question): Packet {
  const v6 = q.from.addr.fam === 6;
  const proto = q.proto === 'tcp' ? TCP : q.proto === 'udp' ? UDP : v6 ? ICMPV6 : ICMP;
  const icmp = q.proto === 'icmp';
  return {
    time: q.time, src: q.from.addr, dst: q.to.addr, protocol: proto,
    sport: icmp ? 0 : q.sport, dport: icmp ? 0 : q.port, flags: q.proto === 'tcp' ? SYN : 0,
    icmpType: icmp ? (v6 ? 128 : 8) : -1, icmpCode: icmp ? 0 : -1, size: HEADER[q.proto] + (v6 ? 20 : 0),
  };
}

function responseTo(req: Packet, arrived: Packet): Packet {
  const icmp = req.protocol === ICMP || req.protocol === ICMPV6;
  return {
    ...arrived, time: arrived.time + 0.001, src: arrived.dst, dst: arrived.src, sport: arrived.dport, dport: arrived.sport,
    flags: req.protocol === TCP ? SYN | ACK : 0, icmpType: icmp ? (req.protocol === ICMP ? 0 : 129) : -1,
  };
}

function hop(net: Network, d: Decision): Hop {
  return {
    type: d.type, id: d.id, logicalId: net.logicalIdOf(d.id), direction: d.direction, verdict: d.verdict,
    ruleNumber: d.ruleNumber, ruleId: d.ruleId, reason: d.reason,
  };
}

function blocker(net: Network, d: Decision): Blocker {
  const type = d.type === 'aws-service' ? 'interface' : d.type;
  const dir = d.direction === 'inbound' || d.direction === 'ingress' ? 'inbound' : d.direction === 'outbound' || d.direction === 'egress' ? 'outbound' : undefined;
  return {
    type, id: d.id, logicalId: net.logicalIdOf(d.id), direction: dir,
    ruleNumber: d.type === 'network-acl' ? d.ruleNumber : undefined, reason: d.reason, code: d.code,
  };
}

function leg(net: Network, name: Leg['leg'], p: Packet, fate: Fate): Leg {
  const blockers = fate.decisions.filter((d) => d.verdict === 'deny');
  const reached = fate.to !== undefined;
  return {
    leg: name, verdict: blockers.length === 0 && reached ? 'ACCEPT' : 'REJECT',
    packet: `${p.src.text}${p.sport ? `:${p.sport}` : ''} → ${p.dst.text}${p.dport ? `:${p.dport}` : ''}`,
    hops: fate.decisions.map((d) => hop(net, d)), blockedBy: blockers.map((d) => blocker(net, d)),
  };
}

export function explain(net: Network, q: Question): Explanation {
  const engine = new Engine(net);
  const req = requestPacket(q);
  const first = engine.send(req, { trace: true, probe: true });
  const legs: Leg[] = [leg(net, 'request', req, first)];
  if (first.arrived && first.to) {
    const resp = responseTo(req, first.arrived);
    legs.push(leg(net, 'response', resp, engine.send(resp, { trace: true, probe: true })));
  } else {
    legs.push({ leg: 'response', verdict: 'REJECT', packet: '-', hops: [], blockedBy: [], note: 'not evaluated: the request reaches no one' });
  }
  const verdict = legs.every((l) => l.verdict === 'ACCEPT') ? 'ACCEPT' : 'REJECT';
  return {
    verdict,
    from: { label: q.from.label, address: q.from.addr.text, interfaceId: q.from.eni?.id },
    to: { label: q.to.label, address: q.to.addr.text, interfaceId: q.to.eni?.id },
    protocol: q.proto, port: q.port, legs,
    fix: verdict === 'ACCEPT' ? [] : fixesFor(net, q, legs, req),
  };
}
