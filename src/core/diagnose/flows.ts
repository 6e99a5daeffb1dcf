/**
 * Records into flows: the same key seen by several flow logs (a subnet's and
 * an interface's) or in several windows is one flow; each flow gets its
 * direction at the interface, from `flow-direction` or, without it, from the
 * interface's own address (the address every record of the interface carries).
 */
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
  for (const [eni, m] of counts) own.set(eni, [...m].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]![0]);
  return own;
}

export function toFlows(records: FlowRecord[]): Flow[] {
  const own = ownAddresses(records);
  const flows = new Map<string, Flow & { starts: Set<number> }>();
  for (const r of records) {
    const k = keyOf(r);
    const f = flows.get(k);
    if (!f) {
      const direction = r.direction ?? (r.dstaddr === own.get(r.interfaceId) ? 'ingress' : 'egress');
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
