/**
 * One record line read leniently: any run of spaces or tabs separates fields
 * (AWS writes single spaces, copies of its examples sometimes hold two), `-`
 * is null, numbers must be whole and fit their column. The fast loader leaves
 * to this reader the lines DuckDB refuses, so that every refusal gets a reason
 * a person can act on and every repairable line still loads.
 */
import type { Format } from './format.ts';
import { athenaType } from './columns.ts';

export type RecordValue = string | number | null;

export type ParsedRecord =
  | { ok: true; values: RecordValue[]; /** the fields joined by single spaces */ line: string }
  | { ok: false; reason: string };

const INT32_MAX = 2147483647n;
const INT64_MAX = 9223372036854775807n;

export function tokenize(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/\s+/);
}

/** Reads a number token: null for `-`, else a whole number within the column's range, else a reason. */
export function readNumber(tok: string, type: 'int' | 'bigint'): number | null | string {
  if (tok === '-') return null;
  if (!/^[+-]?\d+$/.test(tok)) return `"${tok}" is not a whole number`;
  const v = BigInt(tok);
  const max = type === 'int' ? INT32_MAX : INT64_MAX;
  if (v > max || v < -max - 1n) return `${tok} does not fit a${type === 'int' ? 'n int' : ' bigint'} column`;
  return Number(v);
}

export function parseRecord(line: string, format: Format): ParsedRecord {
  const tokens = tokenize(line);
  if (tokens.length !== format.length) {
    return { ok: false, reason: `expected ${format.length} fields, found ${tokens.length}${tokens.length > format.length && tokens.length <= format.length + 3 ? ` (extra: ${tokens.slice(format.length).join(' ')})` : ''}` };
  }
  const values: RecordValue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const f = format[i]!;
    const tok = tokens[i]!;
    const t = athenaType(f);
    if (t === 'string') { values.push(tok === '-' ? null : tok); continue; }
    const v = readNumber(tok, t);
    if (typeof v === 'string') return { ok: false, reason: `${f.name}: ${v}` };
    values.push(v);
  }
  return { ok: true, values, line: tokens.join(' ') };
}
