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
import type { Change, ScenarioSettings } from '../scenario/types.ts';
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

export function simulate(input: SimulationInput, hooks: SimulationHooks = {}): SimulationTotals {
  const { settings, network } = input;
  const sim = new Sim(settings.start, settings.seed, network, input.dataPlane, new ListenTable(settings.listen, settings.hosts, network), hooks);
  // Stable: changes at the same time keep the file's order.
  const changes = [...settings.changes].sort((a, b) => a.at - b.at);
  const apply = hooks.applyChange;
  const end = settings.duration ?? Infinity;
  let next = 0;
  for (const item of settings.traffic) new ItemRunner(sim, item).schedule();

  const q = sim.queue;
  while (q.pop()) {
    const t = q.topTime;
    if (t > end) break;
    while (next < changes.length && changes[next]!.at <= t) apply?.(changes[next++]!);
    sim.now = t;
    q.topFlow!.fire(q.topCode, q.topArg);
  }
  while (next < changes.length && changes[next]!.at <= end) apply?.(changes[next++]!);
  return {
    packets: sim.packets, delivered: sim.delivered, dropped: sim.dropped, changesApplied: next,
    lastPacketTime: sim.lastSent?.time ?? settings.start,
  };
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
