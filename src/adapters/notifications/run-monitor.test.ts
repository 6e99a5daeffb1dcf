/**
 * The observer `vpcflow run` feeds: records delivered to CloudWatch Logs
 * become ingested events, alarms fire over the clock, notifications are
 * POSTed to a loopback subscriber while the run goes on, a failing
 * subscriber is recorded and does not stop it, and the files are written.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NETWORK, buildYaml } from '../../../test/fixtures/scenarios/helpers.ts';
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import { createRunMonitor } from './run-monitor.ts';

const T0 = Date.UTC(2026, 0, 1) / 1000;

const template = (endpoints: string[]) => `Resources:${NETWORK}
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /vpc/flow-logs }
  Flow:
    Type: AWS::EC2::FlowLog
    Properties: { ResourceType: VPC, ResourceId: !Ref Vpc, TrafficType: ALL, LogGroupName: !Ref Logs, DeliverLogsPermissionArn: arn:aws:iam::123456789012:role/fl }
  Filter:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: !Ref Logs
      FilterPattern: '[version, account, eni, source, destination, srcport, destport="22", protocol="6", packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]'
      MetricTransformations: [{ MetricName: RejectedSSH, MetricNamespace: VPCFlowLogs, MetricValue: "1" }]
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
      Subscription:
${endpoints.map((e) => `        - { Protocol: ${e.startsWith('http') ? 'http' : 'email'}, Endpoint: '${e}' }`).join('\n')}
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: ssh
      Namespace: VPCFlowLogs
      MetricName: RejectedSSH
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 2
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref Topic]
      OKActions: [!Ref Topic]
`;

function records(net: ReturnType<typeof buildYaml>['net'], at: number, n: number): EmittedRecord[] {
  const flowLog = [...net.flowLogs.values()][0]!;
  return Array.from({ length: n }, (_, i) => ({
    flowLog, eniId: 'eni-0123456789abcdef0', start: at, end: at + 10, windowEndMs: (at + 10) * 1000, values: [], status: 'OK' as const, action: 'REJECT' as const,
    line: `2 123456789012 eni-0123456789abcdef0 203.0.113.9 10.0.0.10 ${40000 + i} 22 6 1 60 ${at} ${at + 10} REJECT OK`,
  }));
}

test('an alarm fires during the run; its notification is POSTed, emailed, and a dead subscriber is only recorded', async () => {
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  const srv = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { seen.push({ headers: req.headers, body }); res.writeHead(200).end(); });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'vpcflow-monitor-'));
  try {
    const built = buildYaml(template([`http://127.0.0.1:${port}/hook`, 'ops@example.com', 'http://127.0.0.1:9/closed']));
    const mon = createRunMonitor({ net: built.net, dir, account: '123456789012', region: 'us-east-1', seed: 1, start: T0, ingestionDelayMs: 5000 });
    for (const r of records(built.net, T0 + 5, 3)) mon.record(r);
    mon.advanceTo(T0 + 600);
    await mon.finish(T0 + 600);

    // ALARM at 00:01, OK at 00:04 once the datapoint left the 3-minute evaluation range: two publications.
    assert.equal(seen.length, 2);
    const body = JSON.parse(seen[0]!.body);
    assert.equal(body.Type, 'Notification');
    assert.equal(body.TopicArn, 'arn:aws:sns:us-east-1:123456789012:alerts');
    assert.equal(body.Subject, 'ALARM: "ssh" in US East (N. Virginia)');
    assert.equal(JSON.parse(body.Message).NewStateValue, 'ALARM');
    assert.equal(seen[0]!.headers['x-amz-sns-message-type'], 'Notification');
    assert.equal(seen[0]!.headers['x-amz-sns-message-id'], body.MessageId);
    assert.equal(JSON.parse(JSON.parse(seen[1]!.body).Message).NewStateValue, 'OK');

    const notes = readFileSync(join(dir, 'notifications.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(notes.map((n) => [n.Timestamp, n.Protocol, n.Delivery.Status]), [
      ['2026-01-01T00:01:00.000Z', 'http', 'delivered'], ['2026-01-01T00:01:00.000Z', 'email', 'written'], ['2026-01-01T00:01:00.000Z', 'http', 'failed'],
      ['2026-01-01T00:04:00.000Z', 'http', 'delivered'], ['2026-01-01T00:04:00.000Z', 'email', 'written'], ['2026-01-01T00:04:00.000Z', 'http', 'failed'],
    ]);
    assert.match(notes[2].Delivery.Error, /ECONNREFUSED/);
    assert.match(notes[1].Body, /^You are receiving this email because your Amazon CloudWatch Alarm "ssh"/);

    const metrics = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(metrics.map((d) => [d.Timestamp, d.StatisticValues.Sum]), [['2026-01-01T00:00:00Z', 3]]);
    const history = readFileSync(join(dir, 'alarms.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(history.map((h) => `${h.Timestamp} ${h.HistoryItemType} ${h.HistorySummary}`), [
      '2026-01-01T00:00:00.000+0000 ConfigurationUpdate Alarm "ssh" created',
      '2026-01-01T00:01:00.000+0000 StateUpdate Alarm updated from INSUFFICIENT_DATA to ALARM',
      '2026-01-01T00:01:00.000+0000 Action Successfully executed action arn:aws:sns:us-east-1:123456789012:alerts',
      '2026-01-01T00:04:00.000+0000 StateUpdate Alarm updated from ALARM to OK',
      '2026-01-01T00:04:00.000+0000 Action Successfully executed action arn:aws:sns:us-east-1:123456789012:alerts',
    ]);
  } finally {
    srv.closeAllConnections();
    srv.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('POSTs are bounded in number: later ones are recorded as skipped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpcflow-monitor-'));
  try {
    const built = buildYaml(template(['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b']));
    const posted: string[] = [];
    const mon = createRunMonitor({
      net: built.net, dir, account: '123456789012', region: 'us-east-1', seed: 1, start: T0, ingestionDelayMs: 1000, maxPosts: 3,
      post: async (url) => { posted.push(url); return { Status: 'delivered', HttpStatus: 200, Attempts: 1 }; },
    });
    for (const r of records(built.net, T0 + 5, 3)) mon.record(r);
    await mon.finish(T0 + 600);
    assert.deepEqual(posted, ['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b', 'http://127.0.0.1:9/a']);
    const notes = readFileSync(join(dir, 'notifications.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(notes.map((n) => n.Delivery.Status), ['delivered', 'delivered', 'delivered', 'skipped']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stack without CloudWatch or SNS resources: nothing is written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpcflow-monitor-'));
  try {
    const built = buildYaml(`Resources:${NETWORK}`);
    const mon = createRunMonitor({ net: built.net, dir, account: '123456789012', region: 'us-east-1', seed: 1, start: T0 });
    mon.advanceTo(T0 + 600);
    await mon.finish(T0 + 600);
    for (const f of ['metrics.jsonl', 'alarms.jsonl', 'notifications.jsonl', 'insight-rules.json']) assert.equal(existsSync(join(dir, f)), false, f);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
