/** Quoting for the SQL that ingest and the store build (DuckDB dialect). */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
export const sqlIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;
/** A list of paths for read_csv / read_parquet. */
export const sqlList = (items: readonly string[]): string => `[${items.map(sqlString).join(', ')}]`;
