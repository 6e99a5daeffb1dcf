/** Finds a path's line and column; a path that is not written (a missing property) falls back to its nearest written ancestor. */
import type { Locate, Position } from '../../core/scenario/errors.ts';
import { formatPath, parsePath } from '../../core/scenario/path.ts';

export function makeLocate(positions: ReadonlyMap<string, Position>): Locate {
  return (path) => {
    const exact = positions.get(path);
    if (exact) return exact;
    const segs = parsePath(path);
    if (!segs) return undefined;
    for (let n = segs.length - 1; n >= 0; n--) {
      const p = positions.get(formatPath(segs.slice(0, n)));
      if (p) return p;
    }
    return undefined;
  };
}
