/**
 * Object keys: S3's listing order (UTF-8 byte order, which differs from
 * JavaScript's UTF-16 order above U+D7FF) and whether a key can live under its
 * own name on disk. Keys that cannot (`..`, empty segments, a trailing `/`,
 * over-long segments, temporary-file names) are kept under a hashed name
 * instead, so no key ever reaches outside its bucket's folder.
 */
import { createHash } from 'node:crypto';
import { isTempName } from '../destinations/atomic.ts';

/** Compares by code point, which is UTF-8 byte order. */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x - y;
    return xs ? 1 : -1;
  }
  return a.length - b.length;
}

/** Index of the first key in `sorted` that is greater than `after` (or the first at all). */
export function firstAfter(sorted: readonly string[], after: string | undefined): number {
  if (after === undefined || after === '') return 0;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid]!, after) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first key in `sorted` that is not less than `key`. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The path segments of a key stored under its own name, or undefined if it must be hashed. */
export function naturalSegments(key: string): string[] | undefined {
  if (key.includes('\u0000')) return undefined;
  const parts = key.split('/');
  for (const p of parts) {
    if (p === '' || p === '.' || p === '..' || isTempName(p) || Buffer.byteLength(p) > 255) return undefined;
  }
  return parts;
}

export function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
