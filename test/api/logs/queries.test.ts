import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeQueriesCommand, GetQueryResultsCommand, StartQueryCommand, StopQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { expectAwsError } from '../support/errors.ts';
import { flowLine } from './flow-lines.ts';
import { type LogsServer, startLogsServerWith } from './support.ts';

let t: LogsServer;
const BASE = Math.floor(Date.now() / 1000) - 3600;

before(async () => {
  const flows = [
    { src: '198.51.100.1', dst: '10.0.1.5', bytes: 5000, action: 'REJECT' as const },
    { src: '198.51.100.1', dst: '10.0.1.5', bytes: 3000, action: 'REJECT' as const },
    { src: '198.51.100.2', dst: '10.0.1.6', bytes: 9000, action: 'ACCEPT' as const },
    { src: '198.51.100.3', dst: '10.0.1.5', bytes: 100, action: 'REJECT' as const },
  ];
  const logEvents = flows.map((f, i) => ({ timestamp: (BASE + i * 60) * 1000, message: flowLine({ ...f, sport: 40000, dport: 22, proto: 6 }, BASE + i * 60) }));
  t = await startLogsServerWith('/vpc/flow', { 'eni-aaa-all': logEvents });
});
after(async () => { await t.close(); });

const window = () => ({ startTime: BASE - 60, endTime: BASE + 3600 });

test('StartQuery runs an AWS sample flow log query; GetQueryResults reports it Complete with statistics', async () => {
  const { queryId } = await t.logs.send(new StartQueryCommand({
    logGroupName: '/vpc/flow', ...window(),
    queryString: 'filter action="REJECT" | stats count(*) as numRejections by srcAddr | sort numRejections desc | limit 20',
  }));
  assert.ok(queryId);
  const r = await t.logs.send(new GetQueryResultsCommand({ queryId }));
  assert.equal(r.status, 'Complete');
  const rows = r.results!.map((row) => Object.fromEntries(row.map((c) => [c.field, c.value])));
  assert.deepEqual(rows, [{ srcAddr: '198.51.100.1', numRejections: '2' }, { srcAddr: '198.51.100.3', numRejections: '1' }]);
  assert.equal(r.statistics!.recordsScanned, 4);
  assert.equal(r.statistics!.recordsMatched, 3);
  const top = await t.logs.send(new StartQueryCommand({
    logGroupNames: ['/vpc/flow'], ...window(),
    queryString: 'stats sum(bytes) as bytesTransferred by srcAddr, dstAddr | sort bytesTransferred desc | limit 10',
  }));
  const tr = await t.logs.send(new GetQueryResultsCommand({ queryId: top.queryId }));
  assert.deepEqual(tr.results![0]!.map((c) => [c.field, c.value]), [['srcAddr', '198.51.100.2'], ['dstAddr', '10.0.1.6'], ['bytesTransferred', '9000']]);
  const listed = await t.logs.send(new DescribeQueriesCommand({ logGroupName: '/vpc/flow' }));
  assert.ok(listed.queries!.some((q) => q.queryId === queryId && q.status === 'Complete'));
});

test('StartQuery reads only the time range asked for', async () => {
  const { queryId } = await t.logs.send(new StartQueryCommand({
    logGroupName: '/vpc/flow', startTime: BASE + 60, endTime: BASE + 120, queryString: 'fields @timestamp, @message | sort @timestamp asc',
  }));
  const r = await t.logs.send(new GetQueryResultsCommand({ queryId }));
  assert.equal(r.results!.length, 2);
});

test('StartQuery error: a malformed query is MalformedQueryException with its location; a missing group ResourceNotFoundException', async () => {
  const err = await expectAwsError(t.logs.send(new StartQueryCommand({ logGroupName: '/vpc/flow', ...window(), queryString: 'stats count(* by srcAddr' })), 'MalformedQueryException');
  const loc = (err as unknown as { queryCompileError?: { location?: { startCharOffset?: number } } }).queryCompileError?.location;
  assert.equal(typeof loc?.startCharOffset, 'number');
  await expectAwsError(t.logs.send(new StartQueryCommand({ logGroupName: '/vpc/none', ...window(), queryString: 'fields @message' })), 'ResourceNotFoundException');
  await expectAwsError(t.logs.send(new StartQueryCommand({ logGroupName: '/vpc/flow', startTime: 10, endTime: 5, queryString: 'fields @message' })), 'InvalidParameterException');
});

test('GetQueryResults error: an unknown query is ResourceNotFoundException', async () => {
  await expectAwsError(t.logs.send(new GetQueryResultsCommand({ queryId: 'no-such-query' })), 'ResourceNotFoundException');
});

test('StopQuery on a finished query answers success false; an unknown one is StopQuery error: ResourceNotFoundException', async () => {
  const { queryId } = await t.logs.send(new StartQueryCommand({ logGroupName: '/vpc/flow', ...window(), queryString: 'fields @message | limit 1' }));
  const r = await t.logs.send(new StopQueryCommand({ queryId }));
  assert.equal(r.success, false);
  await expectAwsError(t.logs.send(new StopQueryCommand({ queryId: 'no-such-query' })), 'ResourceNotFoundException');
});

test('DescribeQueries error: an unknown status is InvalidParameterException', async () => {
  await expectAwsError(t.logs.send(new DescribeQueriesCommand({ status: 'Sleeping' as never })), 'InvalidParameterException');
});
