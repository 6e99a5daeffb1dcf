/**
 * One alarm over simulated time: its state (INSUFFICIENT_DATA when created),
 * and at each evaluation the periods of its evaluation range read from the
 * metric store, ending at the evaluation time, as CloudWatch reads them.
 */
import type { AlarmDecl } from '../model/monitoring.ts';
import { type Datapoint, type StateValue, evaluate, evaluationRange } from './evaluate.ts';
import { type MetricStore, metricKey } from './metric-store.ts';
import { INITIAL_REASON, stateReason, stateReasonData } from './reasons.ts';
import { lowSampleThreshold, percentileOf, statisticValue } from './stats.ts';

export interface AlarmState {
  value: StateValue;
  reason: string;
  reasonData?: Record<string, unknown> | undefined;
  /** Epoch milliseconds of the last state change. */
  since: number;
}

export interface Transition {
  alarm: AlarmDecl;
  /** Epoch milliseconds. */
  time: number;
  old: AlarmState;
  now: AlarmState;
}

export class AlarmRunner {
  state: AlarmState;
  readonly key: string;
  private readonly statistic: string;
  private readonly minSamples: number;

  constructor(readonly alarm: AlarmDecl, private readonly store: MetricStore) {
    this.state = { value: 'INSUFFICIENT_DATA', reason: INITIAL_REASON, since: alarm.createdAt };
    this.key = metricKey({ namespace: alarm.namespace, metricName: alarm.metricName, dimensions: alarm.dimensions });
    this.statistic = alarm.statistic ?? alarm.extendedStatistic!;
    const p = alarm.extendedStatistic ? percentileOf(alarm.extendedStatistic) : undefined;
    this.minSamples = p !== undefined && alarm.evaluateLowSampleCountPercentile === 'ignore' ? lowSampleThreshold(p) : 0;
  }

  /** The datapoints of the evaluation range ending at `atSec`, oldest first. */
  slots(atSec: number): (Datapoint | undefined)[] {
    const { period } = this.alarm;
    const unitOk = !this.alarm.unit || this.store.unitOf(this.key) === this.alarm.unit;
    const out: (Datapoint | undefined)[] = [];
    for (let k = evaluationRange(this.alarm.evaluationPeriods); k >= 1; k--) {
      const start = atSec - k * period;
      const stats = unitOk ? this.store.window(this.key, start, start + period) : undefined;
      const value = stats && statisticValue(stats, this.statistic);
      out.push(value === undefined ? undefined : { start, value, sampleCount: stats!.sampleCount });
    }
    return out;
  }

  /** Evaluates at `atSec`; returns the transition if the state changed. */
  evaluate(atSec: number): Transition | undefined {
    const slots = this.slots(atSec);
    // EvaluateLowSampleCountPercentile=ignore: too few samples for the percentile, no evaluation.
    if (this.minSamples > 0 && slots.some((d) => d && d.sampleCount < this.minSamples)) return undefined;
    const outcome = evaluate(this.alarm, slots);
    if (outcome.kind === 'retain' || outcome.state === this.state.value) return undefined;
    const recent = slots.filter((d): d is Datapoint => d !== undefined);
    const now: AlarmState = {
      value: outcome.state,
      reason: stateReason(this.alarm, outcome.state, outcome.evidence),
      reasonData: stateReasonData(this.alarm, outcome.evidence, recent, atSec * 1000),
      since: atSec * 1000,
    };
    const t: Transition = { alarm: this.alarm, time: atSec * 1000, old: this.state, now };
    this.state = now;
    return t;
  }
}
