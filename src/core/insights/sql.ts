/** SQL text helpers for the compiler. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export const sqlIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** A number literal DuckDB reads as an integer or a DOUBLE (never a DECIMAL). */
export function sqlNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  return `CAST(${JSON.stringify(n)} AS DOUBLE)`;
}
