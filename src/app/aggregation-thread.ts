/**
 * The main thread's handle on aggregation-worker.ts: posts observations,
 * changes and slice ends in order, and keeps the worker at most a few slices
 * behind (so observations in flight stay bounded, while the worker's start
 * and the slices that close big windows do not stop the simulation).
 */
import { Worker } from 'node:worker_threads';
import type { DeliveryManifest } from '../adapters/destinations/index.ts';
import type { ObservationBatch } from '../core/flows/observation-stream.ts';
import type { Summary } from '../core/report/summary.ts';
import type { ScenarioFiles } from '../adapters/scenario/index.ts';
import { originOf } from '../core/scenario/origin.ts';
import type { Change, ScenarioOverrides } from '../core/scenario/types.ts';
import { THREAD_BOOT, type ThreadCode, sourceStack, threadCode } from './thread-code.ts';

export interface AggregationInput {
  files: SentFiles;
  overrides: ScenarioOverrides | undefined;
  ipRanges: string | undefined;
}

/**
 * The parsed scenario (and template) as a message carries them: values and file names. Positions stay behind: the
 * main thread has checked the scenario, so the worker never reports a place in it.
 */
export interface SentFiles {
  doc: unknown;
  file: string;
  template: { doc: unknown; file: string } | undefined;
}

export function sendable(f: ScenarioFiles): SentFiles {
  return { doc: f.doc, file: f.origin.file, template: f.template && { doc: f.template.doc, file: f.template.origin.file } };
}

export function received(f: SentFiles): ScenarioFiles {
  return { doc: f.doc, origin: originOf(f.file), template: f.template && { doc: f.template.doc, origin: originOf(f.template.file) } };
}

export type ToAggregation =
  | { k: 'begin'; outDir: string }
  | { k: 'obs'; batch: ObservationBatch }
  | { k: 'change'; change: Change; t: number }
  | { k: 'advance'; t: number; seq: number }
  | { k: 'finish'; end: number | undefined; last: number }
  | { k: 'abort' };

export interface AggregationResult {
  manifest: DeliveryManifest;
  observed: number;
  records: Summary['records'];
  byFlowLog: Summary['recordsByFlowLog'];
  rejectedFlows: Summary['rejectedFlows'];
}

export type FromAggregation =
  | { k: 'ready' }
  | { k: 'ack'; seq: number }
  | ({ k: 'done' } & AggregationResult)
  | { k: 'aborted' }
  | { k: 'error'; name: string; message: string; stack: string | undefined };

const WORKER = new URL('./aggregation-worker.ts', import.meta.url).href;

/** The worker's code, bundled (see thread-code.ts); start it early, it is ready in well under a second. */
export function aggregationThreadCode(): Promise<ThreadCode> {
  return threadCode(WORKER);
}

const YOUNG_GENERATION_MB = 96;

/**
 * Slices the worker may be behind before the simulation waits for it. Closing a 10-minute window of a large run
 * keeps the worker busy for several slices; with 4, the simulation stood still for about 0.6 s of a 10 M packet run
 * (its core idle), with 12 never. A slice's observations are a few MiB, and peak memory did not move.
 */
const LAG = 12;

export class AggregationThread {
  private readonly worker: Worker;
  private seq = 0;
  private acked = 0;
  private failure: Error | undefined;
  private waiting: { until: number; resolve: () => void; reject: (e: Error) => void } | undefined;
  private ending: { resolve: (r: AggregationResult | undefined) => void; reject: (e: Error) => void } | undefined;
  private exited = false;
  private begun = false;

  constructor(private readonly code: ThreadCode, input: AggregationInput) {
    // No inherited flags: profiling or test-runner flags are the main thread's business (and some are refused in workers).
    // A young generation larger than V8's default: a window's flows live for a minute or ten of simulated time, and
    // fewer of them are copied into the old generation before they die (about a tenth less CPU for the worker).
    const workerData = { code, input };
    this.worker = new Worker(THREAD_BOOT, { eval: true, workerData, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.worker.on('message', (m: FromAggregation) => this.onMessage(m));
    this.worker.on('error', (e) => {
      if (e.stack) e.stack = sourceStack(e.stack, this.code);
      this.fail(e);
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      if (code !== 0) this.fail(new Error(`the aggregation thread stopped (exit code ${code})`));
      else if (this.ending) this.fail(new Error('the aggregation thread stopped before finishing'));
    });
  }

  /** Where the run writes (the worker builds its network meanwhile). */
  begin(outDir: string): void {
    this.begun = true;
    this.post({ k: 'begin', outDir });
  }

  observations(batch: ObservationBatch): void {
    this.post({ k: 'obs', batch }, [batch.data.buffer as ArrayBuffer]);
  }

  change(change: Change, t: number): void {
    this.post({ k: 'change', change, t });
  }

  /** Ends a slice at `t`; resolves once the worker is no more than LAG slices behind. */
  async advance(t: number): Promise<void> {
    this.post({ k: 'advance', t, seq: ++this.seq });
    const until = this.seq - LAG;
    if (this.failure) throw this.failure;
    if (this.acked >= until) return;
    await new Promise<void>((resolve, reject) => { this.waiting = { until, resolve, reject }; });
  }

  async finish(end: number | undefined, last: number): Promise<AggregationResult> {
    const r = await this.end({ k: 'finish', end, last });
    await this.worker.terminate();
    return r!;
  }

  /** After a failure on the main thread: the worker drops temporary files (if it has begun writing), then stops. */
  async abort(): Promise<void> {
    if (this.begun && !this.failure && !this.exited) await this.end({ k: 'abort' }).catch(() => undefined);
    await this.worker.terminate();
  }

  private end(m: ToAggregation): Promise<AggregationResult | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    this.post(m);
    return new Promise((resolve, reject) => { this.ending = { resolve, reject }; });
  }

  private post(m: ToAggregation, transfer: ArrayBuffer[] = []): void {
    if (!this.failure) this.worker.postMessage(m, transfer);
  }

  private onMessage(m: FromAggregation): void {
    switch (m.k) {
      case 'ready': return;
      case 'ack': {
        this.acked = m.seq;
        const w = this.waiting;
        if (w && this.acked >= w.until) { this.waiting = undefined; w.resolve(); }
        return;
      }
      case 'done': {
        const { k: _, ...result } = m;
        const e = this.ending;
        this.ending = undefined;
        e?.resolve(result);
        return;
      }
      case 'aborted': {
        const e = this.ending;
        this.ending = undefined;
        e?.resolve(undefined);
        return;
      }
      case 'error': {
        const err = new Error(m.message);
        err.name = m.name;
        if (m.stack) err.stack = sourceStack(m.stack, this.code);
        this.fail(err);
        return;
      }
    }
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    const w = this.waiting, en = this.ending;
    this.waiting = undefined;
    this.ending = undefined;
    w?.reject(e);
    en?.reject(e);
  }
}
