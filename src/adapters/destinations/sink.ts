/**
 * Where emitted records leave the core: the sink routes each record to its
 * flow log's destination and writes `DIR/s3`, `DIR/cloudwatch` and
 * `DIR/firehose` as SCENARIO.md §5 lays them out.
 *
 * The runner's side of the contract:
 * - `accept(r)` in emission order (by window close);
 * - `closeThrough(t)` whenever it knows that no record still to come has
 *   `start < t` (e.g. the earliest start of any window still open); S3
 *   periods ending by `t` are then written and CloudWatch events before `t`
 *   released;
 * - `finishFlowLog(fl)`, if it likes, once flow log `fl` has no record left
 *   to hand over (its S3 objects are then written without waiting for `finish`);
 * - `finish()` at the end (or `abort()` after a failure, to remove temporary files).
 */
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import { CloudWatchWriter } from './cloudwatch-writer.ts';
import { LateRecordError } from './errors.ts';
import { FirehoseWriter } from './firehose-writer.ts';
import { buildManifest, type DeliveryManifest, type WrittenFile } from './manifest.ts';
import { prepareOutputDir } from './output-dir.ts';
import { S3Writer } from './s3-writer.ts';
import type { FlowLog, LogDestinationType } from '../../core/model/types.ts';

export interface DeliverySinkOptions {
  /** The output folder; created if missing, refused with OutputDirError if not writable. */
  dir: string;
  /** Account and region of the flow logs, for S3 keys. */
  account: string;
  region: string;
  /**
   * CloudWatch `ingestionTime` = the end of the record's capture window + this
   * many ms. AWS's typical delay to CloudWatch Logs is about 5 minutes after
   * the window closes, hence the default. Never read from the wall clock, so
   * runs repeat.
   */
  cloudWatchIngestionDelayMs?: number;
}

export const DEFAULT_INGESTION_DELAY_MS = 300_000;

/** When CloudWatch took a record in: its window's end plus the delivery delay (the sink and the run's alarms agree on it). */
export const ingestionTimeMs = (r: EmittedRecord, delayMs: number): number => r.windowEndMs + delayMs;

export class DeliverySink {
  /** Absolute output folder. */
  readonly dir: string;
  private readonly s3: S3Writer;
  private readonly cloudwatch: CloudWatchWriter;
  private readonly firehose: FirehoseWriter;
  private watermark = -Infinity;
  private state: 'open' | 'closing' | 'closed' | 'aborted' = 'open';

  /** Checks the output folder synchronously, before anything is written. */
  constructor(opts: DeliverySinkOptions) {
    this.dir = prepareOutputDir(opts.dir);
    const delay = opts.cloudWatchIngestionDelayMs ?? DEFAULT_INGESTION_DELAY_MS;
    this.s3 = new S3Writer(this.dir, opts.account, opts.region);
    this.cloudwatch = new CloudWatchWriter(this.dir, (r) => ingestionTimeMs(r, delay));
    this.firehose = new FirehoseWriter(this.dir);
  }

  accept(r: EmittedRecord): void {
    if (this.state !== 'open') throw new Error(`DeliverySink is ${this.state}; no more records`);
    if (r.start < this.watermark) throw new LateRecordError(r.flowLog.id, r.start, this.watermark);
    switch (r.flowLog.destinationType) {
      case 's3': this.s3.add(r); break;
      case 'cloud-watch-logs': this.cloudwatch.add(r); break;
      case 'kinesis-data-firehose': this.firehose.add(r); break;
    }
  }

  /**
   * No record still to come starts before `epochSec`: write what that completes.
   * `flowLogFrom`, when given, may say more for one flow log's own records (never
   * less than `epochSec`): its S3 objects are then written by it.
   */
  async closeThrough(epochSec: number, flowLogFrom?: (fl: FlowLog) => number): Promise<void> {
    if (this.state !== 'open') throw new Error(`DeliverySink is ${this.state}`);
    if (epochSec > this.watermark) {
      this.watermark = epochSec;
      this.cloudwatch.closeThrough(epochSec);
    } else if (!flowLogFrom) {
      return;
    }
    await this.s3.closeThrough(this.watermark, flowLogFrom);
  }

  /** Flow log `fl` will hand over no more records: its S3 objects may be written now, beside what is still to come. */
  finishFlowLog(fl: FlowLog): void {
    if (this.state !== 'open') throw new Error(`DeliverySink is ${this.state}`);
    if (fl.destinationType === 's3') this.s3.finishFlowLog(fl);
  }

  /** Writes everything still buffered and moves every file to its final name. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    if (this.state !== 'open') throw new Error(`DeliverySink is ${this.state}`);
    this.state = 'closing';
    // Side by side: S3's compression runs on zlib's threads while the other files are written. All settle before a
    // failure is reported, so an abort that follows finds no write still going.
    const settled = await Promise.allSettled([this.s3.close(), this.cloudwatch.close(), this.firehose.close()]);
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    this.state = 'closed';
  }

  /** Closes if needed and lists what was written, per destination. */
  async finish(): Promise<DeliveryManifest> {
    await this.close();
    const entries: Array<{ type: LogDestinationType; name: string; file: WrittenFile }> = [
      ...this.s3.written.map((w) => ({ type: 's3' as const, name: w.bucket, file: w.file })),
      ...this.cloudwatch.written.map((w) => ({ type: 'cloud-watch-logs' as const, name: w.group, file: w.file })),
      ...this.firehose.written.map((w) => ({ type: 'kinesis-data-firehose' as const, name: w.stream, file: w.file })),
    ];
    return buildManifest(entries);
  }

  /**
   * After a failure: drops buffered records and temporary files. Files already
   * complete (closed S3 periods) stay, since each is whole on its own.
   */
  async abort(): Promise<void> {
    if (this.state === 'closed' || this.state === 'aborted') return;
    this.state = 'aborted';
    this.cloudwatch.abort();
    this.firehose.abort();
  }
}
