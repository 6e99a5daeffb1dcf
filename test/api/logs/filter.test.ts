import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FilterLogEventsCommand, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import { expectAwsError } from '../support/errors.ts';
import { REJECTED_SSH, flowLine } from './flow-lines.ts';
import { type LogsServer, startLogsServerWith } from './support.ts';

let t: LogsServer;
const BASE = Math.floor(Date.now() / 1000) - 3600;

before(async () => {
  // Two interfaces, events interleaved in time across them.
  t = await startLogsServerWith('/vpc/flow', Object.fromEntries(['eni-aaa', 'eni-bbb'].map((eni, k) => {
    const logEvents = Array.from({ length: 10 }, (_, i) => {
      const start = BASE + i * 60 + k * 30;
      const ssh = i % 3 === 0;
      const line = flowLine({ src: `198.51.100.${i}`, dst: '10.0.1.5', sport: 40000 + i, dport: ssh ? 22 : 443, proto: 6, bytes: 100 * i, action: ssh ? 'REJECT' : 'ACCEPT' }, start, eni);
      return { timestamp: start * 1000, message: line };
    });
    return [`${eni}-all`, logEvents];
  })));
});
after(async () => { await t.close(); });

test('FilterLogEvents interleaves the streams in timestamp order', async () => {
  const r = await t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/flow' }));
  assert.equal(r.events!.length, 20);
  const ts = r.events!.map((e) => e.timestamp!);
  assert.deepEqual(ts, [...ts].sort((a, b) => a - b));
  assert.deepEqual(r.events!.slice(0, 2).map((e) => e.logStreamName), ['eni-aaa-all', 'eni-bbb-all']);
  assert.equal(new Set(r.events!.map((e) => e.eventId)).size, 20);
  assert.deepEqual(r.searchedLogStreams!.map((s) => [s.logStreamName, s.searchedCompletely]), [['eni-aaa-all', true], ['eni-bbb-all', true]]);
  assert.equal(r.nextToken, undefined);
});

test('FilterLogEvents with the rejected-SSH space-delimited pattern finds only those records', async () => {
  const r = await t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/flow', filterPattern: REJECTED_SSH }));
  assert.equal(r.events!.length, 8);
  assert.ok(r.events!.every((e) => / 22 6 .* REJECT OK$/.test(e.message!)));
  const terms = await t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/flow', filterPattern: 'REJECT', logStreamNames: ['eni-bbb-all'] }));
  assert.equal(terms.events!.length, 4);
  assert.ok(terms.events!.every((e) => e.logStreamName === 'eni-bbb-all'));
  const byPrefix = await t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/flow', filterPattern: '[..., action="ACCEPT", status]', logStreamNamePrefix: 'eni-a' }));
  assert.equal(byPrefix.events!.length, 6);
});

test('FilterLogEvents takes a time range (both ends inclusive) and pages with nextToken', async () => {
  const startTime = (BASE + 120) * 1000, endTime = (BASE + 300) * 1000;
  const r = await t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/flow', startTime, endTime }));
  assert.ok(r.events!.every((e) => e.timestamp! >= startTime && e.timestamp! <= endTime));
  assert.equal(r.events!.length, 7);
  const all: string[] = [];
  let pages = 0;
  for await (const p of paginateFilterLogEvents({ client: t.logs, pageSize: 3 }, { logGroupName: '/vpc/flow' })) {
    pages++;
    all.push(...p.events!.map((e) => e.eventId!));
  }
  assert.equal(pages, 7);
  const whole = await t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/flow' }));
  assert.deepEqual(all, whole.events!.map((e) => e.eventId));
});

test('FilterLogEvents error: a bad pattern or both stream selectors are InvalidParameterException, a missing group ResourceNotFoundException', async () => {
  await expectAwsError(t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/flow', filterPattern: '[a, b' })), 'InvalidParameterException', /pattern/);
  await expectAwsError(t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/flow', logStreamNames: ['x'], logStreamNamePrefix: 'x' })), 'InvalidParameterException');
  await expectAwsError(t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/none' })), 'ResourceNotFoundException');
  await expectAwsError(t.logs.send(new FilterLogEventsCommand({ logGroupName: '/vpc/flow', nextToken: '!!' })), 'InvalidParameterException');
});
