/** `vpcflow diagnose`'s core: records (and optionally the network) in, findings out. */
import type { Network } from '../model/network.ts';
import { diagnoseRecords } from './heuristics.ts';
import { replayFindings } from './replay.ts';
import type { Finding, FlowRecord } from './types.ts';

export function diagnose(records: FlowRecord[], net?: Network): Finding[] {
  const diagnosed = diagnoseRecords(records);
  return net ? replayFindings(net, diagnosed) : diagnosed.map((d) => d.finding);
}
