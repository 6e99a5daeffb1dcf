/** A DuckDB connection for the insights tests: generated events and a view of what Insights discovers in them. */
import { DuckDBInstance } from '@duckdb/node-api';
import { generateEventsSql, generatedEvents } from './generate-events.ts';
import type { SqlRunner } from './run.ts';

export interface TestDb extends SqlRunner {
  /** Rows as arrays in column order (bigints as numbers). */
  arrays(sql: string): Promise<unknown[][]>;
  close(): void;
}

export async function openTestDb(): Promise<TestDb> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const con = await instance.connect();
  return {
    query: async (sql) => ({ rows: (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[] }),
    arrays: async (sql) => (await con.runAndReadAll(sql)).getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v))),
    close: () => { con.closeSync(); instance.closeSync(); },
  };
}

/**
 * `events` (generated) and `flow`: the same events with the fields Insights
 * discovers, hand-written (NULL when the message is not a default-format record).
 */
export async function withFlowEvents(db: TestDb, rows: number): Promise<void> {
  await db.query(generateEventsSql('events', rows));
  const cols = ['version', 'account_id', 'interface_id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', '"end"', 'action', 'log_status'];
  await db.query(`CREATE OR REPLACE VIEW flow AS SELECT i, log_group, log_stream, ts, ingestion_time, message,
    ${cols.map((c) => `CASE WHEN is_default THEN ${c} END AS ${c}`).join(', ')} FROM events`);
}

export const EVENTS = generatedEvents('events');
