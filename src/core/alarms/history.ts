/**
 * Alarm history as DescribeAlarmHistory returns it: a ConfigurationUpdate
 * item when an alarm is created, a StateUpdate item per state change, an
 * Action item per action executed. Also the alarm as DescribeAlarms shows it.
 */
import type { AlarmDecl } from '../model/monitoring.ts';
import type { AlarmState, Transition } from './alarm-runner.ts';
import { cloudWatchTime, dbl, stringifyJava } from './format.ts';

export interface AlarmHistoryItem {
  AlarmName: string;
  AlarmType: 'MetricAlarm';
  Timestamp: string;
  HistoryItemType: 'ConfigurationUpdate' | 'StateUpdate' | 'Action';
  HistorySummary: string;
  /** JSON text, as CloudWatch stores it. */
  HistoryData: string;
}

const item = (alarm: AlarmDecl, ms: number, type: AlarmHistoryItem['HistoryItemType'], summary: string, data: unknown): AlarmHistoryItem => ({
  AlarmName: alarm.name, AlarmType: 'MetricAlarm', Timestamp: cloudWatchTime(ms), HistoryItemType: type, HistorySummary: summary, HistoryData: stringifyJava(data),
});

export function createdItem(alarm: AlarmDecl): AlarmHistoryItem {
  const a = alarm;
  const created = {
    timestamp: cloudWatchTime(a.createdAt), alarmName: a.name, alarmDescription: a.description ?? null, actionsEnabled: a.actionsEnabled,
    oKActions: a.okActions, alarmActions: a.alarmActions, insufficientDataActions: a.insufficientDataActions,
    metricName: a.metricName, namespace: a.namespace, ...(a.statistic ? { statistic: a.statistic } : { extendedStatistic: a.extendedStatistic }),
    dimensions: a.dimensions.map((d) => ({ name: d.name, value: d.value })), period: a.period, ...(a.unit ? { unit: a.unit } : {}),
    evaluationPeriods: a.evaluationPeriods, datapointsToAlarm: a.datapointsToAlarm, threshold: dbl(a.threshold),
    comparisonOperator: a.comparisonOperator, treatMissingData: a.treatMissingData,
  };
  return item(alarm, a.createdAt, 'ConfigurationUpdate', `Alarm "${a.name}" created`, { type: 'Create', version: '1.0', createdAlarm: created });
}

const stateJson = (s: AlarmState) => ({ stateValue: s.value, stateReason: s.reason, ...(s.reasonData ? { stateReasonData: s.reasonData } : {}) });

export function stateItem(t: Transition): AlarmHistoryItem {
  return item(t.alarm, t.time, 'StateUpdate', `Alarm updated from ${t.old.value} to ${t.now.value}`, { version: '1.0', oldState: stateJson(t.old), newState: stateJson(t.now) });
}

export function actionItem(t: Transition, action: string, outcome: { ok: true; message: string } | { ok: false; error: string }): AlarmHistoryItem {
  if (outcome.ok) {
    return item(t.alarm, t.time, 'Action', `Successfully executed action ${action}`, {
      actionState: 'Succeeded', stateUpdateTimestamp: t.time, notificationResource: action, publishedMessage: outcome.message,
    });
  }
  return item(t.alarm, t.time, 'Action', `Failed to execute action ${action}. Received error: "${outcome.error}"`, {
    actionState: 'Failed', stateUpdateTimestamp: t.time, notificationResource: action, error: outcome.error,
  });
}

/** The alarm as DescribeAlarms lists it (MetricAlarms[]), in its current state. */
export function metricAlarm(a: AlarmDecl, s: AlarmState): Record<string, unknown> {
  return {
    AlarmName: a.name, AlarmArn: a.arn, ...(a.description ? { AlarmDescription: a.description } : {}),
    AlarmConfigurationUpdatedTimestamp: cloudWatchTime(a.createdAt), ActionsEnabled: a.actionsEnabled,
    OKActions: a.okActions, AlarmActions: a.alarmActions, InsufficientDataActions: a.insufficientDataActions,
    StateValue: s.value, StateReason: s.reason, ...(s.reasonData ? { StateReasonData: stringifyJava(s.reasonData) } : {}),
    StateUpdatedTimestamp: cloudWatchTime(s.since),
    MetricName: a.metricName, Namespace: a.namespace, ...(a.statistic ? { Statistic: a.statistic } : { ExtendedStatistic: a.extendedStatistic }),
    Dimensions: a.dimensions.map((d) => ({ Name: d.name, Value: d.value })), Period: a.period, ...(a.unit ? { Unit: a.unit } : {}),
    EvaluationPeriods: a.evaluationPeriods, DatapointsToAlarm: a.datapointsToAlarm, Threshold: a.threshold,
    ComparisonOperator: a.comparisonOperator, TreatMissingData: a.treatMissingData,
    ...(a.evaluateLowSampleCountPercentile ? { EvaluateLowSampleCountPercentile: a.evaluateLowSampleCountPercentile } : {}),
  };
}
