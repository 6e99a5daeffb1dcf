/**
 * Records into flows: the same key seen by several flow logs (a subnet's and
 * an interface's) or in several windows is one flow; each flow gets its
 * direction at the interface, from `flow-direction` or, without it, from the
 * interface's own address (the address every record of the interface carries).
 */
import { isPrivate, parseIp } from '../net/ip.ts';
import type { Flow, FlowRecord } from './types.ts';

const keyOf = (r: FlowRecord) => `${r.interfaceId}|${r.srcaddr}|${r.dstaddr}|${r.srcport}|${r.dstport}|${r.protocol}|${r.action}`;

/** The address each interface's records share most: its own. */
function ownAddresses(records: FlowRecord[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const r of records) {
    const m = counts.get(r.interfaceId) ?? new Map<string, number>();
    counts.set(r.interfaceId, m);
    for (const a of [r.srcaddr, r.dstaddr]) m.set(a, (m.get(a) ?? 0) + 1);
  }
  const own = new Map<string, string>();
  for (const [eni, m] of counts) {
    const [best, second] = [...m].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
    // An address is the interface's own only when it stands out (in at least two records, more than any other).
    if (best && best[1] >= 2 && (!second || second[1] < best[1])) own.set(eni, best[0]);
  }
  return own;
}

const privateAddr = (a: string) => {
  const ip = parseIp(a);
  return ip !== undefined && isPrivate(ip);
};

/** Without flow-direction: the interface's own address decides; else a private address is the local side; else the service port is the destination's. */
function directionOf(r: FlowRecord, own: string | undefined): 'ingress' | 'egress' {
  if (r.direction) return r.direction;
  if (own !== undefined && r.dstaddr === own) return 'ingress';
  if (own !== undefined && r.srcaddr === own) return 'egress';
  const ps = privateAddr(r.srcaddr), pd = privateAddr(r.dstaddr);
  if (pd && !ps) return 'ingress';
  if (ps && !pd) return 'egress';
  return r.dstport < r.srcport ? 'ingress' : 'egress';
}

export function toFlows(records: FlowRecord[]): Flow[] {
  const own = ownAddresses(records);
  const flows = new Map<string, Flow & { starts: Set<number> }>();
  for (const r of records) {
    const k = keyOf(r);
    const f = flows.get(k);
    if (!f) {
      const direction = directionOf(r, own.get(r.interfaceId));
      flows.set(k, { ...r, direction, records: 1, starts: new Set([r.start]) });
      continue;
    }
    // The same window delivered twice (subnet and interface flow logs) counts once.
    if (f.starts.has(r.start)) continue;
    f.starts.add(r.start);
    f.records++;
    f.packets += r.packets;
    f.start = Math.min(f.start, r.start);
    f.end = Math.max(f.end, r.end);
    f.direction = r.direction ?? f.direction;
  }
  return [...flows.values()].map(({ starts: _s, ...f }) => f);
}

/** The flow in the opposite direction on the same interface, overlapping in time (within `slack` seconds). */
export function partnerOf(f: Flow, index: Map<string, Flow[]>, slack = 120): Flow | undefined {
  const mirror = `${f.interfaceId}|${f.dstaddr}|${f.srcaddr}|${f.dstport}|${f.srcport}|${f.protocol}`;
  const overlapping = (index.get(mirror) ?? []).filter((p) => p.start <= f.end + slack && f.start <= p.end + slack);
  return overlapping.find((p) => p.action === 'ACCEPT') ?? overlapping[0];
}

export function indexFlows(flows: Flow[]): Map<string, Flow[]> {
  const index = new Map<string, Flow[]>();
  for (const f of flows) {
    const k = `${f.interfaceId}|${f.srcaddr}|${f.dstaddr}|${f.srcport}|${f.dstport}|${f.protocol}`;
    index.set(k, [...(index.get(k) ?? []), f]);
  }
  return index;
}
