import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogGroupsCommand, DescribeLogStreamsCommand, DescribeMetricFiltersCommand,
  GetLogEventsCommand, ListTagsForResourceCommand, PutLogEventsCommand, PutMetricFilterCommand, PutRetentionPolicyCommand, StartQueryCommand,
  GetQueryResultsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { openStore } from '../../../src/adapters/store/store.ts';
import { startLogsServer } from './support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'vpcflow-logs-persist-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));
const NOW = Date.now();
const regionDir = join(dataDir, '123456789012', 'us-east-1');
const streamPath = join(regionDir, 'cloudwatch', '%2Fvpc%2Fflow', 'eni-1-all.jsonl');

test('groups, streams, events, retention, tags and metric filters survive a restart, in vpcflow run\'s layout', async () => {
  const a = await startLogsServer({ dataDir });
  await a.logs.send(new CreateLogGroupCommand({ logGroupName: '/vpc/flow', tags: { k: 'v' } }));
  await a.logs.send(new CreateLogStreamCommand({ logGroupName: '/vpc/flow', logStreamName: 'eni-1-all' }));
  await a.logs.send(new CreateLogStreamCommand({ logGroupName: '/vpc/flow', logStreamName: 'empty' }));
  await a.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/vpc/flow', retentionInDays: 7 }));
  await a.logs.send(new PutMetricFilterCommand({ logGroupName: '/vpc/flow', filterName: 'f', filterPattern: 'REJECT', metricTransformations: [{ metricName: 'm', metricNamespace: 'n', metricValue: '1' }] }));
  await a.logs.send(new PutLogEventsCommand({ logGroupName: '/vpc/flow', logStreamName: 'eni-1-all', logEvents: [{ timestamp: NOW - 2000, message: 'first' }, { timestamp: NOW - 1000, message: 'second "quoted"' }] }));
  const created = (await a.logs.send(new DescribeLogGroupsCommand({}))).logGroups![0]!.creationTime;
  await a.close();

  // The acknowledged events are on disk, one JSON object a line, as vpcflow run writes them.
  const lines = readFileSync(streamPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => Object.keys(l)), [['timestamp', 'ingestionTime', 'message'], ['timestamp', 'ingestionTime', 'message']]);
  assert.deepEqual(lines.map((l) => l.message), ['first', 'second "quoted"']);

  const b = await startLogsServer({ dataDir });
  try {
    const g = (await b.logs.send(new DescribeLogGroupsCommand({}))).logGroups!;
    assert.deepEqual(g.map((x) => [x.logGroupName, x.retentionInDays, x.creationTime, x.metricFilterCount]), [['/vpc/flow', 7, created, 1]]);
    const s = (await b.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/vpc/flow' }))).logStreams!;
    assert.deepEqual(s.map((x) => [x.logStreamName, x.lastEventTimestamp]), [['empty', undefined], ['eni-1-all', NOW - 1000]]);
    const ev = await b.logs.send(new GetLogEventsCommand({ logGroupName: '/vpc/flow', logStreamName: 'eni-1-all', startFromHead: true }));
    assert.deepEqual(ev.events!.map((e) => e.message), ['first', 'second "quoted"']);
    const tags = await b.logs.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc/flow' }));
    assert.deepEqual(tags.tags, { k: 'v' });
    const mf = await b.logs.send(new DescribeMetricFiltersCommand({ logGroupName: '/vpc/flow' }));
    assert.deepEqual(mf.metricFilters!.map((f) => f.filterName), ['f']);
  } finally {
    await b.close();
  }
});

test('a torn last line (a crash in the middle of an append) is ignored and cut off; later appends are whole lines', async () => {
  appendFileSync(streamPath, '{"timestamp":1,"ingestionTime":2,"mess');
  const c = await startLogsServer({ dataDir });
  try {
    const ev = await c.logs.send(new GetLogEventsCommand({ logGroupName: '/vpc/flow', logStreamName: 'eni-1-all', startFromHead: true }));
    assert.deepEqual(ev.events!.map((e) => e.message), ['first', 'second "quoted"']);
    await c.logs.send(new PutLogEventsCommand({ logGroupName: '/vpc/flow', logStreamName: 'eni-1-all', logEvents: [{ timestamp: NOW, message: 'third' }] }));
  } finally {
    await c.close();
  }
  const lines = readFileSync(streamPath, 'utf8').split('\n');
  assert.equal(lines.at(-1), '');
  assert.deepEqual(lines.slice(0, -1).map((l) => (JSON.parse(l) as { message: string }).message), ['first', 'second "quoted"', 'third']);
});

test('the server\'s data folder is a store vpcflow query and insights read; StartQuery reads it too', async () => {
  const store = await openStore(regionDir);
  try {
    const rows = await store.query(`SELECT log_group, log_stream, message FROM log_events ORDER BY "timestamp"`);
    assert.deepEqual(rows.map((r) => [r.log_group, r.log_stream, r.message]), [
      ['/vpc/flow', 'eni-1-all', 'first'], ['/vpc/flow', 'eni-1-all', 'second "quoted"'], ['/vpc/flow', 'eni-1-all', 'third'],
    ]);
  } finally {
    await store.close();
  }
  assert.ok(existsSync(join(regionDir, 'cloudwatch', '%2Fvpc%2Fflow', '.group.json')));
  const d = await startLogsServer({ dataDir });
  try {
    const { queryId } = await d.logs.send(new StartQueryCommand({
      logGroupName: '/vpc/flow', startTime: Math.floor(NOW / 1000) - 60, endTime: Math.floor(NOW / 1000) + 60, queryString: 'stats count(*) as n',
    }));
    const r = await d.logs.send(new GetQueryResultsCommand({ queryId }));
    assert.deepEqual(r.results, [[{ field: 'n', value: '3' }]]);
  } finally {
    await d.close();
  }
});
