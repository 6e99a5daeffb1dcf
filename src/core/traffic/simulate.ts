/**
 * The traffic simulation: a discrete-event loop that starts every item at its
 * time, sends each packet through the data plane, lets the receiving end react,
 * and applies the scenario's configuration changes between packets.
 *
 * Configuration changes run, in order, before the first event at or after
 * their time, so a change at `at` never affects a packet sent before `at`.
 * With `duration`, the run stops there: no event after it is handled, and the
 * changes up to it are all applied. Without it, the run ends when nothing is
 * left to do, and changes after the last event are applied at the end.
 */
import type { Network } from '../model/network.ts';
import type { Change, ScenarioSettings, TrafficItem } from '../scenario/types.ts';
import type { DataPlane } from './dataplane.ts';
import { resolvePair } from './endpoints.ts';
import { ItemRunner } from './items.ts';
import { ListenTable } from './listen.ts';
import { Sim, type SimHooks } from './sim.ts';

export type TrafficSettings = Pick<ScenarioSettings, 'start' | 'duration' | 'seed' | 'hosts' | 'listen' | 'traffic' | 'changes'>;

export interface SimulationInput {
  settings: TrafficSettings;
  network: Network;
  dataPlane: DataPlane;
}

export interface SimulationHooks extends SimHooks {
  /** Applies one configuration change to the network (the data plane sees it through `network.version`). */
  applyChange?: ((change: Change) => void) | undefined;
}

export interface SimulationTotals {
  packets: number;
  delivered: number;
  dropped: number;
  changesApplied: number;
  /** Epoch seconds of the last packet sent (the start when none was). */
  lastPacketTime: number;
}

/**
 * A simulation that can run in slices: `step(budget)` handles up to `budget`
 * events and returns whether anything is left, so a runner can deliver closed
 * windows, show progress, or wait for wall time between slices.
 */
export class Simulation {
  private readonly sim: Sim;
  private readonly changes: Change[];
  private readonly end: number;
  private next = 0;
  private finished = false;

  constructor(private readonly input: SimulationInput, private readonly hooks: SimulationHooks = {}) {
    const { settings, network } = input;
    this.sim = new Sim(settings.start, settings.seed, network, input.dataPlane, new ListenTable(settings.listen, settings.hosts, network), hooks);
    // Stable: changes at the same time keep the file's order.
    this.changes = [...settings.changes].sort((a, b) => a.at - b.at);
    this.end = settings.duration ?? Infinity;
    for (const item of settings.traffic) new ItemRunner(this.sim, item).schedule();
  }

  /** Seconds after `start` of the last event handled. */
  get now(): number {
    return this.sim.now;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Handles at most `budget` events; true while more remain. */
  step(budget: number): boolean {
    if (this.finished) return false;
    const sim = this.sim, q = sim.queue;
    const apply = this.hooks.applyChange;
    const changes = this.changes;
    // Handlers may run some of their own next events at once (Sim.runNext): those count against the budget too, so
    // slices end after the same events whether or not they were queued.
    sim.inlineUntil = this.end;
    for (let n = 0; n < budget; n++) {
      if (!q.pop()) return this.finish();
      const t = q.topTime;
      if (t > this.end) return this.finish();
      while (this.next < changes.length && changes[this.next]!.at <= t) apply?.(changes[this.next++]!);
      sim.inlineBefore = this.next < changes.length ? changes[this.next]!.at : Infinity;
      sim.now = t;
      sim.inlineBudget = budget - n - 1;
      q.topFlow!.fire(q.topCode, q.topArg);
      n = budget - 1 - sim.inlineBudget;
      sim.inlineBudget = 0;
    }
    return true;
  }

  /**
   * The live server's way in: items (and `listen` entries) added while the
   * simulation runs. Their `at` counts from `start` like every item's, and
   * must not be earlier than the last event handled.
   */
  addTraffic(items: readonly TrafficItem[], listen: Record<string, number[]> = {}, hosts: Record<string, string> = {}): void {
    this.sim.listen.add(listen, hosts, this.input.network);
    for (const item of items) {
      if (item.at < this.sim.now) throw new RangeError(`${item.place} starts at ${item.at}s, before the simulation's time (${this.sim.now}s)`);
      new ItemRunner(this.sim, item).schedule();
    }
  }

  /**
   * Handles at most `budget` of the events due by `t` (seconds after start)
   * and returns whether some are still due. Unlike `step`, it never ends the
   * simulation: a live server adds traffic as it comes, and its own clock (not
   * the last event) says what time it is. The scenario's changes are `step`'s
   * alone; a live network changes through the API.
   */
  runUntil(t: number, budget: number): boolean {
    const q = this.sim.queue;
    for (let n = 0; n < budget; n++) {
      const next = q.peekTime();
      if (next === undefined || next > t) return false;
      q.pop();
      this.sim.now = q.topTime;
      q.topFlow!.fire(q.topCode, q.topArg);
    }
    const next = q.peekTime();
    return next !== undefined && next <= t;
  }

  /** Events still scheduled (connections in progress, repetitions to come). */
  get pendingEvents(): number {
    return this.sim.queue.size;
  }

  private finish(): false {
    const apply = this.hooks.applyChange;
    while (this.next < this.changes.length && this.changes[this.next]!.at <= this.end) apply?.(this.changes[this.next++]!);
    this.finished = true;
    return false;
  }

  totals(): SimulationTotals {
    const sim = this.sim;
    return {
      packets: sim.packets, delivered: sim.delivered, dropped: sim.dropped, changesApplied: this.next,
      lastPacketTime: sim.lastSent?.time ?? this.input.settings.start,
    };
  }
}

export function simulate(input: SimulationInput, hooks: SimulationHooks = {}): SimulationTotals {
  const s = new Simulation(input, hooks);
  while (s.step(1 << 20));
  return s.totals();
}

/**
 * Resolves every item and `listen` entry against the network as it is, so a
 * runner can refuse a scenario before writing anything. The EC2 changes
 * SCENARIO.md lists do not add or remove addresses, so what resolves here
 * resolves when the item starts. Throws the first TrafficError.
 */
export function checkTraffic(settings: TrafficSettings, network: Network): void {
  new ListenTable(settings.listen, settings.hosts, network);
  for (const item of settings.traffic) resolvePair(item, network);
}
