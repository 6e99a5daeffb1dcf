/**
 * Events of several streams interleaved in (timestamp, stream name, arrival)
 * order, as FilterLogEvents returns them, by a k-way merge over a binary heap.
 */
import type { LogStream, StoredEvent } from '../../adapters/logs-store/index.ts';

export interface Cursor { stream: LogStream; at: number; end: number }

const before = (a: Cursor, b: Cursor): boolean => {
  const x = a.stream.events[a.at]!, y = b.stream.events[b.at]!;
  if (x.timestamp !== y.timestamp) return x.timestamp < y.timestamp;
  if (a.stream.name !== b.stream.name) return a.stream.name < b.stream.name;
  return x.seq < y.seq;
};

export class Merge {
  private readonly heap: Cursor[] = [];

  constructor(cursors: readonly Cursor[]) {
    for (const c of cursors) if (c.at < c.end) this.push(c);
  }

  /** The next event and its stream, or undefined when every cursor is done. */
  next(): { stream: LogStream; event: StoredEvent } | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const out = { stream: top.stream, event: top.stream.events[top.at]! };
    top.at++;
    const last = this.heap.pop()!;
    if (this.heap.length > 0 && last !== top) {
      this.heap[0] = last;
      this.down(0);
    }
    if (top.at < top.end) this.push(top);
    return out;
  }

  private push(c: Cursor): void {
    const h = this.heap;
    h.push(c);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
