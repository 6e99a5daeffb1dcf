/**
 * Narrows a rule list to the rules that can match a packet's protocol and
 * destination port, keeping rule order (first-match semantics survive). The
 * port space of TCP and UDP is cut at every rule boundary, so a lookup is a
 * binary search plus a short candidate list; other protocols get one list each.
 * Built once per compile; lookups allocate nothing.
 */
import { ALL_PROTOCOLS, TCP, UDP } from '../net/protocol.ts';

export interface PortRule {
  protocol: number;
  /** -1 when the rule matches every port (or is not a port protocol). */
  portFrom: number;
  portTo: number;
}

interface PortTable {
  starts: Int32Array;
  lists: Int32Array[];
}

const EMPTY = new Int32Array(0);

export class PortIndex {
  private readonly tcp: PortTable;
  private readonly udp: PortTable;
  private readonly other = new Map<number, Int32Array>();

  constructor(private readonly rules: readonly PortRule[]) {
    this.tcp = this.table(TCP);
    this.udp = this.table(UDP);
  }

  private applies(r: PortRule, protocol: number): boolean {
    return r.protocol === ALL_PROTOCOLS || r.protocol === protocol;
  }

  private table(protocol: number): PortTable {
    const cuts = new Set<number>([0]);
    for (const r of this.rules) {
      if (!this.applies(r, protocol) || r.portFrom < 0) continue;
      cuts.add(r.portFrom);
      if (r.portTo < 65535) cuts.add(r.portTo + 1);
    }
    const starts = Int32Array.from([...cuts].sort((a, b) => a - b));
    const lists = Array.from(starts, (s) => {
      const ids: number[] = [];
      this.rules.forEach((r, i) => {
        if (this.applies(r, protocol) && (r.portFrom < 0 || (s >= r.portFrom && s <= r.portTo))) ids.push(i);
      });
      return Int32Array.from(ids);
    });
    return { starts, lists };
  }

  /** Indexes (in rule order) of the rules whose protocol and port range admit this packet. */
  candidates(protocol: number, port: number): Int32Array {
    if (protocol === TCP || protocol === UDP) {
      const t = protocol === TCP ? this.tcp : this.udp;
      const s = t.starts;
      let lo = 0, hi = s.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (s[mid]! <= port) lo = mid;
        else hi = mid - 1;
      }
      return t.lists[lo] ?? EMPTY;
    }
    let list = this.other.get(protocol);
    if (!list) {
      const ids: number[] = [];
      this.rules.forEach((r, i) => { if (this.applies(r, protocol)) ids.push(i); });
      this.other.set(protocol, (list = Int32Array.from(ids)));
    }
    return list;
  }
}
