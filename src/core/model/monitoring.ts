/**
 * CloudWatch and SNS declarations of a stack, kept beside its Network: metric
 * filters, alarms, SNS topics and subscriptions, Contributor Insights rules.
 * They do not change the network, so they live in a registry keyed by the
 * Network object rather than in it.
 */
import type { Network } from './network.ts';

export interface MetricDimension { name: string; value: string }

/** AWS::Logs::MetricFilter's MetricTransformations[0]. */
export interface MetricTransformation {
  metricName: string;
  namespace: string;
  /** A number as text ("1"), or `$field` / `$.path` naming a value the pattern extracts. */
  metricValue: string;
  defaultValue?: number | undefined;
  unit?: string | undefined;
  /** Dimension name → `$field` / `$.path`. */
  dimensions: { key: string; value: string }[];
}

export interface MetricFilterDecl {
  name: string;
  logicalId?: string | undefined;
  logGroupName: string;
  filterPattern: string;
  transformation: MetricTransformation;
}

export type ComparisonOperator = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

export interface AlarmDecl {
  name: string;
  arn: string;
  logicalId?: string | undefined;
  description?: string | undefined;
  namespace: string;
  metricName: string;
  /** Sorted by name, as CloudWatch identifies a metric. */
  dimensions: MetricDimension[];
  /** SampleCount | Average | Sum | Minimum | Maximum, or undefined when extendedStatistic is set. */
  statistic?: string | undefined;
  /** A percentile such as p99 or p99.9. */
  extendedStatistic?: string | undefined;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
  evaluateLowSampleCountPercentile?: 'evaluate' | 'ignore' | undefined;
  unit?: string | undefined;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  /** Epoch milliseconds the alarm was created (the scenario's start). */
  createdAt: number;
}

export interface TopicDecl {
  name: string;
  arn: string;
  logicalId?: string | undefined;
  displayName?: string | undefined;
}

export interface SubscriptionDecl {
  arn: string;
  topicArn: string;
  /** http | https | email | email-json; others are declared but not delivered. */
  protocol: string;
  endpoint: string;
  rawMessageDelivery: boolean;
  logicalId?: string | undefined;
}

export interface InsightRuleDecl {
  name: string;
  arn: string;
  logicalId?: string | undefined;
  state: 'ENABLED' | 'DISABLED';
  /** The rule body, JSON text as in RuleBody. */
  body: string;
}

export interface Monitoring {
  metricFilters: MetricFilterDecl[];
  /** By alarm name. */
  alarms: Map<string, AlarmDecl>;
  /** By topic ARN. */
  topics: Map<string, TopicDecl>;
  subscriptions: SubscriptionDecl[];
  /** By rule name. */
  insightRules: Map<string, InsightRuleDecl>;
}

const REGISTRY = new WeakMap<Network, Monitoring>();

/** The declarations of the stack that built `net` (empty until a handler adds some). */
export function monitoringOf(net: Network): Monitoring {
  let m = REGISTRY.get(net);
  if (!m) REGISTRY.set(net, (m = { metricFilters: [], alarms: new Map(), topics: new Map(), subscriptions: [], insightRules: new Map() }));
  return m;
}

export function hasMonitoring(m: Monitoring): boolean {
  return m.metricFilters.length > 0 || m.alarms.size > 0 || m.topics.size > 0 || m.insightRules.size > 0;
}
