/**
 * AWS sorts with "an updated version of natural sorting": in ascending order,
 * texts that are not numbers come first, ordered chunk by chunk (runs of
 * digits by their length, then their value; other runs by Unicode code
 * point), then numbers by value. Descending is the exact reverse. Events
 * without the field come last either way.
 */
import { asNumber } from './coerce.ts';
import type { Typed } from './types.ts';

const NUMBER_TEXT = `'-?[0-9]+(\\.[0-9]+)?'`;

/**
 * One text whose plain code-point order is the chunk order: a run of digits
 * becomes "0", its length in six digits, then the digits ("0" keeps its place
 * among other characters, since all digits sort together).
 */
export function chunkKeySql(s: string): string {
  return `array_to_string(list_transform(regexp_extract_all(${s}, '[0-9]+|[^0-9]+'), lambda k: CASE WHEN k[1] BETWEEN '0' AND '9' THEN '0' || lpad(CAST(length(k) AS VARCHAR), 6, '0') || k ELSE k END), '')`;
}

/** ORDER BY terms for one sort key. */
export function sortTerms(t: Typed, desc: boolean): string[] {
  const dir = desc ? 'DESC' : 'ASC';
  if (t.type !== 'string') return [`${asNumber(t)} ${dir} NULLS LAST`];
  const isNum = `regexp_full_match(${t.sql}, ${NUMBER_TEXT})`;
  return [
    `(CASE WHEN ${t.sql} IS NULL THEN NULL WHEN ${isNum} THEN 1 ELSE 0 END) ${dir} NULLS LAST`,
    `(CASE WHEN ${isNum} THEN TRY_CAST(${t.sql} AS DOUBLE) END) ${dir} NULLS LAST`,
    // Numbers equal in value (01 and 1) keep their text order.
    `(CASE WHEN ${isNum} THEN ${t.sql} ELSE ${chunkKeySql(t.sql)} END) ${dir} NULLS LAST`,
  ];
}

/** A value whose SQL order is the natural order (for sortsFirst and sortsLast). */
export function naturalValueSql(t: Typed): string {
  if (t.type !== 'string') return asNumber(t);
  const isNum = `regexp_full_match(${t.sql}, ${NUMBER_TEXT})`;
  return `{'n': CASE WHEN ${isNum} THEN 1 ELSE 0 END, 'v': coalesce(TRY_CAST(${t.sql} AS DOUBLE), 0), 'k': ${chunkKeySql(t.sql)}}`;
}
