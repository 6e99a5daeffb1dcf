/** Durations and offsets as scenarios write them: `90s`, `5m`, `1h30m`, `2h`, or a number of seconds. */
import { describeValue } from './describe.ts';
import { ScenarioError } from './errors.ts';
import { type Origin, errorAt } from './origin.ts';
import type { Path } from './path.ts';

export const DURATION_EXPECTED = 'a duration such as 90s, 5m, 1h30m, 2h or a number of seconds';

const UNITS = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/;

/** Seconds, or undefined when `v` is not a duration. */
export function durationSeconds(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = UNITS.exec(s);
  if (!m || s === '') return undefined;
  const [h, min, sec] = [m[1], m[2], m[3]].map((x) => Number(x ?? 0));
  return h! * 3600 + min! * 60 + sec!;
}

/** A duration given outside any file (a command-line option named `what`). */
export function parseDuration(v: unknown, what: string): number {
  const s = durationSeconds(v);
  if (s === undefined) throw new ScenarioError({ file: what, place: '', expected: DURATION_EXPECTED, found: describeValue(v) });
  return s;
}

export function readDuration(v: unknown, path: Path, origin: Origin, positive = false): number {
  const s = durationSeconds(v);
  if (s === undefined || (positive && s === 0)) throw errorAt(origin, path, positive ? `${DURATION_EXPECTED}, more than 0` : DURATION_EXPECTED, describeValue(v));
  return s;
}
