/**
 * One evaluation of a metric alarm, as CloudWatch documents it ("How alarm
 * state is evaluated when data is missing", CloudWatch User Guide):
 *
 * - CloudWatch reads more periods than Evaluation Periods (N): the
 *   evaluation range. If it holds at least N datapoints, the most recent N
 *   decide, and missing data does not matter.
 * - Otherwise, with `breaching` / `notBreaching`, missing datapoints are
 *   filled in as few times as possible to make N, and all real ones count.
 * - With `missing` / `ignore`: nothing at all in the range is
 *   INSUFFICIENT_DATA (`missing`) or no change (`ignore`); enough breaching
 *   datapoints (M, Datapoints to Alarm) is ALARM; any non-breaching one is
 *   OK; otherwise (only breaching ones, fewer than M) it is too early to
 *   say — except that an alarm goes to ALARM "when the oldest available
 *   breaching datapoint … is at least as old as the value of Datapoints to
 *   Alarm, and all other more recent data points are breaching or missing"
 *   (`missing` only; `ignore` keeps its state then).
 *
 * Every row of AWS's two example tables (3 of 3 and 2 of 3 over a range of
 * five periods) holds with these rules; alarm.test.ts checks them.
 */
import type { ComparisonOperator, TreatMissingData } from '../model/monitoring.ts';

export type StateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface Datapoint {
  /** Epoch seconds at which the datapoint's period starts. */
  start: number;
  value: number;
  sampleCount: number;
}

export interface EvaluationRule {
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
}

/** What decided the state, for its reason. Datapoints are newest first. */
export interface Evidence {
  /** The real datapoints that were evaluated. */
  evaluated: Datapoint[];
  breaching: Datapoint[];
  notBreaching: Datapoint[];
  /** Missing datapoints filled in, and how they were treated. */
  filled: number;
  filledAs?: 'Breaching' | 'NonBreaching' | undefined;
  /** Missing datapoints that could not be filled (INSUFFICIENT_DATA). */
  unknown: number;
  /** ALARM by the rule for a breaching datapoint followed by missing ones. */
  premature: boolean;
}

export type Outcome = { kind: 'retain' } | { kind: 'state'; state: StateValue; evidence: Evidence };

export function breaches(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanOrEqualToThreshold': return value >= threshold;
    case 'GreaterThanThreshold': return value > threshold;
    case 'LessThanThreshold': return value < threshold;
    case 'LessThanOrEqualToThreshold': return value <= threshold;
  }
}

/** How many periods CloudWatch reads for an alarm of N evaluation periods (AWS's example: 5 for 3). */
export function evaluationRange(evaluationPeriods: number): number {
  return evaluationPeriods + Math.max(2, Math.floor(evaluationPeriods / 3));
}

/**
 * @param slots the evaluation range, oldest period first; undefined for a period without data
 */
export function evaluate(rule: EvaluationRule, slots: readonly (Datapoint | undefined)[]): Outcome {
  const N = rule.evaluationPeriods;
  const M = rule.datapointsToAlarm;
  const isBreaching = (d: Datapoint) => breaches(rule.comparisonOperator, d.value, rule.threshold);
  // Real datapoints, newest first, with their age in periods (the newest period is 1).
  const real: { d: Datapoint; age: number }[] = [];
  for (let i = slots.length - 1; i >= 0; i--) {
    const d = slots[i];
    if (d) real.push({ d, age: slots.length - i });
  }
  const evidence = (evaluated: Datapoint[], extra: Partial<Evidence> = {}): Evidence => ({
    evaluated,
    breaching: evaluated.filter(isBreaching),
    notBreaching: evaluated.filter((d) => !isBreaching(d)),
    filled: 0, unknown: 0, premature: false, ...extra,
  });
  const decide = (e: Evidence, breachingCount: number): Outcome => ({ kind: 'state', state: breachingCount >= M ? 'ALARM' : 'OK', evidence: e });

  if (real.length >= N) {
    const e = evidence(real.slice(0, N).map((r) => r.d));
    return decide(e, e.breaching.length);
  }
  const all = real.map((r) => r.d);
  const filled = N - all.length;
  if (rule.treatMissingData === 'breaching' || rule.treatMissingData === 'notBreaching') {
    const asBreaching = rule.treatMissingData === 'breaching';
    const e = evidence(all, { filled, filledAs: asBreaching ? 'Breaching' : 'NonBreaching' });
    return decide(e, e.breaching.length + (asBreaching ? filled : 0));
  }
  const keep = rule.treatMissingData === 'ignore';
  if (all.length === 0) return keep ? { kind: 'retain' } : { kind: 'state', state: 'INSUFFICIENT_DATA', evidence: evidence([], { unknown: N }) };
  const e = evidence(all);
  if (e.breaching.length >= M) return { kind: 'state', state: 'ALARM', evidence: e };
  if (e.notBreaching.length > 0) return { kind: 'state', state: 'OK', evidence: e };
  if (keep) return { kind: 'retain' };
  const oldest = real[real.length - 1]!;
  if (oldest.age >= M) return { kind: 'state', state: 'ALARM', evidence: { ...e, premature: true } };
  return { kind: 'state', state: 'INSUFFICIENT_DATA', evidence: { ...e, unknown: filled } };
}
