/**
 * The simulator's agenda: a binary min-heap ordered by (time, insertion order),
 * so that events at the same instant run in the order they were scheduled and
 * every run is identical. Events live in parallel typed arrays (slots recycled
 * through a free list) and the heap holds slot numbers: pushing and popping
 * allocate nothing once the arrays have grown.
 */

/** Whatever reacts to events: a connection, an exchange, a scan, an item's repetitions. */
export interface Flow {
  fire(code: number, arg: number): void;
}

export class EventQueue {
  private time = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private code = new Int32Array(1024);
  private arg = new Float64Array(1024);
  private flow: (Flow | undefined)[] = new Array<Flow | undefined>(1024);
  private heap = new Int32Array(1024);
  private free = new Int32Array(1024);
  private freeCount = 0;
  private used = 0;
  private count = 0;
  private nextSeq = 0;

  /** The event `pop` took out. */
  topTime = 0;
  topFlow: Flow | undefined;
  topCode = 0;
  topArg = 0;

  get size(): number {
    return this.count;
  }

  push(time: number, flow: Flow, code: number, arg: number): void {
    const s = this.freeCount > 0 ? this.free[--this.freeCount]! : this.newSlot();
    this.time[s] = time;
    this.seq[s] = this.nextSeq++;
    this.code[s] = code;
    this.arg[s] = arg;
    this.flow[s] = flow;
    if (this.count === this.heap.length) this.heap = grow(this.heap);
    this.up(this.count++, s);
  }

  pop(): boolean {
    if (this.count === 0) return false;
    const s = this.heap[0]!;
    this.topTime = this.time[s]!;
    this.topFlow = this.flow[s];
    this.topCode = this.code[s]!;
    this.topArg = this.arg[s]!;
    this.flow[s] = undefined;
    if (this.freeCount === this.free.length) this.free = grow(this.free);
    this.free[this.freeCount++] = s;
    const last = this.heap[--this.count]!;
    if (this.count > 0) this.down(0, last);
    return true;
  }

  private newSlot(): number {
    if (this.used === this.time.length) {
      this.time = grow(this.time);
      this.seq = grow(this.seq);
      this.code = grow(this.code);
      this.arg = grow(this.arg);
      this.flow.length = this.time.length;
    }
    return this.used++;
  }

  private before(a: number, b: number): boolean {
    const ta = this.time[a]!, tb = this.time[b]!;
    return ta < tb || (ta === tb && this.seq[a]! < this.seq[b]!);
  }

  private up(i: number, s: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = h[p]!;
      if (!this.before(s, ps)) break;
      h[i] = ps;
      i = p;
    }
    h[i] = s;
  }

  private down(i: number, s: number): void {
    const h = this.heap, n = this.count;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(h[c + 1]!, h[c]!)) c++;
      const cs = h[c]!;
      if (!this.before(cs, s)) break;
      h[i] = cs;
      i = c;
    }
    h[i] = s;
  }
}

function grow<T extends Float64Array | Int32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
