/**
 * Notification bodies: the alarm message (the JSON CloudWatch publishes to
 * SNS), the SNS envelope HTTP/HTTPS and email-json subscribers receive, the
 * raw-delivery variant, and the alarm email.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlarmDecl, Monitoring, SubscriptionDecl } from '../model/monitoring.ts';
import { Monitor } from './monitor.ts';
import { deliveriesFor } from './notification.ts';

const T0 = Date.UTC(2026, 0, 1) / 1000;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';
const ENV = { account: '123456789012', region: 'us-east-1', seed: 7 };

const ALARM: AlarmDecl = {
  name: 'ssh-alarm', arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ssh-alarm', description: 'Rejected SSH', namespace: 'VPC', metricName: 'RejectedSSH',
  dimensions: [], statistic: 'Sum', period: 60, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 1, comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'missing', actionsEnabled: true, alarmActions: [TOPIC], okActions: [], insufficientDataActions: [], createdAt: T0 * 1000,
};

const sub = (protocol: string, endpoint: string, raw = false): SubscriptionDecl => ({ arn: `${TOPIC}:0f0e0d0c-0b0a-4909-8807-060504030201`, topicArn: TOPIC, protocol, endpoint, rawMessageDelivery: raw });

function publication() {
  const m: Monitoring = {
    metricFilters: [{ name: 'f', logGroupName: 'g', filterPattern: 'REJECT', transformation: { metricName: 'RejectedSSH', namespace: 'VPC', metricValue: '1', dimensions: [] } }],
    alarms: new Map([[ALARM.name, ALARM]]), topics: new Map([[TOPIC, { name: 'alerts', arn: TOPIC }]]), subscriptions: [], insightRules: new Map(),
  };
  const mon = new Monitor(m, { ...ENV, start: T0 });
  mon.accept({ group: 'g', stream: 's', timestamp: T0 * 1000, ingestionTime: T0 * 1000 + 1000, message: '2 x REJECT OK' });
  mon.advanceTo(T0 + 60);
  const [p] = mon.drain();
  assert.ok(p);
  return p;
}

test('the alarm message carries AlarmName, states, reason, time, region, ARN, actions and Trigger', () => {
  const p = publication();
  const msg = JSON.parse(p.message);
  assert.deepEqual(msg, {
    AlarmName: 'ssh-alarm', AlarmDescription: 'Rejected SSH', AWSAccountId: '123456789012', AlarmConfigurationUpdatedTimestamp: '2026-01-01T00:00:00.000+0000',
    NewStateValue: 'ALARM',
    NewStateReason: 'Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/01/26 00:00:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).',
    StateChangeTime: '2026-01-01T00:01:00.000+0000', Region: 'US East (N. Virginia)', AlarmArn: ALARM.arn, OldStateValue: 'INSUFFICIENT_DATA',
    OKActions: [], AlarmActions: [TOPIC], InsufficientDataActions: [],
    Trigger: {
      MetricName: 'RejectedSSH', Namespace: 'VPC', StatisticType: 'Statistic', Statistic: 'SUM', Unit: null, Dimensions: [], Period: 60, EvaluationPeriods: 1,
      DatapointsToAlarm: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1, TreatMissingData: 'missing', EvaluateLowSampleCountPercentile: '',
    },
  });
  assert.match(p.message, /"Threshold":1\.0,/, 'Threshold written as a Java double');
  assert.equal(p.subject, 'ALARM: "ssh-alarm" in US East (N. Virginia)');
  assert.match(p.messageId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(publication().messageId, p.messageId, 'message ids come from the seed');
});

test('HTTP/HTTPS subscribers get the SNS envelope and SNS\'s headers', () => {
  const p = publication();
  const [d] = deliveriesFor(p, [sub('https', 'https://hooks.example.com/sns')], ENV);
  assert.ok(d);
  assert.deepEqual(d.headers, {
    'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': p.messageId, 'x-amz-sns-topic-arn': TOPIC,
    'x-amz-sns-subscription-arn': `${TOPIC}:0f0e0d0c-0b0a-4909-8807-060504030201`,
    'Content-Type': 'text/plain; charset=UTF-8', 'User-Agent': 'Amazon Simple Notification Service Agent',
  });
  const body = JSON.parse(d.body);
  assert.deepEqual(Object.keys(body), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL']);
  assert.equal(body.Type, 'Notification');
  assert.equal(body.MessageId, p.messageId);
  assert.equal(body.TopicArn, TOPIC);
  assert.equal(body.Subject, p.subject);
  assert.equal(body.Message, p.message);
  assert.equal(body.Timestamp, '2026-01-01T00:01:00.000Z');
  assert.equal(body.SignatureVersion, '1');
  assert.match(body.UnsubscribeURL, /^https:\/\/sns\.us-east-1\.amazonaws\.com\/\?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:/);
  assert.match(d.body, /^\{\n {2}"Type" : "Notification",\n {2}"MessageId" : "/);
});

test('raw message delivery sends the message alone', () => {
  const p = publication();
  const [d] = deliveriesFor(p, [sub('http', 'http://127.0.0.1:9/x', true)], ENV);
  assert.equal(d!.body, p.message);
  assert.equal(d!.headers!['x-amz-sns-rawdelivery'], 'true');
});

test('email subscribers get CloudWatch\'s alarm email; email-json the envelope; others nothing', () => {
  const p = publication();
  const ds = deliveriesFor(p, [sub('email', 'ops@example.com'), sub('email-json', 'bot@example.com'), sub('sqs', 'arn:aws:sqs:us-east-1:123456789012:q')], ENV);
  assert.deepEqual(ds.map((d) => d.protocol), ['email', 'email-json']);
  const mail = ds[0]!.body;
  assert.match(mail, /^You are receiving this email because your Amazon CloudWatch Alarm "ssh-alarm" in the US East \(N\. Virginia\) region has entered the ALARM state, because "Threshold Crossed: 1 out of the last 1 datapoints \[1\.0 \(01\/01\/26 00:00:00\)\] was greater than or equal to the threshold \(1\.0\) \(minimum 1 datapoint for OK -> ALARM transition\)\." at "Thursday 01 January, 2026 00:01:00 UTC"\./);
  assert.match(mail, /\n- State Change: +INSUFFICIENT_DATA -> ALARM\n/);
  assert.match(mail, /\n- The alarm is in the ALARM state when the metric is GreaterThanOrEqualToThreshold 1\.0 for at least 1 of the last 1 period\(s\) of 60 seconds\.\n/);
  assert.match(mail, /\n- ALARM: \[arn:aws:sns:us-east-1:123456789012:alerts\]\n/);
  assert.equal(JSON.parse(ds[1]!.body).Message, p.message);
  assert.deepEqual(deliveriesFor(p, [{ ...sub('email', 'x@example.com'), topicArn: 'arn:aws:sns:us-east-1:123456789012:other' }], ENV), []);
});
