/**
 * Capture windows. AWS says only that a flow log aggregates for at most
 * `MaxAggregationInterval` seconds; it documents neither where windows start nor
 * that they all have the same length (its examples show 58 s, 180 s and 31 s).
 *
 * Decision: every flow log has one schedule, windows of exactly
 * `MaxAggregationInterval` seconds laid end to end from the flow log's
 * `creationTime` (to the millisecond), shared by all the interfaces it covers.
 * Why: capture begins when the flow log is created, so windows measured from that
 * moment are the natural reading of AWS's words; two flow logs created at
 * different times do not close in lock-step, as in AWS; and the schedule depends
 * only on the scenario, never on traffic, so runs are reproducible and NODATA
 * windows exist before an interface's first packet. Epoch alignment was rejected
 * because it would cut a flow log's first window short.
 * A packet exactly on a boundary belongs to the later window.
 */
import type { FlowLog } from '../model/types.ts';

export interface WindowSchedule {
  /** Start of window 0, epoch milliseconds. */
  readonly originMs: number;
  readonly lengthMs: number;
}

export function scheduleOf(fl: FlowLog): WindowSchedule {
  return { originMs: fl.creationTime, lengthMs: fl.maxAggregationInterval * 1000 };
}

/** Index of the window holding time `t` (epoch seconds); negative before the origin. */
export function windowIndexAt(s: WindowSchedule, t: number): number {
  return Math.floor((t * 1000 - s.originMs) / s.lengthMs);
}

export function windowStartMs(s: WindowSchedule, k: number): number {
  return s.originMs + k * s.lengthMs;
}

export function windowEndMs(s: WindowSchedule, k: number): number {
  return s.originMs + (k + 1) * s.lengthMs;
}

/**
 * Window `k` shrunk by a millisecond at each end, in epoch seconds: any time in [spanFrom, spanUntil) is surely
 * inside it, whatever the rounding of times in seconds. The aggregator's memo of a ref's flows and the observation
 * writer's sums both hold while times stay within it, so they agree on when to look again.
 */
export function spanFrom(s: WindowSchedule, k: number): number {
  return (windowStartMs(s, k) + 1) / 1000;
}

export function spanUntil(s: WindowSchedule, k: number): number {
  return (windowEndMs(s, k) - 1) / 1000;
}

/** How many windows have ended by time `t` (seconds), i.e. the index of the first still open. */
export function windowsEndedBy(s: WindowSchedule, t: number): number {
  return Math.max(0, Math.floor((t * 1000 - s.originMs) / s.lengthMs));
}
