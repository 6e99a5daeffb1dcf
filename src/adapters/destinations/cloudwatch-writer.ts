/**
 * CloudWatch Logs destinations: one JSON-lines file per log stream, a stream
 * per interface per log group, shared by every flow log that targets the group.
 *
 * Events must be in timestamp (= start×1000) order within a stream, but records
 * arrive by window close, and a 10-minute window closes after 1-minute windows
 * that began later. Events therefore wait in memory until the runner's
 * watermark (no later record starts before it) passes them, then are sorted
 * and appended; events with equal timestamps keep their arrival order.
 */
import { join } from 'node:path';
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import { BufferedFile } from './buffered-file.ts';
import { logGroupFolder, logGroupName, logStreamName } from './destination-names.ts';
import type { WrittenFile } from './manifest.ts';

interface PendingEvent { ts: number; json: string }

interface Stream {
  group: string;
  /** Relative to the output folder, for the manifest. */
  rel: string;
  out: BufferedFile;
  pending: PendingEvent[];
}

export interface CloudWatchWritten { group: string; file: WrittenFile }

/** Above this many buffered characters across all streams, everything is appended to disk. */
const FLUSH_BUDGET = 8 << 20;

export class CloudWatchWriter {
  readonly written: CloudWatchWritten[] = [];
  private readonly streams = new Map<string, Stream>();
  private readonly groupOf = new Map<string, string>();
  private buffered = 0;

  constructor(
    private readonly outDir: string,
    private readonly ingestionTimeMs: (r: EmittedRecord) => number,
  ) {}

  add(r: EmittedRecord): void {
    let group = this.groupOf.get(r.flowLog.id);
    if (group === undefined) this.groupOf.set(r.flowLog.id, (group = logGroupName(r.flowLog)));
    const k = `${group}\0${r.eniId}`;
    let s = this.streams.get(k);
    if (!s) {
      const parts = ['cloudwatch', logGroupFolder(group), `${logStreamName(r.eniId)}.jsonl`];
      this.streams.set(k, (s = { group, rel: parts.join('/'), out: new BufferedFile(join(this.outDir, ...parts)), pending: [] }));
    }
    const ts = r.start * 1000;
    s.pending.push({ ts, json: `{"timestamp":${ts},"ingestionTime":${this.ingestionTimeMs(r)},"message":${JSON.stringify(r.line)}}\n` });
  }

  /** Moves every event with timestamp before `epochSec` to its stream's output, in order. */
  closeThrough(epochSec: number): void {
    this.release(epochSec * 1000);
  }

  close(): void {
    this.release(Infinity);
    // Stream paths are sorted so the manifest and rename order never depend on arrival.
    for (const [, s] of [...this.streams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const bytes = s.out.commit();
      this.written.push({ group: s.group, file: { path: s.rel, records: s.out.records, bytes } });
    }
  }

  abort(): void {
    for (const s of this.streams.values()) s.out.discard();
  }

  private release(beforeMs: number): void {
    for (const s of this.streams.values()) {
      if (s.pending.length === 0) continue;
      const due: PendingEvent[] = [];
      const later: PendingEvent[] = [];
      for (const e of s.pending) (e.ts < beforeMs ? due : later).push(e);
      if (due.length === 0) continue;
      s.pending = later;
      due.sort((a, b) => a.ts - b.ts); // stable: equal timestamps stay in arrival order
      const text = due.map((e) => e.json).join('');
      s.out.push(text, due.length);
      this.buffered += text.length;
    }
    if (this.buffered > FLUSH_BUDGET) {
      for (const s of this.streams.values()) s.out.flush();
      this.buffered = 0;
    }
  }
}
