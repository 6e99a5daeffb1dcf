/**
 * The fields Logs Insights knows in a flow log group. System fields exist on
 * every event; the others are the fields Insights discovers in records of the
 * default format (version 2), named as AWS documents them (start → startTime,
 * end → endTime). AWS documents no discovered fields for custom formats:
 * there, only the system fields exist and `parse` extracts the rest.
 */
import type { ValueType } from './types.ts';

export interface InsightsField {
  readonly name: string;
  readonly type: ValueType;
  /** The record field it comes from (for discovered fields). */
  readonly record?: string;
}

export const SYSTEM_FIELDS: readonly InsightsField[] = [
  { name: '@timestamp', type: 'time' },
  { name: '@message', type: 'string' },
  { name: '@logStream', type: 'string' },
  { name: '@log', type: 'string' },
  { name: '@ingestionTime', type: 'time' },
];

const d = (name: string, record: string, type: ValueType = 'string'): InsightsField => ({ name, record, type });

/** In the order of the default format's fields. */
export const DISCOVERED_FLOW_LOG_FIELDS: readonly InsightsField[] = [
  d('version', 'version', 'number'), d('accountId', 'account-id'), d('interfaceId', 'interface-id'),
  d('srcAddr', 'srcaddr'), d('dstAddr', 'dstaddr'), d('srcPort', 'srcport', 'number'), d('dstPort', 'dstport', 'number'),
  d('protocol', 'protocol', 'number'), d('packets', 'packets', 'number'), d('bytes', 'bytes', 'number'),
  d('startTime', 'start', 'number'), d('endTime', 'end', 'number'), d('action', 'action'), d('logStatus', 'log-status'),
];
