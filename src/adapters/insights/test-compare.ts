/** Comparing Insights results with SQL results in tests. */
import assert from 'node:assert/strict';

/**
 * `got` is a top-n cut of `all` (sorted by column `k`, descending): the same
 * values of k in the same order, and every row is one of `all`'s (ties may
 * pick different rows, which AWS does not order either).
 */
export function topN(got: readonly unknown[][], all: readonly unknown[][], k: number, n: number): void {
  assert.deepEqual(got.map((r) => r[k]), all.slice(0, n).map((r) => r[k]));
  const known = new Set(all.map((r) => JSON.stringify(r)));
  for (const r of got) assert.ok(known.has(JSON.stringify(r)), `unexpected row ${JSON.stringify(r)}`);
}

export function close(a: unknown, b: unknown, what: string): void {
  assert.ok(typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

/**
 * AWS's natural order, written from its description: non-numbers first, by
 * chunks (digit runs by length then value, other runs by code point), then
 * numbers by value.
 */
export function naturalCompare(a: string, b: string): number {
  const isNum = (s: string) => /^-?[0-9]+(\.[0-9]+)?$/.test(s);
  if (isNum(a) !== isNum(b)) return isNum(a) ? 1 : -1;
  if (isNum(a)) return Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
  const ca = a.match(/[0-9]+|[^0-9]+/g) ?? [], cb = b.match(/[0-9]+|[^0-9]+/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!, y = cb[i]!;
    const dx = /^[0-9]/.test(x), dy = /^[0-9]/.test(y);
    if (dx && dy) {
      if (x.length !== y.length) return x.length - y.length;
      if (x !== y) return x < y ? -1 : 1;
    } else if (x !== y) {
      if (dx !== dy) return x[0]! < y[0]! ? -1 : 1;
      return x < y ? -1 : 1;
    }
  }
  return ca.length - cb.length;
}
