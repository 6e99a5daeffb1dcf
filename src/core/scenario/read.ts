/** Reading the scenario file's values with messages that say where, what was expected and what was found. */
import { describeValue, isMapping } from './describe.ts';
import { type Origin, errorAt } from './origin.ts';
import type { Path } from './path.ts';
import { didYouMean } from './suggest.ts';

export function mapping(v: unknown, path: Path, origin: Origin, what: string): Record<string, unknown> {
  if (!isMapping(v)) throw errorAt(origin, path, what, describeValue(v));
  return v;
}

/** Refuses keys outside `allowed`, suggesting the closest one. */
export function onlyKeys(m: Record<string, unknown>, allowed: readonly string[], path: Path, origin: Origin, what: string): void {
  for (const key of Object.keys(m)) {
    if (!allowed.includes(key)) throw errorAt(origin, [...path, key], `${what} (${allowed.join(', ')})`, `"${key}"${didYouMean(key, allowed)}`);
  }
}

export function text(v: unknown, path: Path, origin: Origin, what = 'a text'): string {
  if (typeof v !== 'string' || v === '') throw errorAt(origin, path, what, describeValue(v));
  return v;
}

export function integer(v: unknown, path: Path, origin: Origin, min: number, max: number, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw errorAt(origin, path, what, describeValue(v));
  return v;
}

export function boolean(v: unknown, path: Path, origin: Origin): boolean {
  if (typeof v !== 'boolean') throw errorAt(origin, path, 'true or false', describeValue(v));
  return v;
}

export function list(v: unknown, path: Path, origin: Origin, what: string): unknown[] {
  if (!Array.isArray(v)) throw errorAt(origin, path, what, describeValue(v));
  return v;
}
