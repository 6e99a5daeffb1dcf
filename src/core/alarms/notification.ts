/**
 * What SNS delivers when an alarm action publishes to a topic: the alarm's
 * JSON message (AlarmName, NewStateValue, NewStateReason, StateChangeTime,
 * Trigger, …), the subject "ALARM: "name" in US East (N. Virginia)", and per
 * subscription the HTTP/HTTPS or email-json envelope (Type "Notification",
 * MessageId, TopicArn, Subject, Message, Timestamp, …) or the plain-text
 * email CloudWatch writes for email subscriptions.
 */
import { Buffer } from 'node:buffer';
import type { SubscriptionDecl } from '../model/monitoring.ts';
import { rngFor } from '../random.ts';
import type { Transition } from './alarm-runner.ts';
import { cloudWatchTime, dbl, emailDate, isoTime, javaDouble, stringifyJava } from './format.ts';
import { regionDisplayName } from './region-names.ts';

export interface NotifyEnv {
  account: string;
  region: string;
  seed: string | number;
}

/** One Publish to a topic. */
export interface Publication {
  topicArn: string;
  messageId: string;
  subject: string;
  /** The alarm message, JSON text. */
  message: string;
  /** Epoch milliseconds. */
  time: number;
  transition: Transition;
}

/** One message to one subscriber. */
export interface Delivery {
  protocol: string;
  endpoint: string;
  subscriptionArn: string;
  topicArn: string;
  messageId: string;
  subject: string;
  time: number;
  /** What the subscriber receives: the HTTP body, or the email text. */
  body: string;
  /** HTTP headers SNS sends (http/https only). */
  headers?: Record<string, string> | undefined;
}

/** The protocols vpcflow delivers; others (sqs, lambda, sms, …) are declared but reach nobody. */
export const DELIVERED_PROTOCOLS = ['http', 'https', 'email', 'email-json'] as const;

export function alarmSubject(t: Transition, region: string): string {
  const s = `${t.now.value}: "${t.alarm.name}" in ${regionDisplayName(region)}`;
  return s.length > 100 ? s.slice(0, 100) : s;
}

export function alarmMessage(t: Transition, env: NotifyEnv): string {
  const a = t.alarm;
  return stringifyJava({
    AlarmName: a.name,
    AlarmDescription: a.description ?? null,
    AWSAccountId: env.account,
    AlarmConfigurationUpdatedTimestamp: cloudWatchTime(a.createdAt),
    NewStateValue: t.now.value,
    NewStateReason: t.now.reason,
    StateChangeTime: cloudWatchTime(t.time),
    Region: regionDisplayName(env.region),
    AlarmArn: a.arn,
    OldStateValue: t.old.value,
    OKActions: a.okActions,
    AlarmActions: a.alarmActions,
    InsufficientDataActions: a.insufficientDataActions,
    Trigger: {
      MetricName: a.metricName,
      Namespace: a.namespace,
      StatisticType: a.statistic ? 'Statistic' : 'ExtendedStatistic',
      ...(a.statistic ? { Statistic: a.statistic.toUpperCase() } : { ExtendedStatistic: a.extendedStatistic }),
      Unit: a.unit ?? null,
      Dimensions: a.dimensions.map((d) => ({ value: d.value, name: d.name })),
      Period: a.period,
      EvaluationPeriods: a.evaluationPeriods,
      DatapointsToAlarm: a.datapointsToAlarm,
      ComparisonOperator: a.comparisonOperator,
      Threshold: dbl(a.threshold),
      TreatMissingData: a.treatMissingData,
      EvaluateLowSampleCountPercentile: a.evaluateLowSampleCountPercentile ?? '',
    },
  });
}

export function deliveriesFor(p: Publication, subs: readonly SubscriptionDecl[], env: NotifyEnv): Delivery[] {
  const out: Delivery[] = [];
  for (const sub of subs) {
    if (sub.topicArn !== p.topicArn || !(DELIVERED_PROTOCOLS as readonly string[]).includes(sub.protocol)) continue;
    const base = { protocol: sub.protocol, endpoint: sub.endpoint, subscriptionArn: sub.arn, topicArn: p.topicArn, messageId: p.messageId, subject: p.subject, time: p.time };
    if (sub.protocol === 'email') {
      out.push({ ...base, body: alarmEmail(p, sub, env) });
    } else if (sub.protocol === 'email-json') {
      out.push({ ...base, body: envelope(p, sub, env) });
    } else {
      const headers: Record<string, string> = {
        'x-amz-sns-message-type': 'Notification',
        'x-amz-sns-message-id': p.messageId,
        'x-amz-sns-topic-arn': p.topicArn,
        'x-amz-sns-subscription-arn': sub.arn,
        'Content-Type': 'text/plain; charset=UTF-8',
        'User-Agent': 'Amazon Simple Notification Service Agent',
      };
      if (sub.rawMessageDelivery) headers['x-amz-sns-rawdelivery'] = 'true';
      out.push({ ...base, headers, body: sub.rawMessageDelivery ? p.message : envelope(p, sub, env) });
    }
  }
  return out;
}

/**
 * The JSON document SNS sends to HTTP/HTTPS and email-json endpoints. The
 * signature is made up from the seed: vpcflow does not hold SNS's signing
 * key, so a receiver that verifies signatures must skip that step.
 */
export function envelope(p: Publication, sub: SubscriptionDecl, env: NotifyEnv): string {
  const r = rngFor(env.seed, `sns-signature:${p.messageId}:${sub.arn}`);
  return JSON.stringify({
    Type: 'Notification',
    MessageId: p.messageId,
    TopicArn: p.topicArn,
    Subject: p.subject,
    Message: p.message,
    Timestamp: isoTime(p.time),
    SignatureVersion: '1',
    Signature: Buffer.from(r.hex(512), 'hex').toString('base64'),
    SigningCertURL: `https://sns.${env.region}.amazonaws.com/SimpleNotificationService-${rngFor(env.seed, 'sns-cert').hex(32)}.pem`,
    UnsubscribeURL: `https://sns.${env.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${sub.arn}`,
  }, null, 2).replace(/^( {2}"[A-Za-z]+"):/gm, '$1 :'); // SNS writes `"Type" : "Notification"`
}

/** The text of the email CloudWatch sends for an alarm state change. */
export function alarmEmail(p: Publication, sub: SubscriptionDecl, env: NotifyEnv): string {
  const t = p.transition;
  const a = t.alarm;
  const region = regionDisplayName(env.region);
  const when = emailDate(t.time);
  const list = (xs: string[]) => (xs.length ? ` [${xs.join(', ')}]` : '');
  const row = (label: string, value: string, width: number) => `- ${`${label}:`.padEnd(width)}${value}`;
  const dims = a.dimensions.map((d) => `[${d.name} = ${d.value}]`).join(' ');
  return [
    `You are receiving this email because your Amazon CloudWatch Alarm "${a.name}" in the ${region} region has entered the ${t.now.value} state, because "${t.now.reason}" at "${when}".`,
    '',
    'View this alarm in the AWS Management Console:',
    `https://${env.region}.console.aws.amazon.com/cloudwatch/deeplink.js?region=${env.region}#alarmsV2:alarm/${encodeURIComponent(a.name)}`,
    '',
    'Alarm Details:',
    row('Name', a.name, 28),
    row('Description', a.description ?? '', 28),
    row('State Change', `${t.old.value} -> ${t.now.value}`, 28),
    row('Reason for State Change', t.now.reason, 28),
    row('Timestamp', when, 28),
    row('AWS Account', env.account, 28),
    row('Alarm Arn', a.arn, 28),
    '',
    'Threshold:',
    `- The alarm is in the ALARM state when the metric is ${a.comparisonOperator} ${javaDouble(a.threshold)} for at least ${a.datapointsToAlarm} of the last ${a.evaluationPeriods} period(s) of ${a.period} seconds.`,
    '',
    'Monitored Metric:',
    row('MetricNamespace', a.namespace, 39),
    row('MetricName', a.metricName, 39),
    row('Dimensions', dims, 39),
    row('Period', `${a.period} seconds`, 39),
    row('Statistic', a.statistic ?? a.extendedStatistic ?? '', 39),
    row('Unit', a.unit ?? 'not specified', 39),
    row('TreatMissingData', a.treatMissingData, 39),
    '',
    '',
    'State Change Actions:',
    `- OK:${list(a.okActions)}`,
    `- ALARM:${list(a.alarmActions)}`,
    `- INSUFFICIENT_DATA:${list(a.insufficientDataActions)}`,
    '',
    '',
    '--',
    'If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:',
    `https://sns.${env.region}.amazonaws.com/unsubscribe.html?SubscriptionArn=${sub.arn}&Endpoint=${sub.endpoint}`,
    '',
    'Please do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support',
    '',
  ].join('\n');
}
