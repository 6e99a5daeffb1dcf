/**
 * Log events (and JSON rows) into store parts. Readers hand each event over
 * with its origin (file, log group, stream, record format), line, times and
 * raw message. Events are staged as text, one per line with fields separated
 * by the unit separator (U+001F), in one staging file per record format, and
 * DuckDB's read_csv reads them back in parallel: passing values one by one
 * through the Appender cost several times more. One SQL statement per format
 * then splits and types the record fields and writes the part. An event whose
 * message is not a record of the format keeps its place in `log_events` with
 * `parse_error` set, and is reported as skipped.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { athenaType, columnName } from '../../core/ingest/columns.ts';
import { formatKey, type Format } from '../../core/ingest/format.ts';
import { tokenize } from '../../core/ingest/record.ts';
import type { Skipped } from '../../core/ingest/report.ts';
import { readParquet, sqlIdent, sqlString } from '../../core/ingest/sql.ts';
import type { Duck } from '../store/duck.ts';
import { withChecks } from './checks.ts';
import type { SourceMeta } from './meta.ts';
import type { PartSink } from './text-load.ts';

interface Origin { id: number; meta: SourceMeta; format: Format; file: string; formatHint: string; stage: Stage }

export interface EventInput {
  line: number;
  /** Where in the file, for messages ("event 3 of 5 in this payload: "), or "". */
  loc: string;
  timestamp: number | null;
  ingestionTime: number | null;
  /** The raw message; null for JSON rows, which are records but not log events. */
  message: string | null;
  /** The record's fields as text (the message itself for events). */
  record: string;
  /** Why the record is known not to be one already (no format of its place fits it): its parse_error. */
  error?: string;
}

const SEP = '\u001f';
/** Stands for NULL in staged text (a message may be empty, so the empty string cannot). */
const NUL = '\u0002';
/** Characters the staged text cannot carry; flow log messages never hold them, other text gets a space. */
const UNSAFE = /[\u001f\u0002\r\n]/g;
const UNSAFE_ANY = /[\u001f\u0002\r\n]/;
const FLUSH_AT = 1 << 20;

class Stage {
  private fd: number;
  private buf = Buffer.allocUnsafe(FLUSH_AT);
  private used = 0;

  constructor(readonly path: string, readonly format: Format) {
    this.fd = openSync(path, 'w');
  }

  push(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit: encode straight into the buffer when that fits.
    if (this.used + line.length * 3 > this.buf.length) {
      this.flush();
      if (line.length * 3 > this.buf.length) { writeSync(this.fd, line); return; }
    }
    this.used += this.buf.write(line, this.used);
  }

  flush(): void {
    if (this.used) writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const text = (v: string | null): string => (v === null ? NUL : UNSAFE_ANY.test(v) ? v.replace(UNSAFE, ' ') : v);
const num = (v: number | null): string => (v === null ? NUL : String(Math.trunc(v)));

/** Whether a message is already fields joined by single spaces (nearly always): then SQL can split it as it is. */
const isClean = (m: string): boolean =>
  m.length > 0 && m.charCodeAt(0) !== 32 && m.charCodeAt(m.length - 1) !== 32 && !m.includes('  ') && !m.includes('\t');

export class EventBatch {
  private origins: Origin[] = [];
  private originIds = new Map<string, number>();
  private stages = new Map<string, Stage>();
  private discarded = new Set<number>();
  private count = 0;

  constructor(private readonly duck: Duck, private readonly sink: PartSink) {}

  get size(): number { return this.count; }

  /** The origin id of events of one file, log group, stream and format. `formatHint` ends field-count errors. */
  origin(file: string, meta: SourceMeta, format: Format, formatHint: string): number {
    const fk = formatKey(format);
    const key = [file, meta.sourceFile, meta.logGroup ?? '\u0001', meta.logStream ?? '\u0001', meta.flowLogId ?? '\u0001', fk].join('\u0000');
    let id = this.originIds.get(key);
    if (id === undefined) {
      let stage = this.stages.get(fk);
      if (!stage) this.stages.set(fk, (stage = new Stage(this.sink.staging('events'), format)));
      id = this.origins.length;
      this.origins.push({ id, meta, format, file, formatHint, stage });
      this.originIds.set(key, id);
    }
    return id;
  }

  add(originId: number, e: EventInput): void {
    // rec stays NULL when the message itself is the fields joined by single spaces; the SQL splits the message then.
    const rec = e.message !== null && e.record === e.message && isClean(e.message) ? null : tokenize(e.record).join(' ');
    this.origins[originId]!.stage.push(`${originId}${SEP}${e.line}${SEP}${num(e.timestamp)}${SEP}${num(e.ingestionTime)}${SEP}${e.loc}${SEP}${text(e.message)}${SEP}${text(rec)}${SEP}${text(e.error ?? null)}\n`);
    this.count++;
  }

  /** Forgets the events of a file that failed part way. */
  discard(file: string): void {
    for (const o of this.origins) if (o.file === file) this.discarded.add(o.id);
  }

  /** Writes one part per record format; returns the records loaded and the events that are not records. */
  async load(): Promise<{ records: number; skipped: Skipped[] }> {
    const out = { records: 0, skipped: [] as Skipped[] };
    for (const s of this.stages.values()) s.close();
    const live = this.origins.filter((o) => !this.discarded.has(o.id));
    if (this.count === 0 || live.length === 0) return out;
    const lit = (v: string | undefined, date = false): string => (v === undefined ? 'NULL' : date ? `DATE ${sqlString(v)}` : sqlString(v));
    await this.duck.run(`CREATE OR REPLACE TEMP TABLE origins AS SELECT * FROM (VALUES ${live.map((o) => `(${o.id}, ${lit(o.meta.sourceFile)}, ${lit(o.meta.logGroup)}, ${lit(o.meta.logStream)}, ${lit(o.meta.flowLogId)}, ${lit(o.meta.partitionDate, true)}, ${sqlString(o.formatHint)})`).join(', ')}) AS t(id, source_file, log_group, log_stream, flow_log_id, partition_date, hint)`);
    const fileOf = new Map(live.map((o) => [o.meta.sourceFile, o.file]));
    for (const stage of this.stages.values()) {
      const origins = live.filter((o) => o.stage === stage);
      if (!origins.length) continue;
      const part = this.sink.newPart(stage.format, [...new Set(origins.map((o) => o.meta.sourceFile))], { hasLine: true, events: true });
      await this.duck.run(`COPY (${withChecks(splitSql(stage, origins.map((o) => o.id)), stage.format, true)}) TO ${sqlString(part)} (FORMAT parquet, COMPRESSION snappy)`);
      const counted = await this.duck.query(`SELECT count(*) FILTER (WHERE parse_error IS NULL) AS ok FROM ${readParquet(part)}`);
      const n = Number(counted.rows[0]?.ok ?? 0);
      this.sink.recordCount(part, n);
      out.records += n;
      const bad = await this.duck.query(`SELECT source_file, source_line, parse_error FROM ${readParquet(part)} WHERE parse_error IS NOT NULL`);
      for (const r of bad.rows) out.skipped.push({ file: fileOf.get(String(r.source_file)) ?? String(r.source_file), line: r.source_line as number, reason: String(r.parse_error) });
    }
    await this.duck.run('DROP TABLE origins');
    return out;
  }
}

/** Reads a stage and splits `rec` into the format's typed columns; a value of the wrong type becomes the row's parse_error. */
function splitSql(stage: Stage, originIds: number[]): string {
  const typeErrors: string[] = [];
  const cols: string[] = [];
  stage.format.forEach((f, i) => {
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
  const columns = `{'origin': 'INTEGER', 'line': 'BIGINT', 'ts': 'BIGINT', 'ingest': 'BIGINT', 'loc': 'VARCHAR', 'message': 'VARCHAR', 'rec': 'VARCHAR', 'err': 'VARCHAR'}`;
  const n = stage.format.length;
  const countError = `CASE WHEN len(t) <> ${n} THEN 'expected ${n} fields' || o.hint || ', found ' || len(t) END`;
  // The separator and the NULL marker go into the SQL as the characters themselves.
  const read = `read_csv(${sqlString(stage.path)}, delim='${SEP}', quote='', escape='', header=false, nullstr='${NUL}', auto_detect=false, hive_partitioning=false, columns=${columns})`;
  return `SELECT ${cols.join(', ')},
      source_file, log_group, log_stream, flow_log_id, partition_date,
      line AS source_line, ts AS event_timestamp, ingest AS ingestion_time, message,
      CASE WHEN pe IS NOT NULL THEN coalesce(loc, '') || pe END AS parse_error
    FROM (
      SELECT r.*, o.source_file, o.log_group, o.log_stream, o.flow_log_id, o.partition_date, coalesce(r.err, ${countError}, ${typeError}) AS pe
      FROM (SELECT *, string_split(coalesce(rec, message), ' ') AS t FROM ${read} WHERE origin IN (${originIds.join(', ')})) AS r
      JOIN origins AS o ON r.origin = o.id
    )`;
}
