/** The scenario's top-level scalars (SCENARIO.md §1): name, account, region, start, duration, seed, options. */
import { isRegionName } from '../model/region.ts';
import { describeValue } from './describe.ts';
import { readDuration } from './durations.ts';
import { type Origin, errorAt } from './origin.ts';
import type { Path } from './path.ts';
import { boolean, integer, mapping, onlyKeys, text } from './read.ts';
import type { ScenarioOptions } from './types.ts';

export const DEFAULTS = {
  account: '123456789012',
  region: 'us-east-1',
  start: '2026-01-01T00:00:00Z',
  seed: 1,
} as const;

/** Where a value comes from: the scenario file, or an override from the command line. */
export interface Source {
  v: unknown;
  path: Path;
  origin: Origin;
}

export function readName(v: unknown, origin: Origin): string {
  if (v === undefined) return origin.file.split(/[\\/]/).pop()!.replace(/\.(ya?ml|json)$/i, '');
  return text(v, ['name'], origin, 'a name (free text)');
}

export function readAccount(v: unknown, origin: Origin): string {
  if (v === undefined) return DEFAULTS.account;
  if (typeof v === 'number') throw errorAt(origin, ['account'], 'an account id of 12 digits written as a quoted string, such as "123456789012"', `the number ${v}`);
  if (typeof v !== 'string' || !/^\d{12}$/.test(v)) throw errorAt(origin, ['account'], 'an account id of 12 digits, such as "123456789012"', describeValue(v));
  return v;
}

export function readRegion(v: unknown, origin: Origin): string {
  if (v === undefined) return DEFAULTS.region;
  if (typeof v !== 'string' || !isRegionName(v)) throw errorAt(origin, ['region'], 'an AWS region name such as us-east-1', describeValue(v));
  return v;
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** Epoch seconds of an ISO-8601 UTC time such as 2026-01-01T00:00:00Z. */
export function readStart(s: Source): number {
  const v = s.v ?? DEFAULTS.start;
  const m = typeof v === 'string' ? ISO_UTC.exec(v) : null;
  const fail = () => errorAt(s.origin, s.path, 'a UTC time in ISO-8601 form, such as 2026-01-01T00:00:00Z', describeValue(v));
  if (!m) throw fail();
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; a real date comes back unchanged.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) throw fail();
  return ms / 1000 + Number(m[7] ?? 0);
}

export function readSeed(s: Source): string | number {
  if (s.v === undefined) return DEFAULTS.seed;
  if ((typeof s.v === 'number' && Number.isFinite(s.v)) || (typeof s.v === 'string' && s.v !== '')) return s.v;
  throw errorAt(s.origin, s.path, 'a seed (a number or a text)', describeValue(s.v));
}

export function readOptionalDuration(s: Source): number | undefined {
  return s.v === undefined ? undefined : readDuration(s.v, s.path, s.origin, true);
}

export function readOptions(v: unknown, origin: Origin, nodata: Source, capacity: Source): ScenarioOptions {
  if (v !== undefined) onlyKeys(mapping(v, ['options'], origin, 'a mapping of options (nodata, capacity)'), ['nodata', 'capacity'], ['options'], origin, 'an option');
  return {
    nodata: nodata.v === undefined ? false : boolean(nodata.v, nodata.path, nodata.origin),
    capacity: capacity.v === undefined ? 0 : integer(capacity.v, capacity.path, capacity.origin, 0, Number.MAX_SAFE_INTEGER, 'a number of flows, 0 (unlimited) or more'),
  };
}
