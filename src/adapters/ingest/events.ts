/**
 * Log events (and JSON rows) into store parts. Readers append each event to
 * an in-memory DuckDB table with the Appender: its origin (file, log group,
 * stream), line, times, the raw message, and the message's fields joined by
 * single spaces (tokenised here, which also checks the field count). One SQL
 * statement per record format then splits and types the fields and writes
 * the part. An event whose message is not a record of the format keeps its
 * place in `log_events` with `parse_error` set, and is reported as skipped.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { athenaType, columnName } from '../../core/ingest/columns.ts';
import { formatKey, type Format } from '../../core/ingest/format.ts';
import { tokenize } from '../../core/ingest/record.ts';
import type { Skipped } from '../../core/ingest/report.ts';
import { sqlIdent, sqlString } from '../../core/ingest/sql.ts';
import type { Duck } from '../store/duck.ts';
import { withChecks } from './checks.ts';
import type { SourceMeta } from './meta.ts';
import type { PartSink } from './text-load.ts';

interface Origin { id: number; meta: SourceMeta; format: Format; file: string; formatHint: string }

export interface EventInput {
  line: number;
  /** Where in the file, for messages ("logEvents[3]: "), or "". */
  loc: string;
  timestamp: number | null;
  ingestionTime: number | null;
  /** The raw message; null for JSON rows, which are records but not log events. */
  message: string | null;
  /** The record's fields as text (the message itself for events). */
  record: string;
}

export class EventBatch {
  private origins: Origin[] = [];
  private originIds = new Map<string, number>();
  private appender: DuckDBAppender | undefined;
  private count = 0;

  private constructor(private readonly duck: Duck) {}

  static async create(duck: Duck): Promise<EventBatch> {
    await duck.run(`CREATE OR REPLACE TABLE ev (origin INTEGER, line INTEGER, loc VARCHAR, ts DOUBLE, ingest DOUBLE, message VARCHAR, rec VARCHAR, err VARCHAR)`);
    const b = new EventBatch(duck);
    b.appender = await duck.con.createAppender('ev');
    return b;
  }

  get size(): number { return this.count; }

  /** The origin id of events of one file, log group, stream and format. `formatHint` ends field-count errors. */
  origin(file: string, meta: SourceMeta, format: Format, formatHint: string): number {
    const key = [file, meta.sourceFile, meta.logGroup ?? '\u0001', meta.logStream ?? '\u0001', formatKey(format)].join('\u0000');
    let id = this.originIds.get(key);
    if (id === undefined) {
      id = this.origins.length;
      this.origins.push({ id, meta, format, file, formatHint });
      this.originIds.set(key, id);
    }
    return id;
  }

  add(originId: number, e: EventInput): void {
    const o = this.origins[originId]!;
    const a = this.appender!;
    const tokens = tokenize(e.record);
    a.appendInteger(originId);
    a.appendInteger(e.line);
    a.appendVarchar(e.loc);
    if (e.timestamp === null) a.appendNull(); else a.appendDouble(e.timestamp);
    if (e.ingestionTime === null) a.appendNull(); else a.appendDouble(e.ingestionTime);
    if (e.message === null) a.appendNull(); else a.appendVarchar(e.message);
    if (tokens.length === o.format.length) {
      a.appendVarchar(tokens.join(' '));
      a.appendNull();
    } else {
      a.appendNull();
      a.appendVarchar(`expected ${o.format.length} fields${o.formatHint}, found ${tokens.length}`);
    }
    a.endRow();
    this.count++;
  }

  /** Forgets the events of a file that failed part way. */
  async discard(file: string): Promise<void> {
    const ids = this.origins.filter((o) => o.file === file).map((o) => o.id);
    if (!ids.length) return;
    this.appender!.flushSync();
    await this.duck.run(`DELETE FROM ev WHERE origin IN (${ids.join(', ')})`);
    this.count = (await this.duck.query('SELECT count(*) AS n FROM ev')).rows[0]!.n as number;
  }

  /** Writes one part per record format; returns the records loaded and the events that are not records. */
  async load(sink: PartSink): Promise<{ records: number; skipped: Skipped[] }> {
    this.appender!.flushSync();
    this.appender!.closeSync();
    this.appender = undefined;
    const out = { records: 0, skipped: [] as Skipped[] };
    if (this.count === 0) return out;
    const lit = (v: string | undefined, date = false): string => (v === undefined ? 'NULL' : date ? `DATE ${sqlString(v)}` : sqlString(v));
    await this.duck.run(`CREATE OR REPLACE TABLE origins AS SELECT * FROM (VALUES ${this.origins.map((o) => `(${o.id}, ${lit(o.meta.sourceFile)}, ${lit(o.meta.logGroup)}, ${lit(o.meta.logStream)}, ${lit(o.meta.flowLogId)}, ${lit(o.meta.partitionDate, true)})`).join(', ')}) AS t(id, source_file, log_group, log_stream, flow_log_id, partition_date)`);
    const fileOf = new Map(this.origins.map((o) => [o.meta.sourceFile, o.file]));
    const byFormat = new Map<string, Origin[]>();
    for (const o of this.origins) {
      const k = formatKey(o.format);
      byFormat.set(k, [...(byFormat.get(k) ?? []), o]);
    }
    for (const origins of byFormat.values()) {
      const format = origins[0]!.format;
      const part = sink.newPart(format, [...new Set(origins.map((o) => o.meta.sourceFile))], { hasLine: true, events: true });
      await this.duck.run(`COPY (${withChecks(splitSql(format, origins.map((o) => o.id)), format, true)}) TO ${sqlString(part)} (FORMAT parquet, COMPRESSION snappy)`);
      const counted = await this.duck.query(`SELECT count(*) FILTER (WHERE parse_error IS NULL) AS ok FROM read_parquet(${sqlString(part)})`);
      const n = Number(counted.rows[0]?.ok ?? 0);
      sink.recordCount(part, n);
      out.records += n;
      const bad = await this.duck.query(`SELECT source_file, source_line, parse_error FROM read_parquet(${sqlString(part)}) WHERE parse_error IS NOT NULL`);
      for (const r of bad.rows) out.skipped.push({ file: fileOf.get(String(r.source_file)) ?? String(r.source_file), line: r.source_line as number, reason: String(r.parse_error) });
    }
    await this.duck.run('DROP TABLE ev; DROP TABLE origins');
    return out;
  }
}

/** Splits `rec` into the format's typed columns; a value of the wrong type becomes the row's parse_error. */
function splitSql(format: Format, originIds: number[]): string {
  const typeErrors: string[] = [];
  const cols: string[] = [];
  format.forEach((f, i) => {
    const tok = `t[${i + 1}]`;
    const name = sqlIdent(columnName(f));
    const t = athenaType(f);
    if (t === 'string') {
      cols.push(`CASE WHEN pe IS NULL AND ${tok} <> '-' THEN ${tok} END AS ${name}`);
    } else {
      const sqlType = t === 'int' ? 'INTEGER' : 'BIGINT';
      cols.push(`CASE WHEN pe IS NULL AND ${tok} <> '-' THEN TRY_CAST(${tok} AS ${sqlType}) END AS ${name}`);
      typeErrors.push(`WHEN ${tok} <> '-' AND TRY_CAST(${tok} AS ${sqlType}) IS NULL THEN ${sqlString(`${f.name}: "`)} || ${tok} || ${sqlString(t === 'int' ? '" is not a whole number that fits an int' : '" is not a whole number that fits a bigint')}`);
    }
  });
  const typeError = typeErrors.length ? `CASE ${typeErrors.join(' ')} END` : 'NULL';
  return `SELECT ${cols.join(', ')},
      o.source_file, o.log_group, o.log_stream, o.flow_log_id, o.partition_date,
      e.line::BIGINT AS source_line, e.ts::BIGINT AS event_timestamp, e.ingest::BIGINT AS ingestion_time, e.message,
      CASE WHEN pe IS NOT NULL THEN e.loc || pe END AS parse_error
    FROM (SELECT *, coalesce(err, ${typeError}) AS pe FROM (SELECT *, string_split(rec, ' ') AS t FROM ev WHERE origin IN (${originIds.join(', ')}))) AS e
    JOIN origins AS o ON e.origin = o.id`;
}
