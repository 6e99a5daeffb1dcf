/**
 * The live side of `vpcflow serve`: traffic sent to the server runs through
 * each region's network as time passes, and flow log records reach the log
 * groups, buckets and delivery streams the APIs serve.
 *
 * With the real clock a timer moves everything along with wall time and
 * delivers each window's records within a second of its end (plus the
 * configured delay). With the simulated clock nothing moves until `advance`.
 */
import type { AwsServiceLookup } from '../core/flows/aws-services.ts';
import { LiveTraffic, type LiveTotals, type LiveTrafficFailure } from '../core/live/live-traffic.ts';
import { readTrafficRequest, requestedRegion } from '../core/live/traffic-request.ts';
import { originOf } from '../core/scenario/origin.ts';
import type { ServerState } from '../server/state.ts';
import type { LiveClock, SimulatedClock } from './clock.ts';
import { type DeliveryCounts, LiveDelivery } from './delivery.ts';
import { ServiceError } from '../server/errors.ts';

export interface LiveRuntimeOptions {
  clock: LiveClock;
  /** Source ports are drawn from it, per traffic item, as in a scenario. */
  seed: string | number;
  /** Seconds between a window's end and the delivery of its records (AWS takes minutes; 0 by default). */
  deliveryDelaySeconds?: number;
  aws?: AwsServiceLookup | undefined;
  nodata?: boolean | undefined;
  capacity?: number | undefined;
  /** Region of traffic requests that name none. */
  defaultRegion: string;
  /** How often the real clock's timer runs. */
  tickMs?: number;
  log: (line: string) => void;
}

export interface RegionStatus extends LiveTotals {
  region: string;
  records: DeliveryCounts;
  failures: LiveTrafficFailure[];
}

export interface RuntimeStatus {
  clock: 'real' | 'simulated';
  now: string;
  regions: RegionStatus[];
}

export interface TrafficAnswer {
  region: string;
  /** Items scheduled, with the names (`traffic[N]`) their errors and ports go by. */
  items: { place: string; kind: string; at: string }[];
  now: string;
}

interface RegionRuntime {
  traffic: LiveTraffic;
  delivery: LiveDelivery;
}

/** The simulated clock moves at most this much at a time, so a long advance delivers as it goes. */
const ADVANCE_STEP_MS = 60_000;

const iso = (ms: number): string => new Date(ms).toISOString();

export class LiveRuntime {
  private server: ServerState | undefined;
  private readonly regions = new Map<string, RegionRuntime>();
  private timer: NodeJS.Timeout | undefined;
  /** Work that moves time (ticks, advances, traffic) runs one piece at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly delayMs: number;

  constructor(private readonly opts: LiveRuntimeOptions) {
    this.delayMs = Math.round((opts.deliveryDelaySeconds ?? 0) * 1000);
  }

  /** Starts serving `server`'s regions; with the real clock, starts the timer. */
  attach(server: ServerState): void {
    this.server = server;
    for (const r of server.regions()) this.region(r);
    server.onEc2Change((c) => this.beforeChange(c.region, c.time));
    if (this.opts.clock.kind === 'real') {
      this.timer = setInterval(() => {
        this.serially(() => this.moveAll(this.opts.clock.now())).catch((e: unknown) => this.opts.log(`vpcflow serve: delivery failed: ${(e as Error)?.stack ?? String(e)}`));
      }, this.opts.tickMs ?? 250);
      this.timer.unref();
    }
  }

  /**
   * Before a change to a region's network at `ms`: every packet due by then
   * goes through the network as it was, and windows that ended by then are
   * closed under it (as `vpcflow run` does before a scenario change).
   */
  beforeChange(region: string, ms: number): void {
    const rt = this.regions.get(region);
    if (rt) this.moveRegion(rt, ms);
  }

  /** `POST /_vpcflow/traffic`: schedules the items from now. */
  traffic(body: unknown, source: string): Promise<TrafficAnswer> {
    return this.serially(async () => {
      const origin = originOf(source);
      const region = requestedRegion(body, origin) ?? this.opts.defaultRegion;
      const rt = this.region(region);
      const now = this.opts.clock.now();
      const req = readTrafficRequest(body, origin, this.attached().region(region).net);
      this.moveRegion(rt, now);
      // Moving the region ran its traffic to now (never back), so the items start at its time.
      const items = rt.traffic.add(req, rt.traffic.now);
      await rt.delivery.flush(now);
      return {
        region, now: iso(now),
        items: items.map((i) => ({ place: i.place, kind: i.kind, at: iso((rt.traffic.start + i.at) * 1000) })),
      };
    });
  }

  /** `POST /_vpcflow/advance`: moves the simulated clock, delivering as windows close. */
  advance(seconds: number): Promise<RuntimeStatus> {
    return this.serially(async () => {
      if (this.opts.clock.kind !== 'simulated') throw new ServiceError('RealClock', 'The server runs on the real clock (--clock real): time cannot be advanced.');
      const clock = this.opts.clock as SimulatedClock;
      const target = clock.now() + Math.round(seconds * 1000);
      do {
        const next = Math.min(target, clock.now() + ADVANCE_STEP_MS);
        clock.advanceTo(next);
        await this.moveAll(next);
      } while (clock.now() < target);
      return this.status();
    });
  }

  status(): RuntimeStatus {
    return {
      clock: this.opts.clock.kind, now: iso(this.opts.clock.now()),
      regions: [...this.regions].map(([region, rt]) => ({
        region, ...rt.traffic.totals(), records: { ...rt.delivery.counts }, failures: [...rt.traffic.failures],
      })),
    };
  }

  /** Stops the timer and waits for deliveries in flight. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => undefined);
    for (const rt of this.regions.values()) await rt.delivery.flush(this.opts.clock.now());
  }

  private async moveAll(now: number): Promise<void> {
    const server = this.attached();
    for (const r of server.regions()) this.region(r);
    for (const rt of this.regions.values()) {
      this.moveRegion(rt, now);
      await rt.delivery.flush(now);
    }
  }

  private moveRegion(rt: RegionRuntime, now: number): void {
    rt.traffic.runUntil(now / 1000, (now - this.delayMs) / 1000, rt.delivery.accept);
  }

  private region(name: string): RegionRuntime {
    let rt = this.regions.get(name);
    if (!rt) {
      const server = this.attached();
      const { opts } = this;
      const traffic = new LiveTraffic({
        net: server.region(name).net, start: opts.clock.now() / 1000, seed: opts.seed, aws: opts.aws, nodata: opts.nodata, capacity: opts.capacity,
      });
      rt = { traffic, delivery: new LiveDelivery(server, name, opts.log) };
      this.regions.set(name, rt);
    }
    return rt;
  }

  private attached(): ServerState {
    if (!this.server) throw new Error('LiveRuntime: attach(server) first');
    return this.server;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    // The next piece runs whether this one failed or not; its caller sees the failure.
    this.queue = run.catch(() => undefined);
    return run;
  }
}
