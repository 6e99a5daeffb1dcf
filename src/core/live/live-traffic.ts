/**
 * One region's traffic for the live server: the same simulation, data plane
 * and aggregation as `vpcflow run`, fed with traffic requests as they arrive
 * and driven by the server's clock instead of running to the end.
 *
 * Pure: the clock is whatever times the caller passes, and records leave
 * through the `emit` callback (the server's delivery writes them to its log
 * groups, buckets and delivery streams).
 */
import { Engine } from '../dataplane/engine.ts';
import type { AwsServiceLookup } from '../flows/aws-services.ts';
import { Aggregator, type RecordSink } from '../flows/aggregator.ts';
import type { Network } from '../model/network.ts';
import type { TrafficItem } from '../scenario/types.ts';
import { resolvePair } from '../traffic/endpoints.ts';
import { TrafficError } from '../traffic/errors.ts';
import { Simulation } from '../traffic/simulate.ts';
import type { TrafficRequest } from './traffic-request.ts';

export interface LiveTrafficOptions {
  net: Network;
  /** Epoch seconds the simulation counts from (the clock when the region came to life). */
  start: number;
  /** Source ports are drawn from it, per item, as in a scenario. */
  seed: string | number;
  aws?: AwsServiceLookup | undefined;
  nodata?: boolean | undefined;
  capacity?: number | undefined;
}

export interface LiveTotals {
  packets: number;
  delivered: number;
  dropped: number;
  /** Traffic items taken so far. */
  items: number;
  /** Events still scheduled: connections in progress, repetitions to come. */
  pendingEvents: number;
}

/** A traffic item that failed while running (an instance terminated before a repetition, ports exhausted). */
export interface LiveTrafficFailure {
  place: string;
  message: string;
}

/** Failures kept for the health answer. */
const MAX_FAILURES = 100;

/** Events handled between two looks at the windows, so memory holds only open windows' flows. */
const SLICE = 100_000;

export class LiveTraffic {
  readonly start: number;
  private readonly net: Network;
  private readonly sim: Simulation;
  private readonly agg: Aggregator;
  private items = 0;
  /** Epoch seconds the simulation has run to. */
  private ranTo: number;
  readonly failures: LiveTrafficFailure[] = [];

  constructor(o: LiveTrafficOptions) {
    this.start = o.start;
    this.net = o.net;
    this.ranTo = o.start;
    this.agg = new Aggregator(o.net, { nodata: o.nodata, capacity: o.capacity, aws: o.aws });
    const settings = { start: o.start, duration: undefined, seed: o.seed, hosts: {}, listen: {}, traffic: [], changes: [] };
    this.sim = new Simulation({ settings, network: o.net, dataPlane: new Engine(o.net) }, {
      onFate: (_p, f) => {
        for (const obs of f.observations) this.agg.observe(obs);
      },
    });
  }

  /** Epoch seconds the traffic has been simulated to. */
  get now(): number {
    return this.ranTo;
  }

  /**
   * Schedules a request's items from `at` (epoch seconds, not before `now`).
   * Items are numbered across requests (`traffic[0]`, `traffic[1]`, …), so
   * the scenario's traffic sent as one request draws the ports `vpcflow run`
   * draws. Every item is resolved first: a request that cannot run is refused
   * whole (TrafficError), before anything is scheduled.
   */
  add(req: TrafficRequest, at: number): TrafficItem[] {
    if (at < this.ranTo) throw new RangeError(`traffic cannot start at ${at}, before the simulation's time ${this.ranTo}`);
    // Resolved as the request wrote them, so errors name items by the request's places.
    for (const item of req.items) resolvePair(item, this.net);
    const offset = at - this.start;
    const base = this.items;
    const items = req.items.map((item, i): TrafficItem => ({ ...item, at: offset + item.at, place: `traffic[${base + i}]` }));
    this.sim.addTraffic(items, req.listen, req.hosts);
    this.items += items.length;
    return items;
  }

  /**
   * Sends every packet due by `t` (epoch seconds) through the data plane and
   * closes the windows that ended by `closeBy` (≤ t; a delivery delay makes
   * it earlier), handing their records to `emit` in window order.
   */
  runUntil(t: number, closeBy: number, emit: RecordSink): void {
    const rel = t - this.start;
    for (;;) {
      let more: boolean;
      try {
        more = this.sim.runUntil(rel, SLICE);
      } catch (e) {
        // One item failing (its instance terminated, say) must not stop the others: note it and go on.
        if (!(e instanceof TrafficError)) throw e;
        // The latest ones tell what is wrong; a repeating item must not fill memory with the same message.
        if (this.failures.length === MAX_FAILURES) this.failures.shift();
        this.failures.push({ place: e.place, message: e.message });
        continue;
      }
      if (!more) break;
      // Between slices, so memory holds only open windows: nothing still to come is earlier than the simulation's time.
      this.agg.advanceInto(Math.min(closeBy, this.start + this.sim.now), emit);
    }
    if (t > this.ranTo) this.ranTo = t;
    this.agg.advanceInto(Math.min(closeBy, this.ranTo), emit);
  }

  totals(): LiveTotals {
    const s = this.sim.totals();
    return { packets: s.packets, delivered: s.delivered, dropped: s.dropped, items: this.items, pendingEvents: this.sim.pendingEvents };
  }
}
