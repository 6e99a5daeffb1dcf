/** The same journey through Debian's AWS CLI v2 (`/usr/bin/aws logs …`), with dummy credentials. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { awsCli, awsJson, requireAwsCli } from '../support/aws-cli.ts';
import { REJECTED_SSH, flowLine } from './flow-lines.ts';
import { type LogsServer, startLogsServer } from './support.ts';

let t: LogsServer;
before(async () => {
  requireAwsCli();
  t = await startLogsServer();
});
after(async () => { await t.close(); });

test('aws logs: create a group and stream, put flow log events, read them with get-log-events, filter-log-events and an Insights query', { timeout: 120_000 }, async () => {
  const url = t.server.url;
  const base = Math.floor(Date.now() / 1000) - 600;
  await awsJson(url, ['logs', 'create-log-group', '--log-group-name', '/vpc/flow-logs']);
  await awsJson(url, ['logs', 'create-log-stream', '--log-group-name', '/vpc/flow-logs', '--log-stream-name', 'eni-0abc-all']);
  const events = [
    { timestamp: base * 1000, message: flowLine({ src: '203.0.113.9', dst: '10.0.1.5', sport: 50000, dport: 22, proto: 6, bytes: 60, action: 'REJECT' }, base) },
    { timestamp: (base + 60) * 1000, message: flowLine({ src: '10.0.1.5', dst: '10.0.2.7', sport: 443, dport: 50001, proto: 6, bytes: 900, action: 'ACCEPT' }, base + 60) },
  ];
  const put = await awsJson<{ nextSequenceToken?: string }>(url, ['logs', 'put-log-events', '--log-group-name', '/vpc/flow-logs', '--log-stream-name', 'eni-0abc-all', '--log-events', JSON.stringify(events)]);
  assert.ok(put.nextSequenceToken);
  const groups = await awsJson<{ logGroups: { logGroupName: string; arn: string }[] }>(url, ['logs', 'describe-log-groups', '--log-group-name-prefix', '/vpc']);
  assert.deepEqual(groups.logGroups.map((g) => g.logGroupName), ['/vpc/flow-logs']);
  const got = await awsJson<{ events: { message: string }[]; nextForwardToken: string }>(url, ['logs', 'get-log-events', '--log-group-name', '/vpc/flow-logs', '--log-stream-name', 'eni-0abc-all', '--start-from-head']);
  assert.deepEqual(got.events.map((e) => e.message), events.map((e) => e.message));
  const filtered = await awsJson<{ events: { message: string }[] }>(url, ['logs', 'filter-log-events', '--log-group-name', '/vpc/flow-logs', '--filter-pattern', REJECTED_SSH]);
  assert.deepEqual(filtered.events.map((e) => e.message), [events[0]!.message]);
  const q = await awsJson<{ queryId: string }>(url, ['logs', 'start-query', '--log-group-name', '/vpc/flow-logs', '--start-time', String(base - 60), '--end-time', String(base + 600), '--query-string', 'filter action="REJECT" | stats count(*) as n by srcAddr']);
  const res = await awsJson<{ status: string; results: { field: string; value: string }[][] }>(url, ['logs', 'get-query-results', '--query-id', q.queryId]);
  assert.equal(res.status, 'Complete');
  assert.deepEqual(res.results, [[{ field: 'srcAddr', value: '203.0.113.9' }, { field: 'n', value: '1' }]]);
  await awsJson(url, ['logs', 'put-retention-policy', '--log-group-name', '/vpc/flow-logs', '--retention-in-days', '14']);
  const missing = await awsCli(url, ['logs', 'describe-log-streams', '--log-group-name', '/vpc/none']);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /ResourceNotFoundException/);
  await awsJson(url, ['logs', 'delete-log-group', '--log-group-name', '/vpc/flow-logs']);
  const after1 = await awsJson<{ logGroups: unknown[] }>(url, ['logs', 'describe-log-groups']);
  assert.deepEqual(after1.logGroups, []);
});
