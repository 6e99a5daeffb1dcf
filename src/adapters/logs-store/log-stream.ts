/**
 * One log stream in memory: its events sorted by (timestamp, arrival), and
 * the figures DescribeLogStreams reports. Writing to disk is the store's job.
 */
import type { StoredEvent } from './types.ts';

export class LogStream {
  /** Sorted by timestamp, then `seq` (arrival order). */
  readonly events: StoredEvent[] = [];
  lastIngestionTime: number | undefined;
  storedBytes = 0;
  private nextSeq = 0;

  constructor(readonly name: string, readonly creationTime: number) {}

  get firstEventTimestamp(): number | undefined { return this.events[0]?.timestamp; }
  get lastEventTimestamp(): number | undefined { return this.events.at(-1)?.timestamp; }
  /** Changes with every append: AWS still reports one, and ignores what callers send back. */
  get uploadSequenceToken(): string { return String(this.nextSeq).padStart(56, '4'); }

  /** Adds events in the order given (one batch is chronological; batches may overlap). */
  add(batch: readonly { timestamp: number; ingestionTime: number; message: string }[]): void {
    if (batch.length === 0) return;
    const stored = batch.map((e) => ({ timestamp: e.timestamp, ingestionTime: e.ingestionTime, message: e.message, seq: this.nextSeq++ }));
    const last = this.events.at(-1);
    const inOrder = stored.every((e, i) => i === 0 || stored[i - 1]!.timestamp <= e.timestamp);
    this.events.push(...stored);
    if (!inOrder || (last && stored[0]!.timestamp < last.timestamp)) {
      this.events.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
    }
    for (const e of stored) {
      this.storedBytes += Buffer.byteLength(e.message, 'utf8');
      if (this.lastIngestionTime === undefined || e.ingestionTime > this.lastIngestionTime) this.lastIngestionTime = e.ingestionTime;
    }
  }

  /** Index of the first event whose (timestamp, seq) is greater than or equal to the key. */
  lowerBound(timestamp: number, seq: number): number {
    let lo = 0, hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.events[mid]!;
      if (e.timestamp < timestamp || (e.timestamp === timestamp && e.seq < seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
