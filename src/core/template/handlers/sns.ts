/**
 * AWS::SNS::Topic (with its inline Subscription list) and
 * AWS::SNS::Subscription. http/https endpoints receive notifications as
 * POSTs, email and email-json endpoints are written to notifications.jsonl;
 * other protocols are accepted and reach nobody (the run says so).
 * Subscriptions count as confirmed: vpcflow sends no SubscriptionConfirmation.
 */
import { DELIVERED_PROTOCOLS, seededUuid } from '../../alarms/index.ts';
import { type SubscriptionDecl, type TopicDecl, monitoringOf } from '../../model/monitoring.ts';
import { describeValue } from '../../scenario/describe.ts';
import { type ResourceRun, defineHandler } from '../handler.ts';
import { generatedName } from '../names.ts';
import { bool, listOf, opaque, required, str, tags } from '../shapes.ts';
import { checkName } from './cloudwatch-values.ts';

const PROTOCOLS = ['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose'];

function subscribe(run: ResourceRun, path: (string | number)[], topicArn: string, protocol: string, endpoint: string | undefined, raw: boolean, purpose: string): SubscriptionDecl {
  if (!PROTOCOLS.includes(protocol)) run.fail([...path, 'Protocol'], `one of ${PROTOCOLS.join(', ')}`, describeValue(protocol));
  if (endpoint === undefined) run.fail(path, 'the required property Endpoint', 'none');
  const valid: Record<string, RegExp> = { http: /^http:\/\/[^\s/]+/, https: /^https:\/\/[^\s/]+/, email: /^[^@\s]+@[^@\s]+$/, 'email-json': /^[^@\s]+@[^@\s]+$/ };
  const rule = valid[protocol];
  if (rule && !rule.test(endpoint)) {
    const what = protocol.startsWith('email') ? 'an email address' : `a URL starting with ${protocol}://`;
    run.fail([...path, 'Endpoint'], `${what} for protocol ${protocol}`, describeValue(endpoint));
  }
  if (!(DELIVERED_PROTOCOLS as readonly string[]).includes(protocol)) run.warn(`${protocol} subscriptions are not delivered by vpcflow (only http, https, email and email-json)`);
  const sub: SubscriptionDecl = {
    arn: `${topicArn}:${seededUuid(run.stack.seed, purpose)}`, topicArn, protocol, endpoint, rawMessageDelivery: raw, logicalId: run.logicalId,
  };
  monitoringOf(run.ctx.net).subscriptions.push(sub);
  return sub;
}

export const topicHandler = defineHandler<TopicDecl>({
  properties: {
    TopicName: str, DisplayName: str, Subscription: listOf({ fields: { Endpoint: required(str), Protocol: required(str) } }), Tags: tags,
    ...opaque('KmsMasterKeyId', 'FifoTopic', 'ContentBasedDeduplication', 'DataProtectionPolicy', 'TracingConfig', 'SignatureVersion',
      'ArchivePolicy', 'DeliveryStatusLogging', 'FifoThroughputScope'),
  },
  create(run) {
    const p = run.props as { TopicName?: string; DisplayName?: string; Subscription?: { Endpoint: string; Protocol: string }[] };
    const name = p.TopicName === undefined ? generatedName(run.stack, run.logicalId, 256)
      : checkName(run, ['TopicName'], p.TopicName, /^[A-Za-z0-9_-]{1,256}(\.fifo)?$/, 'a topic name of 1 to 256 characters among A-Z, a-z, 0-9, - and _');
    const arn = `arn:aws:sns:${run.stack.region}:${run.stack.account}:${name}`;
    const topics = monitoringOf(run.ctx.net).topics;
    if (topics.has(arn)) run.fail(['TopicName'], 'a topic name not used by another topic', describeValue(name));
    const topic: TopicDecl = { name, arn, logicalId: run.logicalId, displayName: p.DisplayName };
    topics.set(arn, topic);
    (p.Subscription ?? []).forEach((s, i) => subscribe(run, ['Subscription', i], arn, s.Protocol, s.Endpoint, false, `sns-subscription:${run.logicalId}:${i}`));
    return topic;
  },
  ref: (t) => t.arn,
  attributes: { TopicArn: (t) => t.arn, TopicName: (t) => t.name },
});

export const subscriptionHandler = defineHandler<SubscriptionDecl>({
  properties: {
    TopicArn: required(str), Protocol: required(str), Endpoint: str, RawMessageDelivery: bool,
    ...opaque('FilterPolicy', 'FilterPolicyScope', 'DeliveryPolicy', 'RedrivePolicy', 'Region', 'SubscriptionRoleArn', 'ReplayPolicy'),
  },
  create(run) {
    const p = run.props as { TopicArn: string; Protocol: string; Endpoint?: string; RawMessageDelivery?: boolean };
    if (!monitoringOf(run.ctx.net).topics.has(p.TopicArn)) run.fail(['TopicArn'], 'the ARN of a topic created before this subscription (!Ref to an AWS::SNS::Topic)', describeValue(p.TopicArn));
    return subscribe(run, [], p.TopicArn, p.Protocol, p.Endpoint, p.RawMessageDelivery ?? false, `sns-subscription:${run.logicalId}`);
  },
  ref: (s) => s.arn,
  attributes: {},
});
