/**
 * The simulator's agenda: a binary min-heap ordered by (time, insertion order),
 * so that events at the same instant run in the order they were scheduled and
 * every run is identical. The heap keeps each event's time and sequence number
 * in its own arrays, in heap order, so comparisons read them directly; the
 * event's payload (flow, code, argument) stays in a slot recycled through a
 * free list. Pushing and popping allocate nothing once the arrays have grown.
 *
 * Most handlers schedule their next event while running, so `pop` leaves the
 * event it took at the root, marked taken, and the next `push` drops the new
 * event into its place with one sift down (instead of a sift down to remove
 * the root and a sift up to insert).
 */

import { grownTo } from '../typed-arrays.ts';

/** Whatever reacts to events: a connection, an exchange, a scan, an item's repetitions. */
export interface Flow {
  fire(code: number, arg: number): void;
}

export class EventQueue {
  // Heap order.
  private hTime = new Float64Array(1024);
  private hSeq = new Float64Array(1024);
  private hSlot = new Int32Array(1024);
  // Slot order.
  private code = new Int32Array(1024);
  private arg = new Float64Array(1024);
  private flow: (Flow | undefined)[] = new Array<Flow | undefined>(1024).fill(undefined);
  private free = new Int32Array(1024);
  private freeCount = 0;
  private used = 0;
  /** Entries in the heap, the taken root included. */
  private count = 0;
  /** The root is the event `pop` last took, not yet removed. */
  private taken = false;
  private nextSeq = 0;

  /** The event `pop` took out. */
  topTime = 0;
  topFlow: Flow | undefined;
  topCode = 0;
  topArg = 0;

  get size(): number {
    return this.taken ? this.count - 1 : this.count;
  }

  push(time: number, flow: Flow, code: number, arg: number): void {
    this.pushSeq(time, this.nextSeq++, flow, code, arg);
  }

  /**
   * The place in the order of an event scheduled now, for a handler that keeps
   * the event itself for a while (and may run it without the queue): given to
   * `pushSeq` later, the event comes out exactly where `push` would have put it.
   */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  pushSeq(time: number, seq: number, flow: Flow, code: number, arg: number): void {
    const s = this.freeCount > 0 ? this.free[--this.freeCount]! : this.newSlot();
    this.code[s] = code;
    this.arg[s] = arg;
    this.flow[s] = flow;
    if (this.taken) {
      this.taken = false;
      this.down(0, time, seq, s);
      return;
    }
    if (this.count === this.hTime.length) this.growHeap();
    this.up(this.count++, time, seq, s);
  }

  /** Time of the next event, without taking it (the event popped last is done with); undefined when none is left. */
  peekTime(): number | undefined {
    if (this.taken) this.removeRoot();
    return this.count === 0 ? undefined : this.hTime[0];
  }

  /**
   * Time of the earliest event other than the one `pop` last took (Infinity
   * when there is none), leaving the heap as it is: a handler compares with it
   * to know whether an event it would schedule would be the very next one.
   */
  nextTime(): number {
    const ht = this.hTime;
    if (!this.taken) return this.count === 0 ? Infinity : ht[0]!;
    const n = this.count;
    if (n <= 1) return Infinity;
    if (n === 2) return ht[1]!;
    const a = ht[1]!, b = ht[2]!;
    return a < b ? a : b;
  }

  pop(): boolean {
    if (this.taken) this.removeRoot();
    if (this.count === 0) return false;
    const s = this.hSlot[0]!;
    this.topTime = this.hTime[0]!;
    this.topFlow = this.flow[s];
    this.topCode = this.code[s]!;
    this.topArg = this.arg[s]!;
    this.flow[s] = undefined;
    if (this.freeCount === this.free.length) this.free = grownTo(this.free);
    this.free[this.freeCount++] = s;
    this.taken = true;
    return true;
  }

  private removeRoot(): void {
    this.taken = false;
    const n = --this.count;
    if (n > 0) this.down(0, this.hTime[n]!, this.hSeq[n]!, this.hSlot[n]!);
  }

  private newSlot(): number {
    if (this.used === this.code.length) {
      this.code = grownTo(this.code);
      this.arg = grownTo(this.arg);
      this.flow.length = this.code.length;
      this.flow.fill(undefined, this.used);
      this.free = grownTo(this.free);
    }
    return this.used++;
  }

  private growHeap(): void {
    this.hTime = grownTo(this.hTime);
    this.hSeq = grownTo(this.hSeq);
    this.hSlot = grownTo(this.hSlot);
  }

  /** Places (time, seq, slot) at `i` or above. */
  private up(i: number, time: number, seq: number, slot: number): void {
    const ht = this.hTime, hq = this.hSeq, hs = this.hSlot;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ht[p]!;
      if (pt < time || (pt === time && hq[p]! < seq)) break;
      ht[i] = pt;
      hq[i] = hq[p]!;
      hs[i] = hs[p]!;
      i = p;
    }
    ht[i] = time;
    hq[i] = seq;
    hs[i] = slot;
  }

  /** Places (time, seq, slot) at `i` or below, among the first `count` entries. */
  private down(i: number, time: number, seq: number, slot: number): void {
    const ht = this.hTime, hq = this.hSeq, hs = this.hSlot, n = this.count;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = ht[c]!;
      if (c + 1 < n) {
        const rt = ht[c + 1]!;
        if (rt < ct || (rt === ct && hq[c + 1]! < hq[c]!)) { c++; ct = rt; }
      }
      if (time < ct || (time === ct && seq < hq[c]!)) break;
      ht[i] = ct;
      hq[i] = hq[c]!;
      hs[i] = hs[c]!;
      i = c;
    }
    ht[i] = time;
    hq[i] = seq;
    hs[i] = slot;
  }
}
