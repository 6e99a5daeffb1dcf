/**
 * The compiler's view of CloudWatch Logs events: which SQL gives each
 * Insights field, and which events a query reads (log groups, time range).
 */
import { DISCOVERED_FLOW_LOG_FIELDS, SYSTEM_FIELDS, type Source, type SourceField } from '../../core/insights/index.ts';

/** A relation with one row per log event, and the SQL of its parts. */
export interface EventsRelation {
  readonly relation: string;
  readonly logGroup: string;
  readonly logStream: string;
  /** Event time, milliseconds since the epoch. */
  readonly timestamp: string;
  readonly ingestionTime: string;
  readonly message: string;
  /** The account that owns the log group, for `@log` (`account-id:log-group-name`); else the record's account-id. */
  readonly account?: string;
  /** True for events whose message is a record of the default format: Insights discovers fields only there. */
  readonly discoverable: string;
  /** The parsed value of a record field (`srcaddr`, `log-status`, …) of the event's message. */
  record(field: string): string;
}

export interface EventSelection {
  /** Log group names; all groups when absent or empty. */
  readonly groups?: readonly string[];
  /** Inclusive bounds on @timestamp, in milliseconds. */
  readonly startMs?: number;
  readonly endMs?: number;
}

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function insightsSource(ev: EventsRelation, sel: EventSelection = {}): Source {
  const fields = new Map<string, SourceField>();
  const discovered = (sql: string): string => (ev.discoverable === 'true' ? sql : `CASE WHEN ${ev.discoverable} THEN ${sql} END`);
  const account = ev.account ?? discovered(ev.record('account-id'));
  const system: Record<string, string> = {
    '@timestamp': ev.timestamp, '@message': ev.message, '@logStream': ev.logStream,
    '@log': `concat(${account}, ':', ${ev.logGroup})`, '@ingestionTime': ev.ingestionTime,
  };
  for (const f of SYSTEM_FIELDS) fields.set(f.name, { sql: system[f.name]!, type: f.type });
  for (const f of DISCOVERED_FLOW_LOG_FIELDS) fields.set(f.name, { sql: discovered(ev.record(f.record!)), type: f.type });
  const where: string[] = [];
  if (sel.groups?.length) where.push(`${ev.logGroup} IN (${sel.groups.map(q).join(', ')})`);
  if (sel.startMs !== undefined) where.push(`${ev.timestamp} >= ${Math.floor(sel.startMs)}`);
  if (sel.endMs !== undefined) where.push(`${ev.timestamp} <= ${Math.floor(sel.endMs)}`);
  return { relation: ev.relation, fields, where };
}
