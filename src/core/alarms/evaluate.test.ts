/**
 * Alarm evaluation against the two tables of AWS's "How alarm state is
 * evaluated when data is missing" (CloudWatch User Guide): 3 of 3 and 2 of
 * 3 alarms reading the 5 most recent periods. In the data points column, 0
 * is a non-breaching datapoint, X a breaching one and - a missing one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TreatMissingData } from '../model/monitoring.ts';
import { type Datapoint, type EvaluationRule, evaluate, evaluationRange } from './evaluate.ts';

const slots = (pattern: string): (Datapoint | undefined)[] =>
  pattern.split(' ').map((c, i) => (c === '-' ? undefined : { start: i * 300, value: c === 'X' ? 5 : 0, sampleCount: 1 }));

const outcome = (m: number, n: number, treat: TreatMissingData, pattern: string): string => {
  const rule: EvaluationRule = { evaluationPeriods: n, datapointsToAlarm: m, threshold: 3, comparisonOperator: 'GreaterThanThreshold', treatMissingData: treat };
  const o = evaluate(rule, slots(pattern));
  return o.kind === 'retain' ? 'retain' : o.state;
};

const COLUMNS: TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

/** Checks each row of one of AWS's tables (M out of N): a datapoint pattern, and the outcome under each of the COLUMNS. */
function assertTable(m: number, n: number, rows: [string, string[]][]): void {
  for (const [pattern, want] of rows) {
    assert.deepEqual(COLUMNS.map((c) => outcome(m, n, c, pattern)), want, pattern);
  }
}

test('CloudWatch reads 5 periods for an alarm of 3 evaluation periods', () => {
  assert.equal(evaluationRange(3), 5);
});

test('AWS\'s first table: Datapoints to Alarm and Evaluation Periods both 3', () => {
  assertTable(3, 3, [
    ['0 - X - X', ['OK', 'OK', 'OK', 'OK']],
    ['0 - - - -', ['OK', 'OK', 'OK', 'OK']],
    ['- - - - -', ['INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK']],
    ['0 X X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['- - - - X', ['INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK']],
    ['X - - - -', ['ALARM', 'retain', 'ALARM', 'OK']],
  ]);
});

test('AWS\'s second table: 2 out of 3', () => {
  assertTable(2, 3, [
    ['0 - X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 0 X 0 X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 - X - -', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - 0', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - X', ['INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK']],
  ]);
});

test('M out of N: the breaching datapoints need not be consecutive, only within the last N', () => {
  assert.equal(outcome(2, 4, 'missing', 'X 0 0 X 0'), 'OK'); // the most recent 4 are 0 0 X 0
  assert.equal(outcome(2, 4, 'missing', '0 X 0 X 0'), 'ALARM');
  assert.equal(outcome(3, 4, 'missing', '0 X 0 X 0'), 'OK');
});

test('each comparison operator, at the threshold', () => {
  const at = (op: EvaluationRule['comparisonOperator'], value: number) => {
    const o = evaluate({ evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 10, comparisonOperator: op, treatMissingData: 'missing' }, [undefined, undefined, { start: 0, value, sampleCount: 1 }]);
    return o.kind === 'state' ? o.state : 'retain';
  };
  assert.equal(at('GreaterThanOrEqualToThreshold', 10), 'ALARM');
  assert.equal(at('GreaterThanThreshold', 10), 'OK');
  assert.equal(at('LessThanThreshold', 10), 'OK');
  assert.equal(at('LessThanOrEqualToThreshold', 10), 'ALARM');
  assert.equal(at('LessThanThreshold', 9.5), 'ALARM');
});
