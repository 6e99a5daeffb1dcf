/**
 * StateReason and StateReasonData in CloudWatch's words: "Threshold Crossed:
 * 1 out of the last 1 datapoints [12.0 (01/01/26 00:31:00)] was greater than
 * or equal to the threshold (10.0) (minimum 1 datapoint for OK -> ALARM
 * transition).", "Threshold Crossed: no datapoints were received for 1
 * period and 1 missing datapoint was treated as [NonBreaching].",
 * "Insufficient Data: 1 datapoint was unknown.".
 */
import type { AlarmDecl, ComparisonOperator } from '../model/monitoring.ts';
import type { Datapoint, Evidence, StateValue } from './evaluate.ts';
import { cloudWatchTime, dbl, javaDouble, reasonDate } from './format.ts';

export const INITIAL_REASON = 'Unchecked: Initial alarm creation';

const OP_TEXT: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** Above this many, the reason names the count and lists only the most recent datapoints. */
const LISTED = 5;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const datapoints = (n: number) => `${n} ${plural(n, 'datapoint', 'datapoints')}`;
const was = (n: number) => plural(n, 'was', 'were');

function listOf(ds: Datapoint[]): string {
  return `[${ds.map((d) => `${javaDouble(d.value)} (${reasonDate(d.start * 1000)})`).join(', ')}]`;
}

export function stateReason(alarm: AlarmDecl, state: StateValue, e: Evidence): string {
  const N = alarm.evaluationPeriods;
  if (state === 'INSUFFICIENT_DATA') return `Insufficient Data: ${datapoints(e.unknown)} ${was(e.unknown)} unknown.`;
  if (e.filled > 0) {
    const missing = `${e.filled} missing ${plural(e.filled, 'datapoint', 'datapoints')} ${was(e.filled)} treated as [${e.filledAs}]`;
    const received = e.evaluated.length === 0 ? 'no datapoints were' : `${datapoints(e.evaluated.length)} ${was(e.evaluated.length)}`;
    return `Threshold Crossed: ${received} received for ${N} ${plural(N, 'period', 'periods')} and ${missing}.`;
  }
  const alarmed = state === 'ALARM';
  const shown = alarmed ? e.breaching : e.notBreaching;
  const minimum = alarmed ? alarm.datapointsToAlarm : N - alarm.datapointsToAlarm + 1;
  const transition = alarmed ? 'OK -> ALARM' : 'ALARM -> OK';
  const comparison = `${was(shown.length)} ${alarmed ? '' : 'not '}${OP_TEXT[alarm.comparisonOperator]} the threshold (${javaDouble(alarm.threshold)})`;
  const head = `Threshold Crossed: ${shown.length} out of the last ${e.evaluated.length} datapoints`;
  const tail = `(minimum ${datapoints(minimum)} for ${transition} transition).`;
  if (shown.length > LISTED) {
    return `${head} ${comparison}. The most recent datapoints which crossed the threshold: ${listOf(shown.slice(0, LISTED))} ${tail}`;
  }
  return `${head} ${listOf(shown)} ${comparison} ${tail}`;
}

/** StateReasonData: the JSON CloudWatch stores beside the reason. */
export function stateReasonData(alarm: AlarmDecl, e: Evidence, recent: Datapoint[], queryMs: number): Record<string, unknown> {
  const data: Record<string, unknown> = { version: '1.0', queryDate: cloudWatchTime(queryMs) };
  const oldest = e.evaluated[e.evaluated.length - 1];
  if (oldest) data.startDate = cloudWatchTime(oldest.start * 1000);
  if (alarm.unit) data.unit = alarm.unit;
  if (alarm.statistic) data.statistic = alarm.statistic;
  else data.extendedStatistic = alarm.extendedStatistic;
  data.period = alarm.period;
  data.recentDatapoints = recent.map((d) => dbl(d.value));
  data.threshold = dbl(alarm.threshold);
  if (e.evaluated.length) {
    data.evaluatedDatapoints = e.evaluated.map((d) => ({ timestamp: cloudWatchTime(d.start * 1000), sampleCount: dbl(d.sampleCount), value: dbl(d.value) }));
  }
  return data;
}
