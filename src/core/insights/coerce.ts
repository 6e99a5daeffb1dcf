/**
 * Insights values are loosely typed: a field parsed out of a message is text,
 * yet `filter status = 200` and `sum(bytes)` work on it. These conversions give
 * each SQL expression the type an operation needs.
 */
import { sqlNumber, sqlString } from './sql.ts';
import type { Typed } from './types.ts';

/** The timestamp text Insights shows: `2026-01-01 00:00:10.000` (UTC). */
export const timeText = (ms: string): string => `strftime(make_timestamp(CAST(${ms} AS BIGINT) * 1000), '%Y-%m-%d %H:%M:%S.%g')`;

export function asNumber(t: Typed): string {
  switch (t.type) {
    case 'number':
    case 'time': return t.sql;
    case 'string': return typeof t.literal === 'string' ? sqlNumberOrNull(t.literal) : `TRY_CAST(${t.sql} AS DOUBLE)`;
    case 'bool': return `CAST(${t.sql} AS INTEGER)`;
    default: return 'CAST(NULL AS DOUBLE)';
  }
}

function sqlNumberOrNull(text: string): string {
  const n = numericText(text);
  return n === undefined ? 'CAST(NULL AS DOUBLE)' : sqlNumber(n);
}

/** The number a text stands for, when it is one. */
export function numericText(text: string): number | undefined {
  return /^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(text) ? Number(text) : undefined;
}

export function asString(t: Typed): string {
  switch (t.type) {
    case 'string': return t.sql;
    case 'number': return `CAST(${t.sql} AS VARCHAR)`;
    case 'time': return timeText(t.sql);
    case 'bool': return `CAST(CAST(${t.sql} AS INTEGER) AS VARCHAR)`;
    default: return 'CAST(NULL AS VARCHAR)';
  }
}

/** A condition: numbers are true unless 0, text unless empty. */
export function asBool(t: Typed): string {
  switch (t.type) {
    case 'bool': return t.sql;
    case 'number':
    case 'time': return `(${t.sql} <> 0)`;
    case 'string': return `(${t.sql} <> '')`;
    default: return 'CAST(NULL AS BOOLEAN)';
  }
}

const numeric = (t: Typed): boolean => t.type === 'number' || t.type === 'time' || t.type === 'bool';

/**
 * `l op r` with Insights' loose typing: numbers compare as numbers (a text
 * compared with a number is read as a number), texts as texts, and a
 * timestamp with a date text as instants.
 */
export function compare(op: string, l: Typed, r: Typed): string {
  const sqlOp = op === '!=' ? '<>' : op;
  if (l.type === 'null' || r.type === 'null') return 'CAST(NULL AS BOOLEAN)';
  if (l.type === 'string' && r.type === 'string') return `(${l.sql} ${sqlOp} ${r.sql})`;
  if (numeric(l) && numeric(r)) return `(${asNumber(l)} ${sqlOp} ${asNumber(r)})`;
  const [n, s] = numeric(l) ? [l, r] : [r, l];
  if (typeof s.literal === 'string' && numericText(s.literal) === undefined) {
    const ms = n.type === 'time' ? dateTextMs(s.literal) : undefined;
    if (ms === undefined) return `(${asString(l)} ${sqlOp} ${asString(r)})`;
    const instant: Typed = { sql: String(ms), type: 'number' };
    return l === n ? `(${n.sql} ${sqlOp} ${instant.sql})` : `(${instant.sql} ${sqlOp} ${n.sql})`;
  }
  return `(${asNumber(l)} ${sqlOp} ${asNumber(r)})`;
}

/** Milliseconds of an ISO date or date-time text (UTC unless it has an offset). */
export function dateTextMs(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?([zZ]|[+-]\d\d:?\d\d)?$/.test(t)) return undefined;
  const iso = t.replace(' ', 'T');
  const ms = Date.parse(/T/.test(iso) && !/([zZ]|[+-]\d\d:?\d\d)$/.test(iso) ? `${iso}Z` : iso);
  return Number.isNaN(ms) ? undefined : ms;
}

export const stringLiteral = (s: string): Typed => ({ sql: sqlString(s), type: 'string', literal: s });
