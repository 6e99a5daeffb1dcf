import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogStreamCommand, DescribeLogStreamsCommand, PutLogEventsCommand,
  paginateDescribeLogStreams,
} from '@aws-sdk/client-cloudwatch-logs';
import { expectAwsError } from '../support/errors.ts';
import { type LogsServer, startLogsServer } from './support.ts';

let t: LogsServer;
before(async () => {
  t = await startLogsServer();
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
});
after(async () => { await t.close(); });

test('CreateLogStream then DescribeLogStreams shows it, with event times once it has events', async () => {
  await t.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'web/1' }));
  let s = (await t.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'app', logStreamNamePrefix: 'web/' }))).logStreams!;
  assert.equal(s.length, 1);
  assert.equal(s[0]!.logStreamName, 'web/1');
  assert.equal(s[0]!.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:web/1');
  assert.equal(s[0]!.firstEventTimestamp, undefined);
  const now = Date.now();
  await t.logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 'web/1', logEvents: [{ timestamp: now - 1000, message: 'a' }, { timestamp: now, message: 'b' }] }));
  s = (await t.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'app', logStreamNamePrefix: 'web/' }))).logStreams!;
  assert.equal(s[0]!.firstEventTimestamp, now - 1000);
  assert.equal(s[0]!.lastEventTimestamp, now);
  assert.ok(s[0]!.lastIngestionTime! >= now - 5000);
  assert.equal(s[0]!.storedBytes, 0);
});

test('CreateLogStream error: an existing stream is ResourceAlreadyExistsException, a missing group ResourceNotFoundException', async () => {
  await t.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'dup' }));
  await expectAwsError(t.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'dup' })), 'ResourceAlreadyExistsException');
  await expectAwsError(t.logs.send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 's' })), 'ResourceNotFoundException');
  await expectAwsError(t.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'a:b' })), 'InvalidParameterException');
});

test('DeleteLogStream removes it; again is ResourceNotFoundException', async () => {
  await t.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'tmp' }));
  await t.logs.send(new DeleteLogStreamCommand({ logGroupName: 'app', logStreamName: 'tmp' }));
  await expectAwsError(t.logs.send(new DeleteLogStreamCommand({ logGroupName: 'app', logStreamName: 'tmp' })), 'ResourceNotFoundException');
});

test('DescribeLogStreams orders by name or last event time, descending, and pages', async () => {
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: 'order' }));
  const now = Date.now();
  const names = ['c', 'a', 'e', 'b', 'd'];
  for (const [i, n] of names.entries()) {
    await t.logs.send(new CreateLogStreamCommand({ logGroupName: 'order', logStreamName: n }));
    await t.logs.send(new PutLogEventsCommand({ logGroupName: 'order', logStreamName: n, logEvents: [{ timestamp: now - 10_000 + i, message: n }] }));
  }
  const list = async (input: Record<string, unknown>): Promise<string[]> => {
    const out: string[] = [];
    for await (const p of paginateDescribeLogStreams({ client: t.logs, pageSize: 2 }, { logGroupName: 'order', ...input })) out.push(...p.logStreams!.map((s) => s.logStreamName!));
    return out;
  };
  assert.deepEqual(await list({}), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(await list({ descending: true }), ['e', 'd', 'c', 'b', 'a']);
  assert.deepEqual(await list({ orderBy: 'LastEventTime' }), names);
  assert.deepEqual(await list({ orderBy: 'LastEventTime', descending: true }), [...names].reverse());
  await expectAwsError(t.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'order', orderBy: 'LastEventTime', logStreamNamePrefix: 'a' })), 'InvalidParameterException');
  await expectAwsError(t.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'missing' })), 'ResourceNotFoundException');
  const byArn = await t.logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:order' }));
  assert.equal(byArn.logStreams?.length, 5);
});
