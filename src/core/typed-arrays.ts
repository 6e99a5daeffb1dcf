/** Growing the typed arrays that hot paths keep their state in (no object per entry for the collector to walk). */

type Numeric = Int32Array | Uint8Array | Float64Array;

/**
 * A copy of `a` with at least `n` elements (twice as many as it had, or `n` if that is more); the new ones are 0.
 * Doubling keeps the copying per element added constant.
 */
export function grownTo<T extends Numeric>(a: T, n = 0): T {
  const b = new (a.constructor as new (length: number) => T)(Math.max(a.length * 2, n));
  b.set(a);
  return b;
}
