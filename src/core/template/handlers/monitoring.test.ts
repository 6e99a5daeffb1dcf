/**
 * The CloudWatch and SNS resource types: what they declare beside the
 * network, their Ref and Fn::GetAtt values, and the templates CloudFormation
 * (or the service behind it) would refuse.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertScenarioError, buildYaml } from '../../../../test/fixtures/scenarios/helpers.ts';
import { monitoringOf } from '../../model/monitoring.ts';

const SSH = '[version, account, eni, source, destination, srcport, destport="22", protocol="6", packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]';
const RULE = '{"Schema":{"Name":"CloudWatchLogRule","Version":1},"LogGroupNames":["flow-logs"],"LogFormat":"CLF","Fields":{"4":"srcaddr","10":"bytes"},"Contribution":{"Keys":["srcaddr"],"ValueOf":"bytes"},"AggregateOn":"Sum"}';

const template = (over: { pattern?: string; filterExtra?: string; alarmExtra?: string; rule?: string } = {}) => `Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: flow-logs }
  Filter:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: !Ref Logs
      FilterPattern: '${over.pattern ?? SSH}'
      MetricTransformations:
        - { MetricName: RejectedSSH, MetricNamespace: VPCFlowLogs, MetricValue: 1${over.filterExtra ?? ''} }
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
      Subscription: [{ Protocol: email, Endpoint: ops@example.com }]
  Hook:
    Type: AWS::SNS::Subscription
    Properties: { TopicArn: !Ref Alerts, Protocol: https, Endpoint: https://hooks.example.com/sns, RawMessageDelivery: true }
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: ssh
      MetricName: RejectedSSH
      Namespace: VPCFlowLogs
      Statistic: Sum
      Period: 3600
      EvaluationPeriods: 1
      Threshold: 10
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [!Ref Alerts]${over.alarmExtra ?? ''}
  Rule:
    Type: AWS::CloudWatch::InsightRule
    Properties: { RuleName: talkers, RuleState: ENABLED, RuleBody: '${over.rule ?? RULE}' }
Outputs:
  AlarmArn: { Value: !GetAtt Alarm.Arn }
  AlarmRef: { Value: !Ref Alarm }
  TopicRef: { Value: !Ref Alerts }
  TopicName: { Value: !GetAtt Alerts.TopicName }
  FilterRef: { Value: !Ref Filter }
  RuleArn: { Value: !GetAtt Rule.Arn }
  HookRef: { Value: !Ref Hook }
`;

test('the declarations sit beside the network, with AWS\'s defaults', () => {
  const built = buildYaml(template());
  assert.deepEqual(built.ignored, []);
  const m = monitoringOf(built.net);
  assert.equal(m.metricFilters.length, 1);
  assert.deepEqual(m.metricFilters[0]!.transformation, { metricName: 'RejectedSSH', namespace: 'VPCFlowLogs', metricValue: '1', defaultValue: undefined, unit: undefined, dimensions: [] });
  assert.equal(m.metricFilters[0]!.logGroupName, 'flow-logs');
  const a = m.alarms.get('ssh')!;
  assert.equal(a.datapointsToAlarm, 1, 'DatapointsToAlarm defaults to EvaluationPeriods');
  assert.equal(a.treatMissingData, 'missing');
  assert.equal(a.actionsEnabled, true);
  assert.equal(a.threshold, 10);
  assert.equal(a.createdAt, Date.UTC(2026, 0, 1));
  assert.deepEqual(a.alarmActions, ['arn:aws:sns:us-east-1:123456789012:alerts']);
  assert.deepEqual(m.subscriptions.map((s) => [s.protocol, s.endpoint, s.rawMessageDelivery]), [['email', 'ops@example.com', false], ['https', 'https://hooks.example.com/sns', true]]);
  assert.match(m.subscriptions[0]!.arn, /^arn:aws:sns:us-east-1:123456789012:alerts:[0-9a-f-]{36}$/);
  assert.equal(m.insightRules.get('talkers')!.state, 'ENABLED');
});

test('Ref and Fn::GetAtt values', () => {
  const built = buildYaml(template());
  const o = built.outputs;
  assert.equal(o.AlarmArn, 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ssh');
  assert.equal(o.AlarmRef, 'ssh');
  assert.equal(o.TopicRef, 'arn:aws:sns:us-east-1:123456789012:alerts');
  assert.equal(o.TopicName, 'alerts');
  assert.match(String(o.FilterRef), /^test-Filter-[A-Z0-9]{12}$/);
  assert.equal(o.RuleArn, 'arn:aws:cloudwatch:us-east-1:123456789012:insight-rule/talkers');
  assert.equal(o.HookRef, monitoringOf(built.net).subscriptions[1]!.arn);
});

test('a filter pattern CloudWatch Logs would refuse names its column', () => {
  assertScenarioError(() => buildYaml(template({ pattern: '[version, account eni]' })), {
    file: 'net.cfn.yaml', place: 'Resources.Filter.Properties.FilterPattern',
    expected: /^a filter pattern CloudWatch Logs accepts \(at column 19: "," between fields or "\]" at the end\)$/, found: /^"eni"$/,
  });
});

test('MetricValue and dimensions must name fields the pattern extracts; no DefaultValue with dimensions', () => {
  assertScenarioError(() => buildYaml(template({ filterExtra: ', MetricValue: $bites' }).replace('MetricValue: 1, MetricValue', 'MetricValue')), {
    file: 'net.cfn.yaml', place: 'Resources.Filter.Properties.MetricTransformations[0].MetricValue', expected: /\$field named in the space-delimited pattern/, found: /"\$bites"/,
  });
  assertScenarioError(() => buildYaml(template({ filterExtra: ', Dimensions: [{ Key: Src, Value: $src }]' })), {
    file: 'net.cfn.yaml', place: 'Resources.Filter.Properties.MetricTransformations[0].Dimensions[0].Value', expected: /the pattern extracts/, found: /"\$src"/,
  });
  assertScenarioError(() => buildYaml(template({ filterExtra: ', DefaultValue: 0, Dimensions: [{ Key: Src, Value: $source }]' })), {
    file: 'net.cfn.yaml', place: 'Resources.Filter.Properties.MetricTransformations[0].DefaultValue', expected: /no DefaultValue on a metric with dimensions/, found: /0/,
  });
  assertScenarioError(() => buildYaml(template({ filterExtra: ', Unit: Furlongs' })), {
    file: 'net.cfn.yaml', place: 'Resources.Filter.Properties.MetricTransformations[0].Unit', expected: /one of Seconds/, found: /"Furlongs"/,
  });
});

test('a metric filter on a log group the stack does not create is refused', () => {
  assertScenarioError(() => buildYaml(template().replace('LogGroupName: !Ref Logs', 'LogGroupName: nowhere')), {
    file: 'net.cfn.yaml', place: 'Resources.Filter.Properties.LogGroupName', expected: /a log group created before this filter/, found: /"nowhere"/,
  });
});

test('alarm properties PutMetricAlarm would refuse', () => {
  const cases: [string, string, RegExp][] = [
    ['\n      Period: 90', 'Resources.Alarm.Properties.Period', /10, 20, 30 or a multiple of 60/],
    ['\n      DatapointsToAlarm: 2', 'Resources.Alarm.Properties.DatapointsToAlarm', /1 to EvaluationPeriods \(1\)/],
    ['\n      TreatMissingData: sometimes', 'Resources.Alarm.Properties.TreatMissingData', /one of breaching, notBreaching, ignore, missing/],
    ['\n      ExtendedStatistic: p99', 'Resources.Alarm.Properties.Statistic', /exactly one of Statistic and ExtendedStatistic/],
  ];
  for (const [extra, place, expected] of cases) {
    const text = template({ alarmExtra: extra }).replace(/\n {6}Period: 3600/, extra.includes('Period:') ? '' : '\n      Period: 3600');
    assertScenarioError(() => buildYaml(text), { file: 'net.cfn.yaml', place, expected, found: /./ });
  }
  assertScenarioError(() => buildYaml(template().replace('EvaluationPeriods: 1', 'EvaluationPeriods: 25')), {
    file: 'net.cfn.yaml', place: 'Resources.Alarm.Properties.EvaluationPeriods', expected: /at most one day/, found: /25 × 3600/,
  });
});

test('an alarm on metric math is accepted, not evaluated, and the run says so', () => {
  const built = buildYaml(template({ alarmExtra: '\n      Metrics: [{ Id: m1, Expression: "1" }]' }));
  assert.equal(monitoringOf(built.net).alarms.size, 0);
  assert.ok(built.warnings.some((w) => /Resources\.Alarm: alarms on metric math/.test(w)), built.warnings.join('\n'));
});

test('SNS: bad protocols and endpoints, a subscription to a topic not created, protocols vpcflow does not deliver', () => {
  assertScenarioError(() => buildYaml(template().replace('Protocol: email, Endpoint: ops@example.com', 'Protocol: pigeon, Endpoint: roof')), {
    file: 'net.cfn.yaml', place: 'Resources.Alerts.Properties.Subscription[0].Protocol', expected: /one of http, https, email/, found: /"pigeon"/,
  });
  assertScenarioError(() => buildYaml(template().replace('Endpoint: https://hooks.example.com/sns', 'Endpoint: hooks.example.com')), {
    file: 'net.cfn.yaml', place: 'Resources.Hook.Properties.Endpoint', expected: /a URL starting with https:\/\//, found: /"hooks\.example\.com"/,
  });
  assertScenarioError(() => buildYaml(template().replace('TopicArn: !Ref Alerts', 'TopicArn: arn:aws:sns:us-east-1:123456789012:other')), {
    file: 'net.cfn.yaml', place: 'Resources.Hook.Properties.TopicArn', expected: /the ARN of a topic created before/, found: /other/,
  });
  const built = buildYaml(template().replace('Protocol: https, Endpoint: https://hooks.example.com/sns', 'Protocol: sqs, Endpoint: arn:aws:sqs:us-east-1:123456789012:q'));
  assert.ok(built.warnings.some((w) => /sqs subscriptions are not delivered by vpcflow/.test(w)));
});

test('an insight rule body CloudWatch would refuse names the place in the rule', () => {
  assertScenarioError(() => buildYaml(template({ rule: RULE.replace('"AggregateOn":"Sum"', '"AggregateOn":"Max"') })), {
    file: 'net.cfn.yaml', place: 'Resources.Rule.Properties.RuleBody', expected: /a Contributor Insights rule body \(at AggregateOn: Count or Sum\)/, found: /"Max"/,
  });
});
