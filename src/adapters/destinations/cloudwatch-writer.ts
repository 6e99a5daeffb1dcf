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
import { grownTo } from '../../core/typed-arrays.ts';
import { BufferedFile } from './buffered-file.ts';
import { ByteBuffer } from './bytes.ts';
import { logGroupFolder, logGroupName, logStreamName } from './destination-names.ts';
import type { WrittenFile } from './manifest.ts';

/**
 * A stream's events not yet released, as JSON-lines bytes (outside the
 * JavaScript heap) with each event's timestamp and end offset.
 */
class Pending {
  readonly data = new ByteBuffer(1024);
  ts = new Float64Array(64);
  ends = new Int32Array(64);
  count = 0;
  /** Timestamps never went down (the usual case: one window's records arrive in start order). */
  sorted = true;

  /**
   * Appends the event `{"timestamp":ts,"ingestionTime":ingestion,"message":line}`
   * and its newline. The line goes into the buffer as it is, then its bytes are
   * checked for anything JSON must escape (a quote, a backslash, a control
   * character; non-ASCII too, so a lone surrogate is escaped as JSON.stringify
   * would): record fields never hold one, so the usual event is written without
   * a JSON.stringify copy of the line nor a string of the whole event.
   */
  addEvent(ts: number, ingestion: number, line: string): void {
    const d = this.data;
    // The JSON around the line as bytes, the numbers written digit by digit: no string of the head is made.
    d.bytes(TIMESTAMP);
    d.number(ts);
    d.bytes(INGESTION_TIME);
    d.number(ingestion);
    d.bytes(MESSAGE);
    d.room(line.length * 3 + 3);
    const at = d.pos;
    const buf = d.buf;
    const end = at + buf.write(line, at, 'utf8');
    let plain = true;
    for (let i = at; i < end; i++) {
      const b = buf[i]!;
      if (b < 0x20 || b === 0x22 || b === 0x5c || b >= 0x80) { plain = false; break; }
    }
    let pos = end;
    if (!plain) {
      const quoted = JSON.stringify(line);
      d.pos = at; // room() keeps only the bytes before pos: the head stays, the unescaped line is overwritten
      d.room(quoted.length * 3 + 3);
      pos = at + d.buf.write(quoted.slice(1, -1), at, 'utf8');
    }
    const out = d.buf;
    out[pos++] = 0x22; // "
    out[pos++] = 0x7d; // }
    out[pos++] = 0x0a; // \n
    d.pos = pos;
    this.ended(ts);
  }

  /** Records an event whose bytes were just appended to `data`. */
  private ended(ts: number): void {
    if (this.count === this.ts.length) {
      this.ts = grownTo(this.ts);
      this.ends = grownTo(this.ends);
    }
    if (this.count > 0 && ts < this.ts[this.count - 1]!) this.sorted = false;
    this.ts[this.count] = ts;
    this.ends[this.count] = this.data.pos;
    this.count++;
  }

  /**
   * Moves the events with timestamp before `beforeMs` to `out`, by timestamp
   * (equal timestamps in arrival order); returns how many.
   */
  release(beforeMs: number, out: BufferedFile): number {
    const n = this.count, ts = this.ts, ends = this.ends;
    if (this.sorted) {
      let k = 0;
      while (k < n && ts[k]! < beforeMs) k++;
      if (k === 0) return 0;
      const cut = ends[k - 1]!;
      out.pushBytes(this.data.buf.subarray(0, cut), k);
      this.keep(k, cut);
      return k;
    }
    const due: number[] = [];
    for (let i = 0; i < n; i++) if (ts[i]! < beforeMs) due.push(i);
    if (due.length === 0) return 0;
    due.sort((a, b) => ts[a]! - ts[b]! || a - b); // stable: equal timestamps stay in arrival order
    const bytes = new ByteBuffer(1024);
    const buf = this.data.buf;
    for (const i of due) bytes.bytes(buf.subarray(i === 0 ? 0 : ends[i - 1]!, ends[i]!));
    out.pushBytes(bytes.view(), due.length);
    // The rest, in arrival order.
    const rest = new ByteBuffer(Math.max(1024, this.data.pos - bytes.pos));
    const restTs: number[] = [];
    const restEnds: number[] = [];
    for (let i = 0; i < n; i++) {
      if (ts[i]! < beforeMs) continue;
      rest.bytes(buf.subarray(i === 0 ? 0 : ends[i - 1]!, ends[i]!));
      restTs.push(ts[i]!);
      restEnds.push(rest.pos);
    }
    this.data.clear();
    this.data.bytes(rest.view());
    this.count = restTs.length;
    for (let i = 0; i < this.count; i++) { this.ts[i] = restTs[i]!; this.ends[i] = restEnds[i]!; }
    this.sorted = true;
    for (let i = 1; i < this.count; i++) if (this.ts[i]! < this.ts[i - 1]!) { this.sorted = false; break; }
    return due.length;
  }

  /** Drops the first `k` events, which end at byte `cut`. */
  private keep(k: number, cut: number): void {
    const left = this.count - k;
    this.data.buf.copyWithin(0, cut, this.data.pos);
    this.data.pos -= cut;
    this.ts.copyWithin(0, k, this.count);
    for (let i = 0; i < left; i++) this.ends[i] = this.ends[i + k]! - cut;
    this.count = left;
  }
}

interface Stream {
  group: string;
  /** Relative to the output folder, for the manifest. */
  rel: string;
  out: BufferedFile;
  pending: Pending;
}

export interface CloudWatchWritten { group: string; file: WrittenFile }

// An event's JSON before its timestamps and its message.
const TIMESTAMP = Buffer.from('{"timestamp":', 'latin1');
const INGESTION_TIME = Buffer.from(',"ingestionTime":', 'latin1');
const MESSAGE = Buffer.from(',"message":"', 'latin1');

/** Above this many buffered characters across all streams, everything is appended to disk. */
const FLUSH_BUDGET = 8 << 20;

export class CloudWatchWriter {
  readonly written: CloudWatchWritten[] = [];
  private readonly streams = new Map<string, Stream>();
  private readonly groupOf = new Map<string, string>();
  private last: Stream | undefined;
  private lastFlowLog: EmittedRecord['flowLog'] | undefined;
  private lastEni: string | undefined;

  constructor(
    private readonly outDir: string,
    private readonly ingestionTimeMs: (r: EmittedRecord) => number,
  ) {}

  add(r: EmittedRecord): void {
    let s = this.last;
    // A window's records come interface by interface: most go to the stream the previous one went to.
    if (s === undefined || r.flowLog !== this.lastFlowLog || r.eniId !== this.lastEni) {
      let group = this.groupOf.get(r.flowLog.id);
      if (group === undefined) this.groupOf.set(r.flowLog.id, (group = logGroupName(r.flowLog)));
      const k = `${group}\0${r.eniId}`;
      s = this.streams.get(k);
      if (!s) {
        const parts = ['cloudwatch', logGroupFolder(group), `${logStreamName(r.eniId)}.jsonl`];
        this.streams.set(k, (s = { group, rel: parts.join('/'), out: new BufferedFile(join(this.outDir, ...parts)), pending: new Pending() }));
      }
      this.last = s;
      this.lastFlowLog = r.flowLog;
      this.lastEni = r.eniId;
    }
    const ts = r.start * 1000;
    s.pending.addEvent(ts, this.ingestionTimeMs(r), r.line);
  }

  /** Moves every event with timestamp before `epochSec` to its stream's output, in order. */
  closeThrough(epochSec: number): void {
    this.release(epochSec * 1000);
  }

  /** Releases every event and commits every stream file (side by side). */
  async close(): Promise<void> {
    this.release(Infinity);
    // Stream paths are sorted so the manifest never depends on arrival.
    const streams = [...this.streams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
    const sizes = await Promise.all(streams.map((s) => s.out.commitAsync()));
    streams.forEach((s, i) => this.written.push({ group: s.group, file: { path: s.rel, records: s.out.records, bytes: sizes[i]! } }));
  }

  abort(): void {
    for (const s of this.streams.values()) s.out.discard();
  }

  private release(beforeMs: number): void {
    for (const s of this.streams.values()) {
      if (s.pending.count === 0) continue;
      s.pending.release(beforeMs, s.out);
    }
    let buffered = 0;
    for (const s of this.streams.values()) buffered += s.out.pending;
    if (buffered > FLUSH_BUDGET) for (const s of this.streams.values()) s.out.flush();
  }
}
