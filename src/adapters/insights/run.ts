/**
 * Runs a Logs Insights query over CloudWatch Logs events in DuckDB, as one
 * SQL statement. store-events.ts applies it to the store's events: that is
 * what `vpcflow insights` and an AWS API server (StartQuery /
 * GetQueryResults) call.
 */
import { compileQuery, parseQuery, type OutputField } from '../../core/insights/index.ts';
import { queryError } from '../../core/insights/errors.ts';
import { insightsSource, type EventSelection, type EventsRelation } from './source.ts';
import { toCell, type Cell } from './values.ts';

/** Anything that runs SQL and gives rows as objects keyed by column name (the store's Duck does). */
export interface SqlRunner {
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface InsightsOptions extends EventSelection {
  /** Rows returned when the query has no limit command (AWS: 10,000). */
  readonly limit?: number;
  /** Also count the events scanned and matched, as GetQueryResults' statistics (one more pass over the events). */
  readonly statistics?: boolean;
}

export interface InsightsStatistics {
  readonly recordsScanned: number;
  readonly bytesScanned: number;
  readonly recordsMatched: number;
}

export interface InsightsResult {
  readonly fields: readonly OutputField[];
  /** One array per row, in the order of `fields`; null where the event has no such field. */
  readonly rows: readonly Cell[][];
  readonly statistics?: InsightsStatistics;
}

/** Rows as objects keyed by field name, leaving out absent fields (as GetQueryResults does). */
export function rowObjects(r: InsightsResult): Record<string, string | number>[] {
  return r.rows.map((row) => {
    const o: Record<string, string | number> = {};
    r.fields.forEach((f, i) => { if (row[i] !== null && row[i] !== undefined) o[f.name] = row[i]!; });
    return o;
  });
}

async function checkRegexes(db: SqlRunner, source: string, regexes: readonly { pattern: string; offset: number }[]): Promise<void> {
  for (const r of regexes) {
    try {
      await db.query(`SELECT regexp_matches('', '${r.pattern.replace(/'/g, "''")}') AS ok`);
    } catch (e) {
      const why = String((e as Error).message ?? e).replace(/^[^:]*Error: /, '').split('\n')[0];
      throw queryError(source, r.offset, `invalid regular expression: ${why}`);
    }
  }
}

export async function runInsights(db: SqlRunner, events: EventsRelation, query: string, opts: InsightsOptions = {}): Promise<InsightsResult> {
  const parsed = parseQuery(query);
  const compiled = compileQuery(parsed, insightsSource(events, opts), { limit: opts.limit });
  await checkRegexes(db, query, compiled.regexes);
  const { rows } = await db.query(compiled.sql);
  const cells = rows.map((r) => compiled.fields.map((f, i) => toCell(r[`o${i}`], f)));
  if (!opts.statistics) return { fields: compiled.fields, rows: cells };
  const s = (await db.query(compiled.statisticsSql)).rows[0] ?? {};
  return {
    fields: compiled.fields,
    rows: cells,
    statistics: { recordsScanned: Number(s.scanned ?? 0), bytesScanned: Number(s.bytes ?? 0), recordsMatched: Number(s.matched ?? 0) },
  };
}
