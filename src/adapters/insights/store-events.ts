/**
 * CloudWatch Logs events as the store keeps them (its `log_events` view: one
 * row per event, with the record fields its flow log's format parsed). A
 * message is taken for a default-format record, where Insights discovers
 * fields, when it parsed, says version 2 and has the default format's 14
 * fields; in other messages (custom formats) no field is discovered.
 */
import { runInsights, type InsightsOptions, type InsightsResult, type SqlRunner } from './run.ts';
import type { EventsRelation } from './source.ts';

export const STORE_LOG_EVENTS: EventsRelation = {
  relation: 'log_events',
  logGroup: 'log_group',
  logStream: 'log_stream',
  timestamp: '"timestamp"',
  ingestionTime: 'ingestion_time',
  message: 'message',
  account: 'account_id',
  discoverable: `(parse_error IS NULL AND version = 2 AND strlen(message) - strlen(replace(message, ' ', '')) = 13)`,
  record: (field) => `"${field.replace(/-/g, '_')}"`,
};

/** What runInsightsQuery needs of the store (its `queryResult`). */
export interface InsightsStore {
  queryResult(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Runs a Logs Insights query over the CloudWatch Logs events of a store. */
export function runInsightsQuery(store: InsightsStore, query: string, opts: InsightsOptions = {}): Promise<InsightsResult> {
  const db: SqlRunner = { query: (sql) => store.queryResult(sql) };
  return runInsights(db, STORE_LOG_EVENTS, query, opts);
}
