/**
 * The one pass of JavaScript over a text input before DuckDB parses it. It
 * only looks where a quirk can hide, so it costs little next to the parse:
 * - header lines (S3 objects start with one; concatenated objects repeat it,
 *   possibly for another format) are found by the first byte of each line and
 *   turned into `#` comments that DuckDB skips, keeping line numbers intact;
 *   a header of another format starts a new segment with that format;
 * - CRLF endings lose their CR (only chunks holding a CR are copied).
 * Blank lines need nothing: DuckDB skips them and still counts them.
 * With `stage` unset the scan only observes, so a clean plain file can be
 * handed to DuckDB as it is.
 */
import { closeSync, openSync, writevSync } from 'node:fs';
import type { FieldDef } from '../../core/flows/fields.ts';
import { STORE_FIELD_BY_NAME, athenaType } from '../../core/ingest/columns.ts';
import { formatKey, headerFormat, type Format } from '../../core/ingest/format.ts';

export interface TextSegment {
  /** The file DuckDB reads: the source itself or a staging file. */
  path: string;
  staged: boolean;
  format: Format;
  /** A line's number in the source = its number in `path` + lineOffset. */
  lineOffset: number;
  /** Leading lines DuckDB must skip (the source's header, when it reads the source itself). */
  skip: number;
  /** Bytes DuckDB will read (staged bytes, or the source's size). */
  bytes: number;
}

export interface ScanOutcome {
  segments: TextSegment[];
  lines: number;
  headers: number;
  crlf: boolean;
  /** Whether DuckDB cannot read the source as it is (CR, or header lines past line 1). */
  needsStaging: boolean;
}

const HASH = Buffer.from('#');
const LF = 10, CR = 13;

function stripCR(c: Buffer): Buffer {
  const out = Buffer.allocUnsafe(c.length);
  let n = 0, from = 0, i: number;
  while ((i = c.indexOf(CR, from)) >= 0) {
    n += c.copy(out, n, from, i);
    // A CR before LF (or at the very end) goes; a CR inside a line becomes a space, so tokens stay apart.
    if (i + 1 < c.length && c[i + 1] !== LF) out[n++] = 32;
    from = i + 1;
  }
  n += c.copy(out, n, from);
  return out.subarray(0, n);
}

const numericFirst = (f: Format): boolean => f.length > 0 && athenaType(f[0] as FieldDef) !== 'string';

export interface ScanOptions {
  /** Gives a fresh staging path per segment; without it nothing is written. */
  stage?: () => string;
  /**
   * Staged segments are cut (at a line boundary) once this many bytes are
   * written, and handed to `onSegment` as soon as they are closed, so DuckDB
   * parses one while the next is being decompressed.
   */
  segmentBytes?: number;
  /** A smaller first segment, so DuckDB has something to parse sooner. */
  firstSegmentBytes?: number;
  /** `cut`: the segment was closed for its size, more of the file follows. */
  onSegment?: (s: TextSegment, cut: boolean) => void;
}

export class TextScanner {
  private segments: TextSegment[] = [];
  private fd: number | undefined;
  private written = 0;
  private carry: Buffer | null = null;
  private lineNo = 0;
  private headers = 0;
  private crlf = false;
  private needsStaging = false;
  private current: Format;
  private digitsFirst: boolean;

  constructor(private readonly source: string, initial: Format, private readonly options: ScanOptions = {}) {
    this.current = initial;
    this.digitsFirst = numericFirst(initial);
    this.openSegment(initial, 0);
  }

  private closeSegment(cut = false): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    const last = this.segments[this.segments.length - 1]!;
    last.bytes = this.written;
    if (this.written > 0) this.options.onSegment?.(last, cut);
    else this.segments.pop();
  }

  private openSegment(format: Format, lineOffset: number, cut = false): void {
    this.closeSegment(cut);
    this.current = format;
    this.digitsFirst = numericFirst(format);
    this.written = 0;
    if (this.options.stage) {
      const path = this.options.stage();
      this.fd = openSync(path, 'w');
      this.segments.push({ path, staged: true, format, lineOffset, skip: 0, bytes: 0 });
    } else {
      this.segments.push({ path: this.source, staged: false, format, lineOffset, skip: 0, bytes: 0 });
    }
  }

  private write(pieces: Buffer[]): void {
    if (this.fd === undefined) return;
    let todo = pieces.filter((p) => p.length > 0);
    while (todo.length) {
      // writev takes at most IOV_MAX (1024) buffers, and may write less than asked.
      const batch = todo.slice(0, 1024);
      let done = writevSync(this.fd, batch);
      this.written += done;
      todo = todo.slice(batch.length);
      const rest: Buffer[] = [];
      for (const b of batch) {
        if (done >= b.length) done -= b.length;
        else { rest.push(b.subarray(done)); done = 0; }
      }
      todo = [...rest, ...todo];
    }
  }

  private isHeaderCandidate(c: Buffer, i: number, nl: number): boolean {
    const b = c[i]!;
    if (b < 97 || b > 122) return false;
    if (this.digitsFirst) return true;
    const sp = c.indexOf(32, i);
    return STORE_FIELD_BY_NAME.has(c.toString('latin1', i, sp < 0 || sp > nl ? nl : sp));
  }

  /** Processes whole lines (`c` ends with LF). */
  private lines(c: Buffer): void {
    if (c.indexOf(CR) >= 0) {
      c = stripCR(c);
      this.crlf = true;
      this.needsStaging = true;
    }
    const pieces: Buffer[] = [];
    let from = 0, i = 0;
    while (i < c.length) {
      const nl = c.indexOf(LF, i);
      this.lineNo++;
      if (nl > i && this.isHeaderCandidate(c, i, nl)) {
        const fmt = headerFormat(c.toString('utf8', i, nl));
        if (fmt) {
          this.headers++;
          if (this.lineNo === 1 && !this.options.stage) this.segments[0]!.skip = 1;
          else this.needsStaging = true;
          if (formatKey(fmt) !== formatKey(this.current)) {
            pieces.push(c.subarray(from, i));
            this.write(pieces);
            pieces.length = 0;
            from = i;
            this.needsStaging = this.needsStaging || this.lineNo > 1;
            this.openSegment(fmt, this.lineNo - 1);
          }
          pieces.push(c.subarray(from, i), HASH);
          from = i;
        }
      }
      i = nl + 1;
    }
    pieces.push(c.subarray(from));
    this.write(pieces);
  }

  feed(chunk: Buffer): void {
    let c = chunk;
    if (this.carry) {
      // Only the line cut by the previous chunk is copied, not the whole chunk.
      const nl = c.indexOf(LF);
      if (nl < 0) { this.carry = Buffer.concat([this.carry, c]); return; }
      this.lines(Buffer.concat([this.carry, c.subarray(0, nl + 1)]));
      this.carry = null;
      c = c.subarray(nl + 1);
    }
    const last = c.lastIndexOf(LF);
    if (last < 0) { this.carry = c.length ? Buffer.from(c) : null; return; }
    if (last + 1 < c.length) this.carry = Buffer.from(c.subarray(last + 1));
    this.lines(c.subarray(0, last + 1));
    const limit = this.segments.length === 1 ? this.options.firstSegmentBytes ?? this.options.segmentBytes : this.options.segmentBytes;
    if (limit !== undefined && this.fd !== undefined && this.written >= limit) this.openSegment(this.current, this.lineNo, true);
  }

  finish(): ScanOutcome {
    if (this.carry && this.carry.length) this.lines(Buffer.concat([this.carry, Buffer.from('\n')]));
    this.carry = null;
    this.closeSegment();
    return { segments: this.segments, lines: this.lineNo, headers: this.headers, crlf: this.crlf, needsStaging: this.needsStaging };
  }

  /** Closes the staging file after a failure. */
  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
