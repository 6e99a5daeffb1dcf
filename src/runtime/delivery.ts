/**
 * Where the live server's flow log records go: into the same CloudWatch Logs
 * and S3 stores the APIs serve, so `GetLogEvents`, `FilterLogEvents`,
 * `StartQuery` and `GetObject` read them, and `vpcflow query` reads the data
 * folder as it reads a run's output.
 *
 * - CloudWatch Logs: one event per record in the interface's `<eni>-all`
 *   stream, `timestamp` = record start; the group is created if missing, as
 *   AWS does. Ingestion time is the server's clock at delivery.
 * - S3: each delivery writes one object per flow log per 5-minute period of
 *   record end (AWS: "several files may be published", each holding some or
 *   all records of the period). The first object of a period has the name
 *   `vpcflow run` gives it; later ones differ by their hash.
 * - Firehose (no API here): lines appended to
 *   `<data>/<account>/<region>/firehose/<stream>.log`, as a run writes them.
 * - Beside them, the region's `resources.json` (flow logs and their formats).
 *
 * Deliveries run one after the other, so every stream and object sees its
 * records in window order.
 */
import { mkdirSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { deliveryStreamName, logGroupName, logGroupRegion, logStreamName } from '../adapters/destinations/destination-names.ts';
import type { NewEvent } from '../adapters/logs-store/types.ts';
import { writeFileAtomicSync } from '../adapters/destinations/atomic.ts';
import type { EmittedRecord } from '../core/flows/emitted.ts';
import { buildResources } from '../core/report/resources.ts';
import { deliverySlot, s3FileHash, s3ObjectKey } from '../core/flows/s3-keys.ts';
import type { FlowLog } from '../core/model/types.ts';
import type { ServerState } from '../server/state.ts';
import { logStoreOf } from '../services/logs/index.ts';
import { s3StoreOf } from '../services/s3/index.ts';
import { s3ObjectBytes } from './s3-object.ts';

export interface DeliveryCounts {
  /** Records delivered, per destination type. */
  'cloud-watch-logs': number;
  s3: number;
  'kinesis-data-firehose': number;
  /** Records that could not be delivered (their bucket is gone, say). */
  failed: number;
}

export class LiveDelivery {
  readonly counts: DeliveryCounts = { 'cloud-watch-logs': 0, s3: 0, 'kinesis-data-firehose': 0, failed: 0 };
  private pending: EmittedRecord[] = [];
  private chain: Promise<void> = Promise.resolve();
  /** The network version resources.json was last written for. */
  private resourcesVersion = -1;

  constructor(
    private readonly server: ServerState,
    private readonly region: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Takes a record as aggregation closes its window (sync: aggregation runs without awaiting). */
  readonly accept = (r: EmittedRecord): void => {
    this.pending.push(r);
  };

  /** Writes what was accepted so far; resolves once it is durable. */
  flush(nowMs: number): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.chain;
    this.chain = this.chain.then(() => this.write(batch, nowMs));
    return this.chain;
  }

  private async write(batch: readonly EmittedRecord[], nowMs: number): Promise<void> {
    const cw = new Map<string, { region: string; group: string; stream: string; events: NewEvent[] }>();
    const s3 = new Map<string, { fl: FlowLog; slot: number; records: EmittedRecord[] }>();
    const firehose = new Map<string, string[]>();
    for (const r of batch) {
      const fl = r.flowLog;
      if (fl.destinationType === 'cloud-watch-logs') {
        const region = logGroupRegion(fl) ?? this.region;
        const group = logGroupName(fl);
        const stream = logStreamName(r.eniId);
        const k = `${region}\0${group}\0${stream}`;
        let e = cw.get(k);
        if (!e) cw.set(k, (e = { region, group, stream, events: [] }));
        e.events.push({ timestamp: r.start * 1000, message: r.line, ingestionTime: nowMs });
      } else if (fl.destinationType === 's3') {
        const slot = deliverySlot(r.end);
        const k = `${fl.id}\0${slot}`;
        let o = s3.get(k);
        if (!o) s3.set(k, (o = { fl, slot, records: [] }));
        o.records.push(r);
      } else {
        const name = deliveryStreamName(fl);
        let lines = firehose.get(name);
        if (!lines) firehose.set(name, (lines = []));
        lines.push(r.line);
      }
    }
    if (cw.size > 0 || firehose.size > 0) this.writeResources();
    for (const e of cw.values()) {
      // A stream's events are chronological, as CloudWatch keeps them; ties keep window order.
      e.events.sort((a, b) => a.timestamp - b.timestamp);
      await logStoreOf(this.server, this.server.account, e.region).deliver(e.group, e.stream, e.events);
      this.counts['cloud-watch-logs'] += e.events.length;
    }
    for (const o of s3.values()) await this.putObject(o.fl, o.slot, o.records);
    for (const [name, lines] of firehose) {
      if (await this.appendFirehose(name, lines)) this.counts['kinesis-data-firehose'] += lines.length;
      else this.counts.failed += lines.length;
    }
  }

  /**
   * `<data>/<account>/<region>/resources.json`, as a run writes it: the region
   * folder then reads like a run's output (`vpcflow query` takes the flow logs'
   * formats from it to read CloudWatch and Firehose lines, which carry no header).
   */
  private writeResources(): void {
    const base = this.server.dataDir;
    const net = this.server.region(this.region).net;
    if (base === undefined || net.version === this.resourcesVersion) return;
    const dir = join(base, this.server.account, this.region);
    mkdirSync(dir, { recursive: true });
    writeFileAtomicSync(join(dir, 'resources.json'), Buffer.from(`${JSON.stringify(buildResources(net), null, 2)}\n`));
    this.resourcesVersion = net.version;
  }

  private async putObject(fl: FlowLog, slot: number, records: readonly EmittedRecord[]): Promise<void> {
    const store = s3StoreOf(this.server);
    const { bucket, key: first } = s3ObjectKey(fl, this.server.account, this.region, slot);
    if (!store.bucketExists(bucket)) {
      // AWS reports this on the flow log (DeliverLogsStatus FAILED); the records are lost either way.
      this.counts.failed += records.length;
      this.log(`vpcflow serve: flow log ${fl.id}: bucket ${bucket} does not exist; ${records.length} records not delivered`);
      return;
    }
    let key = first;
    const hash = `_${s3FileHash(fl.id, slot)}.`;
    // A later delivery for the same period gets a name of its own (and never replaces an earlier object, even across restarts).
    for (let n = 1; store.getObject(bucket, key) !== undefined; n++) key = first.replace(hash, `_${s3FileHash(`${fl.id}#${n}`, slot)}.`);
    store.putObject(bucket, key, await s3ObjectBytes(fl, records));
    this.counts.s3 += records.length;
  }

  /** False when the server keeps no data folder (then there is nowhere to put a delivery stream's lines). */
  private async appendFirehose(name: string, lines: readonly string[]): Promise<boolean> {
    const base = this.server.dataDir;
    if (base === undefined) return false;
    const dir = join(base, this.server.account, this.region, 'firehose');
    await mkdir(dir, { recursive: true });
    const f = await open(join(dir, `${name}.log`), 'a');
    try {
      await f.write(`${lines.join('\n')}\n`);
      await f.datasync();
    } finally {
      await f.close();
    }
    return true;
  }
}
