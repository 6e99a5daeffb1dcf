/**
 * Time periods of bin(), datefloor() and dateceil(): a whole number and a unit.
 * ms, s, m, h, d and w are fixed lengths counted from the Unix epoch; mo, q and
 * y are calendar months (a quarter is three, a year twelve), counted from
 * January 1970, so bin(1mo) starts on the first of each month (UTC).
 */
export type Period =
  | { readonly kind: 'fixed'; readonly ms: number; readonly text: string }
  | { readonly kind: 'months'; readonly months: number; readonly text: string };

const FIXED: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const MONTHS: Record<string, number> = { mo: 1, q: 3, y: 12 };

export const PERIOD_UNITS = [...Object.keys(FIXED), ...Object.keys(MONTHS)];

/** `5m` → 300000 ms; undefined when the text is not a period. */
export function parsePeriod(text: string): Period | undefined {
  const m = /^([0-9]+)([a-z]+)$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!;
  if (!Number.isSafeInteger(n) || n <= 0) return undefined;
  if (unit in FIXED) return { kind: 'fixed', ms: n * FIXED[unit]!, text };
  if (unit in MONTHS) return { kind: 'months', months: n * MONTHS[unit]!, text };
  return undefined;
}
