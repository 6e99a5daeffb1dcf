import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateLogGroupCommand, CreateLogStreamCommand, GetLogEventsCommand, PutLogEventsCommand, PutRetentionPolicyCommand,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { expectAwsError } from '../support/errors.ts';
import { type LogsServer, startLogsServer } from './support.ts';

let t: LogsServer;
const NOW = Date.now();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function stream(group: string, name: string): Promise<void> {
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: group })).catch(() => undefined);
  await t.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: name }));
}

before(async () => { t = await startLogsServer(); });
after(async () => { await t.close(); });

test('PutLogEvents stores the events; GetLogEvents reads them back with ingestion times', async () => {
  await stream('g', 's');
  const r = await t.logs.send(new PutLogEventsCommand({
    logGroupName: 'g', logStreamName: 's', sequenceToken: 'whatever',
    logEvents: [{ timestamp: NOW - 2000, message: 'one' }, { timestamp: NOW - 1000, message: 'two' }],
  }));
  assert.equal(r.rejectedLogEventsInfo, undefined);
  assert.match(r.nextSequenceToken!, /^\d+$/);
  const got = await t.logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startFromHead: true }));
  assert.deepEqual(got.events!.map((e) => [e.timestamp, e.message]), [[NOW - 2000, 'one'], [NOW - 1000, 'two']]);
  assert.ok(got.events!.every((e) => typeof e.ingestionTime === 'number'));
  assert.match(got.nextForwardToken!, /^f\/\d{56}$/);
  assert.match(got.nextBackwardToken!, /^b\/\d{56}$/);
});

test('PutLogEvents error: a missing stream or group is ResourceNotFoundException', async () => {
  await stream('g2', 's');
  await expectAwsError(t.logs.send(new PutLogEventsCommand({ logGroupName: 'g2', logStreamName: 'nope', logEvents: [{ timestamp: NOW, message: 'x' }] })), 'ResourceNotFoundException', /log stream/);
  await expectAwsError(t.logs.send(new PutLogEventsCommand({ logGroupName: 'nope', logStreamName: 's', logEvents: [{ timestamp: NOW, message: 'x' }] })), 'ResourceNotFoundException', /log group/);
});

test('PutLogEvents error: events out of order, a batch over 24 hours, empty or oversized batches are InvalidParameterException', async () => {
  await stream('rules', 's');
  const put = (logEvents: { timestamp: number; message: string }[]) => t.logs.send(new PutLogEventsCommand({ logGroupName: 'rules', logStreamName: 's', logEvents }));
  await expectAwsError(put([{ timestamp: NOW, message: 'b' }, { timestamp: NOW - 1, message: 'a' }]), 'InvalidParameterException', /chronological/);
  await expectAwsError(put([{ timestamp: NOW - 25 * HOUR, message: 'a' }, { timestamp: NOW, message: 'b' }]), 'InvalidParameterException', /24 hours/);
  await expectAwsError(put([]), 'InvalidParameterException');
  await expectAwsError(put(Array.from({ length: 10_001 }, () => ({ timestamp: NOW, message: 'x' }))), 'InvalidParameterException');
  // 2 × 600,000 bytes: each event is allowed, the batch is over 1,048,576.
  await expectAwsError(put([{ timestamp: NOW, message: 'x'.repeat(600_000) }, { timestamp: NOW, message: 'y'.repeat(600_000) }]), 'InvalidParameterException', /too large/);
  await expectAwsError(put([{ timestamp: NOW, message: '' }]), 'InvalidParameterException');
  const got = await t.logs.send(new GetLogEventsCommand({ logGroupName: 'rules', logStreamName: 's' }));
  assert.deepEqual(got.events, []);
});

test('PutLogEvents rejects events too old, expired or too new, and keeps the others', async () => {
  await stream('old', 's');
  await t.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'old', retentionInDays: 1 }));
  const r = await t.logs.send(new PutLogEventsCommand({
    logGroupName: 'old', logStreamName: 's',
    logEvents: [
      { timestamp: NOW - 15 * DAY, message: 'too old' },
      { timestamp: NOW - 2 * DAY, message: 'expired' },
      { timestamp: NOW - 1000, message: 'kept' },
      { timestamp: NOW + 3 * HOUR, message: 'too new' },
    ],
  }));
  assert.deepEqual(r.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 0, expiredLogEventEndIndex: 1, tooNewLogEventStartIndex: 3 });
  const got = await t.logs.send(new GetLogEventsCommand({ logGroupName: 'old', logStreamName: 's' }));
  assert.deepEqual(got.events!.map((e) => e.message), ['kept']);
});

test('GetLogEvents pages forward and backward, and returns the same token at either end', async () => {
  await stream('pages', 's');
  // Two batches, the second earlier than the first: GetLogEvents reads in timestamp order.
  const base = NOW - HOUR;
  await t.logs.send(new PutLogEventsCommand({ logGroupName: 'pages', logStreamName: 's', logEvents: [5, 6, 7, 8, 9].map((i) => ({ timestamp: base + i * 1000, message: `m${i}` })) }));
  await t.logs.send(new PutLogEventsCommand({ logGroupName: 'pages', logStreamName: 's', logEvents: [0, 1, 2, 3, 4].map((i) => ({ timestamp: base + i * 1000, message: `m${i}` })) }));
  const get = (input: Record<string, unknown>) => t.logs.send(new GetLogEventsCommand({ logGroupName: 'pages', logStreamName: 's', limit: 3, ...input }));
  // From the tail: the last three.
  const tail = await get({});
  assert.deepEqual(tail.events!.map((e) => e.message), ['m7', 'm8', 'm9']);
  const back1 = await get({ nextToken: tail.nextBackwardToken });
  assert.deepEqual(back1.events!.map((e) => e.message), ['m4', 'm5', 'm6']);
  const back2 = await get({ nextToken: back1.nextBackwardToken });
  const back3 = await get({ nextToken: back2.nextBackwardToken });
  assert.deepEqual(back2.events!.map((e) => e.message), ['m1', 'm2', 'm3']);
  assert.deepEqual(back3.events!.map((e) => e.message), ['m0']);
  const back4 = await get({ nextToken: back3.nextBackwardToken });
  assert.deepEqual(back4.events, []);
  assert.equal(back4.nextBackwardToken, back3.nextBackwardToken);
  // Forward again from there.
  const fwd = await get({ nextToken: back4.nextForwardToken });
  assert.deepEqual(fwd.events!.map((e) => e.message), ['m0', 'm1', 'm2']);
  // At the end, the forward token comes back unchanged.
  const end = await get({ nextToken: tail.nextForwardToken });
  assert.deepEqual(end.events, []);
  assert.equal(end.nextForwardToken, tail.nextForwardToken);
  // Events added later are read from that token.
  await t.logs.send(new PutLogEventsCommand({ logGroupName: 'pages', logStreamName: 's', logEvents: [{ timestamp: base + 10_000, message: 'm10' }] }));
  const later = await get({ nextToken: end.nextForwardToken });
  assert.deepEqual(later.events!.map((e) => e.message), ['m10']);
  // The SDK paginator stops on the repeated token.
  const all: string[] = [];
  for await (const p of paginateGetLogEvents({ client: t.logs, pageSize: 4, stopOnSameToken: true }, { logGroupName: 'pages', logStreamName: 's', startFromHead: true })) all.push(...p.events!.map((e) => e.message!));
  assert.deepEqual(all, Array.from({ length: 11 }, (_, i) => `m${i}`));
  // startTime inclusive, endTime exclusive.
  const range = await get({ startFromHead: true, startTime: base + 2000, endTime: base + 4000, limit: 10 });
  assert.deepEqual(range.events!.map((e) => e.message), ['m2', 'm3']);
});

test('GetLogEvents error: a bad token is InvalidParameterException, a missing stream ResourceNotFoundException', async () => {
  await stream('tok', 's');
  await expectAwsError(t.logs.send(new GetLogEventsCommand({ logGroupName: 'tok', logStreamName: 's', nextToken: 'f/123' })), 'InvalidParameterException');
  await expectAwsError(t.logs.send(new GetLogEventsCommand({ logGroupName: 'tok', logStreamName: 'none' })), 'ResourceNotFoundException');
});
