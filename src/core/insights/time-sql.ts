/** bin(), datefloor() and dateceil() on millisecond timestamps, in SQL. */
import type { Period } from './periods.ts';

/** Whole months since January 1970 of a millisecond timestamp. */
const monthIndex = (ms: string): string => {
  const ts = `make_timestamp(CAST(${ms} AS BIGINT) * 1000)`;
  return `((year(${ts}) - 1970) * 12 + month(${ts}) - 1)`;
};

/** Milliseconds at the start of month number `m` since January 1970. */
const monthStart = (m: string): string =>
  `epoch_ms(CAST(make_date(CAST(1970 + (${m}) // 12 AS BIGINT), CAST((${m}) % 12 + 1 AS BIGINT), 1) AS TIMESTAMP))`;

/** The timestamp rounded down to a multiple of the period. */
export function floorTime(ms: string, p: Period): string {
  if (p.kind === 'fixed') return `(CAST(${ms} AS BIGINT) - ((CAST(${ms} AS BIGINT) % ${p.ms}) + ${p.ms}) % ${p.ms})`;
  const m = monthIndex(ms);
  return monthStart(`(${m} - ((${m} % ${p.months}) + ${p.months}) % ${p.months})`);
}

/** The timestamp rounded up to a multiple of the period (unchanged when it is one). */
export function ceilTime(ms: string, p: Period): string {
  const floor = floorTime(ms, p);
  if (p.kind === 'fixed') return `(${floor} + CASE WHEN ${floor} = CAST(${ms} AS BIGINT) THEN 0 ELSE ${p.ms} END)`;
  const m = monthIndex(ms);
  const next = monthStart(`(${m} - ((${m} % ${p.months}) + ${p.months}) % ${p.months} + ${p.months})`);
  return `(CASE WHEN ${floor} = CAST(${ms} AS BIGINT) THEN ${floor} ELSE ${next} END)`;
}
