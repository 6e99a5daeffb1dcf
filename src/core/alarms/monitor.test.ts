/**
 * Metric filters and alarms over simulated time: state transitions as
 * CloudWatch makes them (initial INSUFFICIENT_DATA, M of N, each
 * missing-data treatment, data seen only once ingested), their reasons,
 * DefaultValue, dimensions, percentiles, and the actions they run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlarmDecl, MetricFilterDecl, Monitoring } from '../model/monitoring.ts';
import { type LogEvent, Monitor } from './monitor.ts';

const T0 = Date.UTC(2026, 0, 1) / 1000;
const GROUP = '/vpc/flow-logs';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';
const SSH = '[version, account, eni, source, destination, srcport, destport="22", protocol="6", packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]';

const record = (dport: number, action: string, bytes = 60) => `2 123456789012 eni-0a1b2c3d4e5f60718 203.0.113.9 10.0.1.10 40000 ${dport} 6 1 ${bytes} ${T0} ${T0 + 60} ${action} OK`;

function filter(over: Partial<MetricFilterDecl> & { value?: string; defaultValue?: number; dimensions?: { key: string; value: string }[] } = {}): MetricFilterDecl {
  return {
    name: 'ssh', logGroupName: GROUP, filterPattern: over.filterPattern ?? SSH,
    transformation: { metricName: 'RejectedSSH', namespace: 'VPC', metricValue: over.value ?? '1', defaultValue: over.defaultValue, dimensions: over.dimensions ?? [] },
  };
}

function alarm(over: Partial<AlarmDecl> = {}): AlarmDecl {
  return {
    name: 'ssh-alarm', arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ssh-alarm', namespace: 'VPC', metricName: 'RejectedSSH', dimensions: [],
    statistic: 'Sum', period: 3600, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 10, comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'missing', actionsEnabled: true, alarmActions: [TOPIC], okActions: [], insufficientDataActions: [], createdAt: T0 * 1000, ...over,
  };
}

function monitor(filters: MetricFilterDecl[], alarms: AlarmDecl[]): Monitor {
  const m: Monitoring = {
    metricFilters: filters, alarms: new Map(alarms.map((a) => [a.name, a])),
    topics: new Map([[TOPIC, { name: 'alerts', arn: TOPIC }]]), subscriptions: [], insightRules: new Map(),
  };
  return new Monitor(m, { account: '123456789012', region: 'us-east-1', seed: 1, start: T0 });
}

/** An event at `at` seconds after T0, ingested `delay` seconds later. */
const event = (at: number, message: string, delay = 300): LogEvent => ({ group: GROUP, stream: 'eni-0a1b2c3d4e5f60718-all', timestamp: (T0 + at) * 1000, ingestionTime: (T0 + at + delay) * 1000, message });

const changes = (m: Monitor) => m.history.filter((h) => h.HistoryItemType === 'StateUpdate').map((h) => {
  const d = JSON.parse(h.HistoryData);
  return `${h.Timestamp.slice(11, 19)} ${d.oldState.stateValue}->${d.newState.stateValue}: ${d.newState.stateReason}`;
});

test('the rejected-SSH alarm: INSUFFICIENT_DATA, OK with the first datapoint, ALARM at 10 within the hour', () => {
  const m = monitor([filter()], [alarm()]);
  for (let i = 0; i < 12; i++) m.accept(event(60 * i, record(22, 'REJECT')));
  m.accept(event(30, record(80, 'REJECT')));
  m.accept(event(40, record(22, 'ACCEPT')));
  m.advanceTo(T0 + 3600);
  assert.deepEqual(changes(m), [
    '00:05:00 INSUFFICIENT_DATA->OK: Threshold Crossed: 1 out of the last 1 datapoints [1.0 (31/12/25 23:05:00)] was not greater than or equal to the threshold (10.0) (minimum 1 datapoint for ALARM -> OK transition).',
    '00:14:00 OK->ALARM: Threshold Crossed: 1 out of the last 1 datapoints [10.0 (31/12/25 23:14:00)] was greater than or equal to the threshold (10.0) (minimum 1 datapoint for OK -> ALARM transition).',
  ]);
  const created = m.history[0]!;
  assert.equal(created.HistoryItemType, 'ConfigurationUpdate');
  assert.equal(created.HistorySummary, 'Alarm "ssh-alarm" created');
  const pubs = m.drain();
  assert.equal(pubs.length, 1);
  assert.equal(pubs[0]!.subject, 'ALARM: "ssh-alarm" in US East (N. Virginia)');
  const action = m.history.find((h) => h.HistoryItemType === 'Action')!;
  assert.equal(action.HistorySummary, `Successfully executed action ${TOPIC}`);
  const data = JSON.parse(m.history.filter((h) => h.HistoryItemType === 'StateUpdate')[1]!.HistoryData);
  assert.deepEqual(data.newState.stateReasonData, {
    version: '1.0', queryDate: '2026-01-01T00:14:00.000+0000', startDate: '2025-12-31T23:14:00.000+0000', statistic: 'Sum', period: 3600,
    recentDatapoints: [10], threshold: 10, evaluatedDatapoints: [{ timestamp: '2025-12-31T23:14:00.000+0000', sampleCount: 10, value: 10 }],
  });
  assert.match(m.history.filter((h) => h.HistoryItemType === 'StateUpdate')[1]!.HistoryData, /"threshold":10\.0,/);
  const datapoints = m.datapoints();
  assert.equal(datapoints.length, 12);
  assert.deepEqual(datapoints[0], {
    Namespace: 'VPC', MetricName: 'RejectedSSH', Dimensions: [], Timestamp: '2026-01-01T00:00:00Z', Unit: 'None',
    StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 },
  });
});

test('data counts only once ingested: the same events ingested later move the transitions later', () => {
  const m = monitor([filter()], [alarm()]);
  for (let i = 0; i < 10; i++) m.accept(event(0, record(22, 'REJECT'), 900));
  m.advanceTo(T0 + 899);
  assert.deepEqual(changes(m), []);
  m.advanceTo(T0 + 900);
  assert.deepEqual(changes(m).map((c) => c.replace(/: Threshold.*$/, '')), ['00:15:00 INSUFFICIENT_DATA->ALARM']);
});

test('missing: after the data stops, the last datapoints are re-evaluated while in range, then INSUFFICIENT_DATA', () => {
  const m = monitor([filter()], [alarm({ period: 60, threshold: 1 })]);
  m.accept(event(0, record(22, 'REJECT'), 5));
  m.advanceTo(T0 + 600);
  assert.deepEqual(changes(m), [
    '00:01:00 INSUFFICIENT_DATA->ALARM: Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/01/26 00:00:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).',
    '00:04:00 ALARM->INSUFFICIENT_DATA: Insufficient Data: 1 datapoint was unknown.',
  ]);
  // The ALARM action ran; the INSUFFICIENT_DATA change has no action configured.
  assert.equal(m.drain().length, 1);
});

test('notBreaching: no data at all is OK from the first evaluation', () => {
  const m = monitor([filter()], [alarm({ period: 60, treatMissingData: 'notBreaching' })]);
  m.advanceTo(T0 + 300);
  assert.deepEqual(changes(m), ['00:01:00 INSUFFICIENT_DATA->OK: Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].']);
});

test('breaching: no data at all is ALARM, and the ALARM action runs', () => {
  const m = monitor([filter()], [alarm({ period: 60, evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'breaching' })]);
  m.advanceTo(T0 + 300);
  assert.deepEqual(changes(m), ['00:01:00 INSUFFICIENT_DATA->ALARM: Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [Breaching].']);
  assert.equal(m.drain().length, 1);
});

test('breaching with one real datapoint below the threshold: filled in as few times as possible', () => {
  const m = monitor([filter()], [alarm({ period: 60, evaluationPeriods: 3, datapointsToAlarm: 3, threshold: 5, treatMissingData: 'breaching' })]);
  m.accept(event(0, record(22, 'REJECT'), 1));
  m.advanceTo(T0 + 60);
  assert.deepEqual(changes(m), ['00:01:00 INSUFFICIENT_DATA->OK: Threshold Crossed: 1 datapoint was received for 3 periods and 2 missing datapoints were treated as [Breaching].']);
  m.advanceTo(T0 + 300);
  assert.equal(changes(m).length, 1, 'the datapoint is still in the 5-period range at 00:05');
  m.advanceTo(T0 + 360);
  // Once the non-breaching datapoint leaves the range, only filled-in (breaching) datapoints remain.
  assert.equal(changes(m).length, 2);
  assert.match(changes(m)[1]!, /^00:06:00 OK->ALARM: Threshold Crossed: no datapoints were received for 3 periods/);
});

test('ignore: no data keeps INSUFFICIENT_DATA; a breach is ALARM; then silence keeps ALARM', () => {
  const m = monitor([filter()], [alarm({ period: 60, threshold: 1, treatMissingData: 'ignore' })]);
  m.advanceTo(T0 + 600);
  assert.deepEqual(changes(m), []);
  m.accept(event(600, record(22, 'REJECT'), 5));
  m.advanceTo(T0 + 7200);
  assert.deepEqual(changes(m).map((c) => c.replace(/: Threshold.*$/, '')), ['00:11:00 INSUFFICIENT_DATA->ALARM']);
});

test('M out of N (2 of 3, one-minute periods): two breaching minutes among three alarm; OK when one leaves the range', () => {
  const m = monitor([filter()], [alarm({ period: 60, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 2, treatMissingData: 'notBreaching' })]);
  // Minute 0: 2 (breaching), minute 1: 1, minute 2: 3 (breaching), minute 3 on: nothing.
  const counts = [2, 1, 3];
  counts.forEach((n, minute) => { for (let i = 0; i < n; i++) m.accept(event(minute * 60 + i, record(22, 'REJECT'), 1)); });
  m.advanceTo(T0 + 600);
  assert.deepEqual(changes(m), [
    '00:01:00 INSUFFICIENT_DATA->OK: Threshold Crossed: 1 datapoint was received for 3 periods and 2 missing datapoints were treated as [NonBreaching].',
    '00:03:00 OK->ALARM: Threshold Crossed: 2 out of the last 3 datapoints [3.0 (01/01/26 00:02:00), 2.0 (01/01/26 00:00:00)] were greater than or equal to the threshold (2.0) (minimum 2 datapoints for OK -> ALARM transition).',
    // The three minutes stay in the 5-minute evaluation range until 00:06, when minute 0 leaves it.
    '00:06:00 ALARM->OK: Threshold Crossed: 2 datapoints were received for 3 periods and 1 missing datapoint was treated as [NonBreaching].',
  ]);
});

test('DefaultValue: a minute with events but no match reports the default once per event', () => {
  const m = monitor([filter({ defaultValue: 0 })], []);
  m.accept(event(0, record(80, 'ACCEPT')));
  m.accept(event(1, record(443, 'ACCEPT')));
  m.accept(event(60, record(22, 'REJECT')));
  m.accept(event(61, record(443, 'ACCEPT')));
  m.advanceTo(T0 + 1200);
  assert.deepEqual(m.datapoints().map((d) => [d.Timestamp, d.StatisticValues]), [
    ['2026-01-01T00:00:00Z', { SampleCount: 2, Sum: 0, Minimum: 0, Maximum: 0 }],
    ['2026-01-01T00:01:00Z', { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 }],
  ]);
});

test('MetricValue from a field and a dimension from a field: one series per value; the alarm watches one', () => {
  const f = filter({ filterPattern: '[version, account, eni, source, destination, srcport, destport, protocol, packets, bytes, windowstart, windowend, action, flowlogstatus]', value: '$bytes', dimensions: [{ key: 'Action', value: '$action' }] });
  const m = monitor([f], [alarm({ period: 60, threshold: 1000, dimensions: [{ name: 'Action', value: 'REJECT' }] })]);
  m.accept(event(0, record(22, 'REJECT', 700), 1));
  m.accept(event(0, record(22, 'REJECT', 400), 1));
  m.accept(event(0, record(80, 'ACCEPT', 5000), 1));
  m.advanceTo(T0 + 60);
  assert.deepEqual(m.datapoints().map((d) => [d.Dimensions, d.StatisticValues.Sum]), [
    [[{ Name: 'Action', Value: 'ACCEPT' }], 5000],
    [[{ Name: 'Action', Value: 'REJECT' }], 1100],
  ]);
  assert.match(changes(m)[0]!, /^00:01:00 INSUFFICIENT_DATA->ALARM: Threshold Crossed: 1 out of the last 1 datapoints \[1100\.0 /);
});

test('a percentile statistic (ExtendedStatistic p90) over the values of a field', () => {
  const f = filter({ filterPattern: '[version, account, eni, source, destination, srcport, destport, protocol, packets, bytes, windowstart, windowend, action, flowlogstatus]', value: '$bytes' });
  const m = monitor([f], [alarm({ period: 60, statistic: undefined, extendedStatistic: 'p90', threshold: 900 })]);
  for (let b = 100; b <= 1000; b += 100) m.accept(event(0, record(22, 'REJECT', b), 1));
  m.advanceTo(T0 + 60);
  assert.match(changes(m)[0]!, /INSUFFICIENT_DATA->ALARM: Threshold Crossed: 1 out of the last 1 datapoints \[900\.0 /);
});

test('ActionsEnabled false: the state changes, no action runs', () => {
  const m = monitor([filter()], [alarm({ period: 60, threshold: 1, actionsEnabled: false })]);
  m.accept(event(0, record(22, 'REJECT'), 1));
  m.advanceTo(T0 + 60);
  assert.equal(changes(m).length, 1);
  assert.deepEqual(m.drain(), []);
  assert.equal(m.history.filter((h) => h.HistoryItemType === 'Action').length, 0);
});

test('an action on a topic that does not exist, or of a kind vpcflow does not run, is a failed action', () => {
  const m = monitor([filter()], [alarm({ period: 60, threshold: 1, alarmActions: ['arn:aws:sns:us-east-1:123456789012:nope', 'arn:aws:automate:us-east-1:ec2:stop'] })]);
  m.accept(event(0, record(22, 'REJECT'), 1));
  m.advanceTo(T0 + 60);
  assert.deepEqual(m.history.filter((h) => h.HistoryItemType === 'Action').map((h) => h.HistorySummary), [
    'Failed to execute action arn:aws:sns:us-east-1:123456789012:nope. Received error: "Topic arn:aws:sns:us-east-1:123456789012:nope does not exist"',
    'Failed to execute action arn:aws:automate:us-east-1:ec2:stop. Received error: "vpcflow executes SNS topic actions only"',
  ]);
  assert.deepEqual(m.drain(), []);
});

test('events of other log groups are not seen by the filter', () => {
  const m = monitor([filter()], []);
  m.accept({ ...event(0, record(22, 'REJECT')), group: '/other' });
  m.advanceTo(T0 + 1200);
  assert.deepEqual(m.datapoints(), []);
});
