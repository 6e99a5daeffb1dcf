/**
 * S3 destinations: one object per flow log per 5-minute period of record
 * `end`, written as soon as the runner says the period can get no more records,
 * so memory holds only the periods still open.
 */
import { join } from 'node:path';
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import { formatHeader, parseLogFormat, type FieldDef } from '../../core/flows/fields.ts';
import { DELIVERY_SLOT_SECONDS, deliverySlot, s3ObjectKey } from '../../core/flows/s3-keys.ts';
import type { FlowLog } from '../../core/model/types.ts';
import { atomicWriteParts } from './atomic.ts';
import { ByteBuffer } from './bytes.ts';
import { safeSegment } from './destination-names.ts';
import { gzipBytes } from './gzip.ts';
import type { WrittenFile } from './manifest.ts';
import { parquetBuilder, writeParquet } from './parquet.ts';
import type { ParquetBuilder } from './parquet-encode.ts';

/** AWS publishes a file every 5 minutes; the name carries the period start. */
export const S3_PERIOD_SEC = DELIVERY_SLOT_SECONDS;

interface OpenObject {
  fl: FlowLog;
  period: number;
  records: number;
  /** The header and record lines as UTF-8, each ending in `\n` (text objects)... */
  lines: ByteBuffer | undefined;
  /** ...or the columns being built (Parquet). */
  built: ParquetBuilder | undefined;
}

export interface S3Written { bucket: string; file: WrittenFile }

export class S3Writer {
  readonly written: S3Written[] = [];
  private readonly open = new Map<string, OpenObject>();
  private readonly fieldsOf = new Map<string, readonly FieldDef[]>();
  private last: OpenObject | undefined;
  /** Writes started by finishFlowLog. */
  private readonly early: Promise<void>[] = [];

  constructor(
    private readonly outDir: string,
    private readonly account: string,
    private readonly region: string,
  ) {}

  add(r: EmittedRecord): void {
    const period = deliverySlot(r.end);
    let o = this.last;
    if (!o || o.fl !== r.flowLog || o.period !== period) {
      const k = `${r.flowLog.id}\0${period}`;
      o = this.open.get(k);
      if (!o) {
        const built = r.flowLog.fileFormat === 'parquet' ? parquetBuilder(this.fields(r.flowLog)) : undefined;
        // A text object's bytes start with the header line of its format's field names.
        const lines = built ? undefined : new ByteBuffer(4096);
        lines?.text(`${formatHeader(this.fields(r.flowLog))}\n`);
        this.open.set(k, (o = { fl: r.flowLog, period, records: 0, lines, built }));
      }
      this.last = o;
    }
    o.records++;
    if (o.built) {
      o.built.add(r.values);
    } else {
      const b = o.lines!;
      b.text(r.line);
      b.byte(10);
    }
  }

  /** Writes every object whose period ends at or before `epochSec`, or its flow log's own watermark when given. */
  async closeThrough(epochSec: number, flowLogFrom?: (fl: FlowLog) => number): Promise<void> {
    await this.flush((o) => o.period + S3_PERIOD_SEC <= (flowLogFrom ? Math.max(epochSec, flowLogFrom(o.fl)) : epochSec));
  }

  /**
   * Flow log `fl` will add no more records: its objects are written now (in the background), not at close. Text
   * objects compress on a zlib thread meanwhile, whatever this thread does.
   */
  finishFlowLog(fl: FlowLog): void {
    const writing = this.flush((o) => o.fl === fl);
    writing.catch(() => undefined); // awaited, and any failure thrown, at close
    this.early.push(writing);
  }

  async close(): Promise<void> {
    const early = await Promise.allSettled(this.early);
    await this.flush(() => true);
    for (const e of early) if (e.status === 'rejected') throw e.reason;
  }

  private async flush(done: (o: OpenObject) => boolean): Promise<void> {
    const ready = [...this.open.entries()].filter(([, o]) => done(o));
    // Period, then flow log: the order of files on disk and in the manifest never depends on arrival.
    ready.sort(([, a], [, b]) => a.period - b.period || (a.fl.id < b.fl.id ? -1 : a.fl.id > b.fl.id ? 1 : 0));
    // Objects are written side by side (zlib compresses on its threads); they are listed in that order whatever
    // order they finish in.
    const jobs: Promise<S3Written>[] = [];
    for (const [k, o] of ready) {
      this.open.delete(k);
      if (this.last === o) this.last = undefined;
      jobs.push(this.writeObject(o));
    }
    const settled = await Promise.allSettled(jobs);
    for (const s of settled) {
      if (s.status === 'rejected') throw s.reason;
      this.written.push(s.value);
    }
  }

  private fields(fl: FlowLog): readonly FieldDef[] {
    let f = this.fieldsOf.get(fl.id);
    if (!f) this.fieldsOf.set(fl.id, (f = parseLogFormat(fl.logFormat)));
    return f;
  }

  private async writeObject(o: OpenObject): Promise<S3Written> {
    const { bucket, key } = s3ObjectKey(o.fl, this.account, this.region, o.period);
    const segments = [safeSegment('S3 bucket', bucket), ...key.split('/').map((s) => safeSegment('S3 key segment', s))];
    const path = join(this.outDir, 's3', ...segments);
    const records = o.records;
    // Text: compressed in one go on a zlib thread, started before anything is awaited, so it runs on while this
    // thread renders the next records.
    const bytes = o.built ? await writeParquet(path, o.built) : await atomicWriteParts(path, [await gzipBytes(o.lines!.view())]);
    return { bucket, file: { path: ['s3', ...segments].join('/'), records, bytes } };
  }
}
