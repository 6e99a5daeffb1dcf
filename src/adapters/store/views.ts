/**
 * The SQL objects the store exposes over its Parquet parts:
 * - `records`: every row of every part, all columns, typed (parts only hold
 *   the columns of their format; UNION ALL BY NAME with an empty, fully
 *   typed row set supplies the others as NULL);
 * - `flow_logs`: the records, as Athena's table (fields, then where they came
 *   from, then its `date` and `day` partition columns);
 * - `log_events`: CloudWatch Logs events with their parsed fields.
 */
import { STORE_FIELDS, META_COLUMNS, columnName, duckType } from '../../core/ingest/columns.ts';
import { readParquet, sqlIdent } from '../../core/ingest/sql.ts';

const FIELD_COLUMNS = STORE_FIELDS.map((f) => ({ name: columnName(f), type: duckType(f) }));
const ALL_COLUMNS = [...FIELD_COLUMNS, ...META_COLUMNS];
const fieldList = FIELD_COLUMNS.map((c) => sqlIdent(c.name)).join(', ');

export function recordsViewSql(partPaths: readonly string[]): string {
  const empty = `SELECT ${ALL_COLUMNS.map((c) => `CAST(NULL AS ${c.type}) AS ${sqlIdent(c.name)}`).join(', ')} WHERE false`;
  if (partPaths.length === 0) return `CREATE OR REPLACE TEMP VIEW records AS ${empty}`;
  return `CREATE OR REPLACE TEMP VIEW records AS ${empty} UNION ALL BY NAME SELECT * FROM ${readParquet(partPaths, 'union_by_name = true')}`;
}

/**
 * Athena's partition columns: `date` is the S3 key's date folder when the
 * record came from an S3 key, else the UTC day of its start (or of its log
 * event); `day` is the same date as the `yyyy/MM/dd` string of AWS's
 * partition-projection example.
 */
const DATE_EXPR = `coalesce(partition_date, DATE '1970-01-01' + CAST(floor(coalesce(start, "end", event_timestamp // 1000) / 86400) AS INTEGER))`;

export const FLOW_LOGS_VIEW = `CREATE OR REPLACE TEMP VIEW flow_logs AS
  SELECT ${fieldList}, log_group, log_stream, flow_log_id, source_file, source_line,
    ${DATE_EXPR} AS "date", strftime(${DATE_EXPR}, '%Y/%m/%d') AS "day"
  FROM records WHERE parse_error IS NULL`;

export const LOG_EVENTS_VIEW = `CREATE OR REPLACE TEMP VIEW log_events AS
  SELECT log_group, log_stream, event_timestamp AS "timestamp", ingestion_time, message, ${fieldList},
    flow_log_id, source_file, source_line, parse_error
  FROM records WHERE message IS NOT NULL`;
