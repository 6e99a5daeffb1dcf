/**
 * The records diagnose needs, from a data folder's store: every REJECT, and
 * the ACCEPT records on the same interface that mirror one (their possible
 * request or response). Nothing else is read.
 */
import { openStore } from '../store/store.ts';
import type { FlowRecord } from '../../core/diagnose/types.ts';
import type { Skipped } from '../../core/ingest/report.ts';

const COLS = `interface_id, srcaddr, dstaddr, srcport, dstport, protocol, action, start, "end", packets, flow_direction, pkt_srcaddr, pkt_dstaddr`;
const VALID = `interface_id IS NOT NULL AND srcaddr IS NOT NULL AND dstaddr IS NOT NULL AND action IN ('ACCEPT', 'REJECT')`;

const SQL = `
WITH rejects AS (SELECT ${COLS} FROM flow_logs WHERE ${VALID} AND action = 'REJECT')
SELECT * FROM rejects
UNION ALL
SELECT ${COLS.split(', ').map((c) => `a.${c}`).join(', ')} FROM flow_logs a
WHERE a.action = 'ACCEPT' AND a.interface_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM rejects r WHERE r.interface_id = a.interface_id AND r.srcaddr = a.dstaddr AND r.dstaddr = a.srcaddr
    AND coalesce(r.srcport, 0) = coalesce(a.dstport, 0) AND coalesce(r.dstport, 0) = coalesce(a.srcport, 0) AND r.protocol = a.protocol)
ORDER BY start, interface_id`;

type Row = Record<string, unknown>;

const num = (v: unknown) => (typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v));
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function toRecord(r: Row): FlowRecord {
  const dir = text(r.flow_direction);
  return {
    interfaceId: String(r.interface_id), srcaddr: String(r.srcaddr), dstaddr: String(r.dstaddr),
    srcport: num(r.srcport), dstport: num(r.dstport), protocol: num(r.protocol), action: r.action === 'ACCEPT' ? 'ACCEPT' : 'REJECT',
    start: num(r.start), end: num(r.end), packets: num(r.packets),
    direction: dir === 'ingress' || dir === 'egress' ? dir : undefined,
    pktSrcaddr: text(r.pkt_srcaddr), pktDstaddr: text(r.pkt_dstaddr),
  };
}

/** `onUnread`: told the lines of run outputs this open of the store could not read, if any. */
export async function readDiagnoseRecords(dir: string, onUnread?: (skipped: readonly Skipped[]) => void): Promise<FlowRecord[]> {
  const store = await openStore(dir);
  try {
    if (store.refreshed?.skipped.length) onUnread?.(store.refreshed.skipped);
    return (await store.query(SQL)).map(toRecord);
  } finally {
    await store.close();
  }
}
