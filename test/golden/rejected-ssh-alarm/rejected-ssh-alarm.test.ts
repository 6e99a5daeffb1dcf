/**
 * The rejected-SSH alarm of the VPC User Guide, as examples/rejected-ssh-alarm
 * declares it: `vpcflow run`, then `alarms`, `metrics` and `top` on its output,
 * compared with the golden files beside this test; the alarm goes to ALARM and
 * the email notification is written. Also the same run with an http
 * subscriber on a loopback server, and the commands' bad input (exit 2).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cli } from '../../support/cli.ts';
import { assertGolden } from '../../support/golden.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';

const SCENARIO = 'examples/rejected-ssh-alarm/scenario.yaml';
let dir = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpcflow-ssh-alarm-'));
  const r = await cli('run', SCENARIO, '--out', join(dir, 'out'), '--no-progress');
  assert.equal(r.code, 0, r.err);
});

after(() => rmSync(dir, { recursive: true, force: true }));

const out = () => join(dir, 'out');

test('vpcflow alarms: INSUFFICIENT_DATA, OK with the first rejected SSH, ALARM once ten or more within the hour have arrived', async () => {
  const r = await cli('alarms', out());
  assert.equal(r.code, 0, r.err);
  assertGolden('rejected-ssh-alarm/alarms.txt', r.out);
  const j = JSON.parse((await cli('alarms', out(), '--json')).out);
  assert.equal(j.MetricAlarms.length, 1);
  assert.equal(j.MetricAlarms[0].AlarmName, 'rejected-ssh');
  assert.equal(j.MetricAlarms[0].AlarmArn, 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:rejected-ssh');
  assert.equal(j.MetricAlarms[0].StateValue, 'ALARM');
  assert.deepEqual(j.AlarmHistoryItems.map((h: { HistoryItemType: string }) => h.HistoryItemType), ['ConfigurationUpdate', 'StateUpdate', 'StateUpdate', 'Action']);
});

test('the email notification is written to notifications.jsonl', () => {
  const notes = readFileSync(join(out(), 'notifications.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(notes.length, 1);
  assert.equal(notes[0].Protocol, 'email');
  assert.equal(notes[0].Endpoint, 'ops@example.com');
  assert.equal(notes[0].Subject, 'ALARM: "rejected-ssh" in US East (N. Virginia)');
  assertGolden('rejected-ssh-alarm/email.txt', notes[0].Body);
});

test('vpcflow metrics: one datapoint per minute with rejected SSH', async () => {
  const r = await cli('metrics', out());
  assert.equal(r.code, 0, r.err);
  assertGolden('rejected-ssh-alarm/metrics.txt', r.out);
  const j = JSON.parse((await cli('metrics', out(), '--json')).out);
  assert.equal(j.reduce((s: number, d: { StatisticValues: { Sum: number } }) => s + d.StatisticValues.Sum, 0), 15);
});

test('vpcflow metrics --pattern tries a pattern on the run\'s events', async () => {
  const r = await cli('metrics', out(), '--pattern', '[version, account, eni, source, destination, srcport, destport, protocol, packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]', '--value', '$bytes', '--json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.Matches, 15);
  assert.equal(j.Datapoints.reduce((s: number, d: { StatisticValues: { Sum: number } }) => s + d.StatisticValues.Sum, 0), 15 * 60);
});

test('vpcflow top: the example\'s rule (AWS\'s "rejected TCP") per 5 minutes, and AWS\'s first example from a file', async () => {
  const r = await cli('top', out());
  assert.equal(r.code, 0, r.err);
  assertGolden('rejected-ssh-alarm/top.txt', r.out);
  const rule = join(dir, 'bytes.json');
  writeFileSync(rule, JSON.stringify({
    Schema: { Name: 'CloudWatchLogRule', Version: 1 }, LogGroupNames: ['/vpc/*'], LogFormat: 'CLF',
    Fields: { 4: 'srcaddr', 5: 'dstaddr', 10: 'bytes' }, Contribution: { Keys: ['srcaddr', 'dstaddr'], ValueOf: 'bytes', Filters: [] }, AggregateOn: 'Sum',
  }));
  const j = JSON.parse((await cli('top', out(), '--rule', rule, '--period', '30m', '--json')).out);
  assert.deepEqual(j.KeyLabels, ['srcaddr', 'dstaddr']);
  assert.equal(j.Periods.length, 1);
  assert.deepEqual(j.Contributors[0].Keys, ['10.0.1.10', '192.0.2.10']);
});

test('metrics, alarms and top answer --help', async () => {
  for (const cmd of ['metrics', 'alarms', 'top']) {
    const r = await cli(cmd, '--help');
    assert.equal(r.code, 0, cmd);
    assert.match(r.out, new RegExp(`Usage: vpcflow ${cmd}`));
  }
});

test('bad input: an invalid pattern names its column; a bad rule or folder exits 2', async () => {
  const cases: [string[], RegExp][] = [
    [['metrics', out(), '--pattern', '[version, account eni]'], /^vpcflow: --pattern: invalid filter pattern at column 19: expected "," between fields or "\]" at the end, found "eni"\n$/],
    [['metrics', out(), '--pattern', '[a, b]', '--value', '$c'], /--value: expected a number or a field the pattern extracts/],
    [['metrics', join(dir, 'nowhere')], /nowhere: no such folder/],
    [['top', out(), '--rule', 'no-such-rule'], /--rule: "no-such-rule" is neither a rule body file nor a rule of the run \(rejected-tcp\)/],
    [['top', out(), '--period', 'soon'], /--period: expected a whole number of seconds/],
    [['alarms', out(), '--name', 'nope'], /--name: no alarm "nope" in .* \(rejected-ssh\)/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, re);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
  const badRule = join(dir, 'bad.json');
  writeFileSync(badRule, '{"Schema":{"Name":"CloudWatchLogRule","Version":1},"LogGroupNames":["x"],"LogFormat":"CLF","Contribution":{"Keys":[]},"AggregateOn":"Count"}');
  const r = await cli('top', out(), '--rule', badRule);
  assert.equal(r.code, 2);
  assert.match(r.err, /bad\.json: Contribution\.Keys: expected a list of 1 to 4 fields, found \[\]/);
});

test('an invalid FilterPattern in the template stops vpcflow run with its column (exit 2, nothing written)', async () => {
  const template = readFileSync(join(REPO_ROOT, 'examples/rejected-ssh-alarm/rejected-ssh.cfn.yaml'), 'utf8').replace('protocol="6", packets', 'protocol="6" packets');
  writeFileSync(join(dir, 'bad.cfn.yaml'), template);
  writeFileSync(join(dir, 'bad.yaml'), readFileSync(join(REPO_ROOT, SCENARIO), 'utf8').replace('./rejected-ssh.cfn.yaml', './bad.cfn.yaml'));
  const r = await cli('run', join(dir, 'bad.yaml'), '--out', join(dir, 'bad-out'), '--no-progress');
  assert.equal(r.code, 2);
  assert.match(r.err, /bad\.cfn\.yaml:\d+:\d+: Resources\.RejectedSSHFilter\.Properties\.FilterPattern: expected a filter pattern CloudWatch Logs accepts \(at column 83: "," between fields or "\]" at the end\), found "packets"/);
  assert.equal(existsSync(join(dir, 'bad-out')), false);
});

test('with a webhook, SNS POSTs the notification to it during the run', async () => {
  const bodies: { headers: Record<string, unknown>; body: string }[] = [];
  const srv = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { bodies.push({ headers: req.headers, body }); res.writeHead(200).end(); });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/alerts`;
    const scenario = readFileSync(join(REPO_ROOT, SCENARIO), 'utf8')
      .replace('template: ./rejected-ssh.cfn.yaml', `template: ${join(REPO_ROOT, 'examples/rejected-ssh-alarm/rejected-ssh.cfn.yaml')}\nparameters: { WebhookUrl: "${url}" }`);
    writeFileSync(join(dir, 'webhook.yaml'), scenario);
    const r = await cli('run', join(dir, 'webhook.yaml'), '--out', join(dir, 'webhook-out'), '--no-progress');
    assert.equal(r.code, 0, r.err);
    assert.equal(bodies.length, 1);
    assert.equal(bodies[0]!.headers['x-amz-sns-message-type'], 'Notification');
    const envelope = JSON.parse(bodies[0]!.body);
    assert.equal(envelope.Type, 'Notification');
    assert.equal(envelope.Subject, 'ALARM: "rejected-ssh" in US East (N. Virginia)');
    const message = JSON.parse(envelope.Message);
    assert.equal(message.AlarmName, 'rejected-ssh');
    assert.equal(message.NewStateValue, 'ALARM');
    assert.equal(message.OldStateValue, 'OK');
    assert.equal(message.StateChangeTime, '2026-01-01T00:15:00.000+0000');
    assert.deepEqual(message.Trigger.MetricName, 'RejectedSSH');
    const notes = readFileSync(join(dir, 'webhook-out', 'notifications.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(notes.map((n) => [n.Protocol, n.Delivery.Status]), [['email', 'written'], ['http', 'delivered']]);
  } finally {
    srv.closeAllConnections();
    srv.close();
  }
});
