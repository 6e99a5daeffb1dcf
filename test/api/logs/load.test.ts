/**
 * A bounded load test on loopback: 20 clients for 8 seconds, each putting
 * batches to its own stream and reading (GetLogEvents, FilterLogEvents)
 * between them, against a server that fsyncs every acknowledged batch. No
 * call may fail, no acknowledged event may be missing; p99 is reported.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateLogGroupCommand, CreateLogStreamCommand, FilterLogEventsCommand, GetLogEventsCommand, PutLogEventsCommand, paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { type LogsServer, logsClient, startLogsServer } from './support.ts';

const CLIENTS = 20;
const DURATION_MS = 8_000;
const BATCH = 20;

let t: LogsServer;
before(async () => {
  t = await startLogsServer();
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: 'load' }));
});
after(async () => { await t.close(); });

const p99 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

test('20 clients mixing PutLogEvents, GetLogEvents and FilterLogEvents for 8 s: no errors, no lost events', { timeout: 60_000 }, async (ctx) => {
  const latencies: Record<string, number[]> = { PutLogEvents: [], GetLogEvents: [], FilterLogEvents: [] };
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    latencies[name]!.push(performance.now() - t0);
    return r;
  };
  const stopAt = Date.now() + DURATION_MS;
  const acknowledged: string[][] = [];
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
    const client = logsClient(t.server.url);
    const stream = `client-${c}`;
    const sent: string[] = [];
    acknowledged[c] = sent;
    await client.send(new CreateLogStreamCommand({ logGroupName: 'load', logStreamName: stream }));
    try {
      for (let round = 0; Date.now() < stopAt; round++) {
        const now = Date.now();
        const logEvents = Array.from({ length: BATCH }, (_, i) => ({ timestamp: now, message: `c${c} r${round} e${i} REJECT` }));
        await timed('PutLogEvents', () => client.send(new PutLogEventsCommand({ logGroupName: 'load', logStreamName: stream, logEvents })));
        sent.push(...logEvents.map((e) => e.message));
        if (round % 2 === 0) await timed('GetLogEvents', () => client.send(new GetLogEventsCommand({ logGroupName: 'load', logStreamName: stream, limit: 50 })));
        else await timed('FilterLogEvents', () => client.send(new FilterLogEventsCommand({ logGroupName: 'load', logStreamNames: [stream], filterPattern: `c${c}`, limit: 50 })));
      }
    } finally {
      client.destroy();
    }
  }));
  for (const [c, sent] of acknowledged.entries()) {
    const got: string[] = [];
    for await (const p of paginateGetLogEvents({ client: t.logs, stopOnSameToken: true }, { logGroupName: 'load', logStreamName: `client-${c}`, startFromHead: true })) {
      got.push(...p.events!.map((e) => e.message!));
    }
    assert.deepEqual(got, sent, `stream client-${c}`);
  }
  const total = acknowledged.reduce((n, s) => n + s.length, 0);
  for (const [name, xs] of Object.entries(latencies)) {
    assert.ok(xs.length > 0, `${name} was called`);
    ctx.diagnostic(`${name}: ${xs.length} calls, p99 ${p99(xs).toFixed(1)} ms`);
  }
  ctx.diagnostic(`${total} events acknowledged and read back`);
});
