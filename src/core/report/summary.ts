/** `summary.json`: what a run did, in counts a script can check. */
import type { EmittedRecord } from '../flows/emitted.ts';
import type { Observation } from '../dataplane/packet.ts';
import type { Network } from '../model/network.ts';

export interface DestinationSummary {
  type: string;
  name: string;
  records: number;
  files: { path: string; records: number; bytes: number }[];
}

export interface Summary {
  scenario: string;
  seed: string | number;
  account: string;
  region: string;
  start: string;
  end: string;
  packets: { sent: number; delivered: number; dropped: number; observed: number };
  records: { total: number; ACCEPT: number; REJECT: number; NODATA: number; SKIPDATA: number };
  recordsByFlowLog: Record<string, number>;
  destinations: DestinationSummary[];
  /** Distinct rejected flows (5-tuples) seen on each interface, whatever the flow logs keep. */
  rejectedFlows: { interfaceId: string; logicalId: string | null; flows: number }[];
  changesApplied: number;
  ignoredResourceTypes: string[];
  warnings: string[];
}

/** Counts records and rejected flows while the run goes; `build` makes the final object. */
export class SummaryCounter {
  readonly records = { total: 0, ACCEPT: 0, REJECT: 0, NODATA: 0, SKIPDATA: 0 };
  readonly byFlowLog: Record<string, number> = {};
  private readonly rejected = new Map<string, Set<string>>();
  observed = 0;

  record(r: EmittedRecord): void {
    this.records.total++;
    if (r.status !== 'OK') this.records[r.status]++;
    else if (r.action) this.records[r.action]++;
    this.byFlowLog[r.flowLog.id] = (this.byFlowLog[r.flowLog.id] ?? 0) + 1;
  }

  observation(o: Observation): void {
    this.observed++;
    if (o.action !== 'REJECT') return;
    let s = this.rejected.get(o.eni.id);
    if (!s) this.rejected.set(o.eni.id, (s = new Set()));
    s.add(`${o.srcaddr.text} ${o.dstaddr.text} ${o.srcport} ${o.dstport} ${o.protocol}`);
  }

  rejectedFlows(net: Network): Summary['rejectedFlows'] {
    return [...this.rejected].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, s]) => {
      const eni = net.interfaces.get(id);
      const owner = eni?.instanceId ? net.logicalIdOf(eni.instanceId) : undefined;
      return { interfaceId: id, logicalId: owner ?? net.logicalIdOf(id) ?? null, flows: s.size };
    });
  }
}
