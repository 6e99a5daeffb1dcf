/** Where a source's records came from, as the store's meta columns hold it. */
import { sqlString } from '../../core/ingest/sql.ts';

export interface SourceMeta {
  /** The `source_file` value. */
  sourceFile: string;
  flowLogId?: string;
  /** `YYYY-MM-DD` of the S3 key's date folder. */
  partitionDate?: string;
  logGroup?: string;
  logStream?: string;
}

/**
 * A string that every row of a part shares, typed as a one-value ENUM.
 * DuckDB's Parquet writer dictionary-encodes a VARCHAR column by hashing and
 * comparing each row's string (a source path runs to a hundred bytes or more:
 * about a tenth of the cost of writing a text part); an ENUM column hands it
 * the dictionary ready-made. The file holds the same UTF8 column either way,
 * read back as VARCHAR.
 */
const sharedString = (v: string): string => `CAST(${sqlString(v)} AS ENUM(${sqlString(v)}))`;

/** The meta columns every row of one source shares, as `expr AS name` items (absent ones are left out: NULL in the store). */
export function metaConstants(m: SourceMeta): string[] {
  const out = [`${sharedString(m.sourceFile)} AS source_file`];
  if (m.flowLogId !== undefined) out.push(`${sharedString(m.flowLogId)} AS flow_log_id`);
  if (m.partitionDate !== undefined) out.push(`DATE ${sqlString(m.partitionDate)} AS partition_date`);
  if (m.logGroup !== undefined) out.push(`${sharedString(m.logGroup)} AS log_group`);
  if (m.logStream !== undefined) out.push(`${sharedString(m.logStream)} AS log_stream`);
  return out;
}

/**
 * For several sources read in one scan: a VALUES table keyed by the path
 * DuckDB reads, joined on read_csv's `filename` column.
 */
export function metaJoin(items: readonly { path: string; meta: SourceMeta }[]): { from: string; select: string[] } {
  const lit = (v: string | undefined, date = false): string => (v === undefined ? 'NULL' : date ? `DATE ${sqlString(v)}` : sqlString(v));
  const rows = items.map(({ path, meta: m }) => `(${[sqlString(path), lit(m.sourceFile), lit(m.flowLogId), lit(m.partitionDate, true), lit(m.logGroup), lit(m.logStream)].join(', ')})`);
  // Each string column becomes an ENUM of the values it takes here (cast once per source, on this small side of
  // the join), for the reason sharedString gives: the join then carries small indexes, the writer a ready dictionary.
  const column = (name: string, values: (string | undefined)[]): string => {
    const distinct = [...new Set(values.filter((v): v is string => v !== undefined))];
    return distinct.length ? `CAST(${name} AS ENUM(${distinct.map(sqlString).join(', ')})) AS ${name}` : name;
  };
  const cols = [
    'm_path', column('source_file', items.map((i) => i.meta.sourceFile)), column('flow_log_id', items.map((i) => i.meta.flowLogId)),
    'partition_date', column('log_group', items.map((i) => i.meta.logGroup)), column('log_stream', items.map((i) => i.meta.logStream)),
  ];
  return {
    from: `(SELECT ${cols.join(', ')} FROM (VALUES ${rows.join(', ')}) AS v(m_path, source_file, flow_log_id, partition_date, log_group, log_stream)) AS m`,
    select: ['m.source_file', 'm.flow_log_id', 'm.partition_date', 'm.log_group', 'm.log_stream'],
  };
}
