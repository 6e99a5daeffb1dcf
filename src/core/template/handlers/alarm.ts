/**
 * AWS::CloudWatch::Alarm on one metric (MetricName, Namespace, Dimensions),
 * checked as PutMetricAlarm checks it. Alarms on metric math (Metrics) or
 * anomaly bands are accepted but not evaluated; the run says so.
 */
import { STATISTICS, percentileOf } from '../../alarms/index.ts';
import { type AlarmDecl, type ComparisonOperator, type TreatMissingData, monitoringOf } from '../../model/monitoring.ts';
import { describeValue } from '../../scenario/describe.ts';
import { defineHandler } from '../handler.ts';
import { generatedName } from '../names.ts';
import { any, bool, int, listOf, required, str, strList, tags } from '../shapes.ts';
import { UNITS, checkName, numberProp, oneOf } from './cloudwatch-values.ts';

const OPERATORS: ComparisonOperator[] = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];
const BAND_OPERATORS = ['LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold'];
const MISSING: TreatMissingData[] = ['breaching', 'notBreaching', 'ignore', 'missing'];

interface AlarmState { name: string; arn: string }

export const alarmHandler = defineHandler<AlarmState>({
  properties: {
    AlarmName: str, AlarmDescription: str, ActionsEnabled: bool, AlarmActions: strList, OKActions: strList, InsufficientDataActions: strList,
    ComparisonOperator: required(str), DatapointsToAlarm: int, Dimensions: listOf({ fields: { Name: required(str), Value: required(str) } }),
    EvaluateLowSampleCountPercentile: str, EvaluationPeriods: required(int), ExtendedStatistic: str, MetricName: str, Metrics: any,
    Namespace: str, Period: int, Statistic: str, Threshold: str, ThresholdMetricId: str, TreatMissingData: str, Unit: str, Tags: tags,
  },
  create(run) {
    const p = run.props as Record<string, unknown>;
    const name = p.AlarmName === undefined ? generatedName(run.stack, run.logicalId, 255)
      : checkName(run, ['AlarmName'], p.AlarmName as string, /^[\x20-\x7e]{1,255}$/, 'an alarm name of 1 to 255 ASCII characters');
    const arn = `arn:aws:cloudwatch:${run.stack.region}:${run.stack.account}:alarm:${name}`;
    const state = { name, arn };
    const monitoring = monitoringOf(run.ctx.net);
    if (monitoring.alarms.has(name)) run.fail(['AlarmName'], 'an alarm name not used by another alarm', describeValue(name));
    const op = p.ComparisonOperator as string;
    if (p.Metrics !== undefined || p.ThresholdMetricId !== undefined || BAND_OPERATORS.includes(op)) {
      run.warn('alarms on metric math or anomaly detection bands are not evaluated by vpcflow; this alarm stays as created');
      return state;
    }
    oneOf(run, ['ComparisonOperator'], op, [...OPERATORS, ...BAND_OPERATORS]);
    for (const k of ['MetricName', 'Namespace', 'Period', 'Threshold']) if (p[k] === undefined) run.fail([], `the required property ${k}`, 'none');
    if ((p.Statistic === undefined) === (p.ExtendedStatistic === undefined)) {
      run.fail(['Statistic'], 'exactly one of Statistic and ExtendedStatistic', p.Statistic === undefined ? 'neither' : 'both');
    }
    const statistic = oneOf(run, ['Statistic'], p.Statistic, STATISTICS);
    const extended = p.ExtendedStatistic as string | undefined;
    if (extended !== undefined && percentileOf(extended) === undefined) run.fail(['ExtendedStatistic'], 'a percentile such as p90 or p99.9 (vpcflow evaluates percentiles only)', describeValue(extended));
    const period = p.Period as number;
    if (!(period === 10 || period === 20 || period === 30 || (period > 0 && period % 60 === 0))) run.fail(['Period'], '10, 20, 30 or a multiple of 60 (seconds)', String(period));
    const evaluationPeriods = p.EvaluationPeriods as number;
    if (evaluationPeriods < 1) run.fail(['EvaluationPeriods'], 'at least 1', String(evaluationPeriods));
    if (evaluationPeriods * period > 86_400) run.fail(['EvaluationPeriods'], 'evaluation periods that span at most one day (EvaluationPeriods × Period ≤ 86400)', `${evaluationPeriods} × ${period}`);
    const datapointsToAlarm = (p.DatapointsToAlarm as number | undefined) ?? evaluationPeriods;
    if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) run.fail(['DatapointsToAlarm'], `1 to EvaluationPeriods (${evaluationPeriods})`, String(datapointsToAlarm));
    const dims = ((p.Dimensions as { Name: string; Value: string }[] | undefined) ?? []).map((d) => ({ name: d.Name, value: d.Value }));
    if (dims.length > 30) run.fail(['Dimensions'], 'at most 30 dimensions', `a list of ${dims.length}`);
    const actions = (k: string) => (p[k] as string[] | undefined) ?? [];
    for (const k of ['AlarmActions', 'OKActions', 'InsufficientDataActions']) {
      for (const a of actions(k)) if (!/^arn:[^:]+:sns:/.test(a)) run.warn(`${k}: ${a} is not an SNS topic; vpcflow runs SNS actions only and records others as failed`);
    }
    const decl: AlarmDecl = {
      name, arn, logicalId: run.logicalId, description: p.AlarmDescription as string | undefined,
      namespace: p.Namespace as string, metricName: p.MetricName as string,
      dimensions: dims.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      statistic, extendedStatistic: extended, period, evaluationPeriods, datapointsToAlarm,
      threshold: numberProp(run, ['Threshold'], p.Threshold)!,
      comparisonOperator: op as ComparisonOperator,
      treatMissingData: oneOf(run, ['TreatMissingData'], p.TreatMissingData, MISSING) ?? 'missing',
      evaluateLowSampleCountPercentile: oneOf(run, ['EvaluateLowSampleCountPercentile'], p.EvaluateLowSampleCountPercentile, ['evaluate', 'ignore'] as const),
      unit: oneOf(run, ['Unit'], p.Unit, UNITS),
      actionsEnabled: (p.ActionsEnabled as boolean | undefined) ?? true,
      alarmActions: actions('AlarmActions'), okActions: actions('OKActions'), insufficientDataActions: actions('InsufficientDataActions'),
      createdAt: run.ctx.now(),
    };
    monitoring.alarms.set(name, decl);
    return state;
  },
  ref: (a) => a.name,
  attributes: { Arn: (a) => a.arn },
});
