/** Port lists for scans: "1-1024", "22,80,443", "20-25,80", a number, or a list of those. */
import { describeValue } from './describe.ts';
import { type Origin, errorAt } from './origin.ts';
import type { Path } from './path.ts';

const EXPECTED = 'ports such as "1-1024", "22,80,443", 443 or a list of them (each 1-65535)';

export function readPorts(v: unknown, path: Path, origin: Origin): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const add = (p: number) => {
    if (!seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  };
  const items = Array.isArray(v) ? v : [v];
  items.forEach((item, i) => {
    const at = Array.isArray(v) ? [...path, i] : path;
    const fail = () => errorAt(origin, at, EXPECTED, describeValue(item));
    if (typeof item === 'number') {
      if (!Number.isInteger(item) || item < 1 || item > 65535) throw fail();
      add(item);
      return;
    }
    if (typeof item !== 'string' || item.trim() === '') throw fail();
    for (const part of item.split(',')) {
      const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
      if (!m) throw fail();
      const lo = Number(m[1]), hi = Number(m[2] ?? m[1]);
      if (lo < 1 || hi > 65535 || lo > hi) throw fail();
      for (let p = lo; p <= hi; p++) add(p);
    }
  });
  if (out.length === 0) throw errorAt(origin, path, EXPECTED, describeValue(v));
  return out;
}
