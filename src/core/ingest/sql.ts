/** Quoting for the SQL that ingest and the store build (DuckDB dialect). */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
export const sqlIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;
/** A list of paths for read_csv / read_parquet. */
export const sqlList = (items: readonly string[]): string => `[${items.map(sqlString).join(', ')}]`;
/**
 * read_parquet of paths, never taking `key=value` folders in them for Hive
 * partition columns (AWS's Hive-compatible S3 keys have them; a data folder's
 * path may too).
 */
export const readParquet = (paths: string | readonly string[], options = ''): string =>
  `read_parquet(${typeof paths === 'string' ? sqlString(paths) : sqlList(paths)}, hive_partitioning = false${options ? `, ${options}` : ''})`;
