/**
 * Security-group connection tracking, per interface. A tracked connection lets
 * its packets through in both directions whatever the rules say, until it
 * closes or idles out. Lookups hash the 5-tuple into a number and chain on
 * collision, so the per-packet path does not build string keys.
 */
import type { IpAddr } from '../net/ip.ts';
import { ACK, FIN, ICMP, ICMPV6, RST, SYN, TCP, UDP } from '../net/protocol.ts';
import type { ConnTrackTimeouts } from '../model/types.ts';

/**
 * Idle timeouts AWS does not document, chosen to follow Linux conntrack
 * (recorded in docs/LIMITATIONS.md): a TCP connection not yet established,
 * an ICMP exchange, a TCP connection after both FINs, other protocols (600 s is documented).
 */
export const TCP_SYN_TIMEOUT = 120;
export const TCP_CLOSING_TIMEOUT = 10;
export const ICMP_TIMEOUT = 30;
export const OTHER_PROTOCOL_TIMEOUT = 600;

export type TcpState = 'syn' | 'established' | 'closing';

export interface ConnEntry {
  eni: number;
  protocol: number;
  local: IpAddr;
  lport: number;
  remote: IpAddr;
  rport: number;
  /** Which way the first packet went: 'out' (the interface initiated) or 'in'. */
  initiator: 'in' | 'out';
  lastSeen: number;
  tcp: TcpState;
  finLocal: boolean;
  finRemote: boolean;
  /** Packets seen in the non-initiating direction (UDP stream detection). */
  replies: number;
  requests: number;
  timeouts: ConnTrackTimeouts;
  next: ConnEntry | undefined;
  /** Set when the entry leaves the table, so cached references know it is gone. */
  dead: boolean;
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return (h << 13) | (h >>> 19);
}

function hashTuple(eni: number, protocol: number, local: IpAddr, lport: number, remote: IpAddr, rport: number): number {
  let h = mix(eni, protocol);
  h = mix(h, local.w3); h = mix(h, local.w2); h = mix(h, local.w0);
  h = mix(h, remote.w3); h = mix(h, remote.w2); h = mix(h, remote.w0);
  h = mix(h, (lport << 16) | rport);
  // 30 bits keep the key a small integer in V8; larger numbers are boxed and slow as Map keys.
  return h >>> 2;
}

export class ConnTrack {
  private readonly table = new Map<number, ConnEntry>();
  private inserts = 0;
  size = 0;

  /** Ports are ignored for protocols other than TCP/UDP (AWS tracks those by address and protocol). */
  find(eni: number, protocol: number, local: IpAddr, lport: number, remote: IpAddr, rport: number, now: number): ConnEntry | undefined {
    if (protocol !== TCP && protocol !== UDP) { lport = 0; rport = 0; }
    const h = hashTuple(eni, protocol, local, lport, remote, rport);
    let prev: ConnEntry | undefined;
    for (let e = this.table.get(h); e !== undefined; prev = e, e = e.next) {
      if (e.eni !== eni || e.protocol !== protocol || e.local !== local || e.remote !== remote || e.lport !== lport || e.rport !== rport) continue;
      if (now - e.lastSeen > idleTimeout(e)) {
        this.unlink(h, prev, e);
        return undefined;
      }
      return e;
    }
    return undefined;
  }

  add(eni: number, protocol: number, local: IpAddr, lport: number, remote: IpAddr, rport: number, initiator: 'in' | 'out', now: number, timeouts: ConnTrackTimeouts): ConnEntry {
    if (protocol !== TCP && protocol !== UDP) { lport = 0; rport = 0; }
    const h = hashTuple(eni, protocol, local, lport, remote, rport);
    const e: ConnEntry = {
      eni, protocol, local, lport, remote, rport, initiator, lastSeen: now, tcp: 'syn', finLocal: false, finRemote: false,
      replies: 0, requests: 0, timeouts, next: this.table.get(h), dead: false,
    };
    this.table.set(h, e);
    this.size++;
    if (++this.inserts % 65536 === 0) this.sweep(now);
    return e;
  }

  remove(e: ConnEntry): void {
    const h = hashTuple(e.eni, e.protocol, e.local, e.lport, e.remote, e.rport);
    let prev: ConnEntry | undefined;
    for (let x = this.table.get(h); x !== undefined; prev = x, x = x.next) {
      if (x === e) { this.unlink(h, prev, x); return; }
    }
  }

  /** Whether a remembered entry still stands for this tuple at this time (cheap: no hashing). */
  stillValid(e: ConnEntry, eni: number, local: IpAddr, lport: number, remote: IpAddr, rport: number, now: number): boolean {
    if (e.dead || e.eni !== eni || e.local !== local || e.remote !== remote) return false;
    if ((e.protocol === TCP || e.protocol === UDP) && (e.lport !== lport || e.rport !== rport)) return false;
    if (now - e.lastSeen > idleTimeout(e)) return false;
    return true;
  }

  private unlink(h: number, prev: ConnEntry | undefined, e: ConnEntry): void {
    e.dead = true;
    if (prev) prev.next = e.next;
    else if (e.next) this.table.set(h, e.next);
    else this.table.delete(h);
    this.size--;
  }

  /** Drops idle entries so memory follows the number of live connections. */
  sweep(now: number): void {
    for (const [h, head] of this.table) {
      let prev: ConnEntry | undefined;
      for (let e: ConnEntry | undefined = head; e !== undefined;) {
        const next: ConnEntry | undefined = e.next;
        if (now - e.lastSeen > idleTimeout(e)) this.unlink(h, prev, e);
        else prev = e;
        e = next;
      }
    }
  }

  clear(): void {
    for (const head of this.table.values()) for (let e: ConnEntry | undefined = head; e; e = e.next) e.dead = true;
    this.table.clear();
    this.size = 0;
  }
}

export function idleTimeout(e: ConnEntry): number {
  switch (e.protocol) {
    case TCP: return e.tcp === 'established' ? e.timeouts.tcpEstablished : e.tcp === 'closing' ? TCP_CLOSING_TIMEOUT : TCP_SYN_TIMEOUT;
    case UDP: return e.replies > 1 && e.requests > 1 ? e.timeouts.udpStream : e.timeouts.udp;
    case ICMP: case ICMPV6: return ICMP_TIMEOUT;
    default: return OTHER_PROTOCOL_TIMEOUT;
  }
}

/**
 * Moves a tracked connection along with one packet; returns false when the
 * connection is over (RST, or the last ACK after both FINs) and must be dropped.
 */
export function advance(e: ConnEntry, dir: 'in' | 'out', flags: number, now: number): boolean {
  e.lastSeen = now;
  if (dir === e.initiator) e.requests++;
  else e.replies++;
  if (e.protocol !== TCP) return true;
  if (flags & RST) return false;
  if (e.tcp === 'syn' && dir !== e.initiator && (flags & (SYN | ACK)) === (SYN | ACK)) e.tcp = 'established';
  else if (e.tcp === 'syn' && dir === e.initiator && (flags & ACK) && !(flags & SYN) && e.replies > 0) e.tcp = 'established';
  if (flags & FIN) {
    if (dir === 'out') e.finLocal = true;
    else e.finRemote = true;
    if (e.finLocal && e.finRemote) e.tcp = 'closing';
  }
  return true;
}
