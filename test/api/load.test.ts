/**
 * Issue #5's load check: 50 concurrent clients for 20 seconds mixing
 * PutLogEvents, GetLogEvents, FilterLogEvents and DescribeFlowLogs against
 * `vpcflow serve` with a data folder (so every acknowledged batch is
 * fsync'd), on loopback, through the real SDKs. Asserted: no call fails,
 * every acknowledged event is read back exactly once and in each writer's
 * order, DescribeFlowLogs always answers with the flow logs created first.
 *
 * The server runs as a child process: in-process it would share one event
 * loop with fifty SDK clients and the latencies would mostly measure the
 * clients. p50/p99 per action go to the test's diagnostics and, when
 * VPCFLOW_LOAD_REPORT names a file, to that file as JSON (for the benchmark
 * and the README). Nothing is asserted about timing.
 *
 * Two clients write to each stream, so appends to one stream overlap and
 * the store's group commit (one fsync for several waiting batches) is
 * exercised, not just one writer per file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, FilterLogEventsCommand, GetLogEventsCommand, PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateFlowLogsCommand, CreateVpcCommand, DescribeFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DUMMY_CREDENTIALS } from './support/server.ts';
import { type ServeProcess, quantile, spawnServe, within } from './support/serve-process.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const CLIENTS = 50;
const DURATION_MS = 20_000;
const STREAMS = CLIENTS / 2;
const BATCH = 10;
/** Any single call taking longer than this is a failure, not a slow call: it bounds every await. */
const CALL_TIMEOUT_MS = 15_000;
const GROUP = 'load';
const FLOW_GROUP = '/vpc/load-flows';
const ROLE = 'arn:aws:iam::123456789012:role/flow-logs';
const ACCOUNT = '123456789012';
const ACTIONS = ['PutLogEvents', 'GetLogEvents', 'FilterLogEvents', 'DescribeFlowLogs'] as const;
type Action = (typeof ACTIONS)[number];

const dataDir = mkdtempSync(join(tmpdir(), 'vpcflow-load-'));
let server: ServeProcess | undefined;
after(async () => {
  await server?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * One simulated client: its own keep-alive agent with at most two sockets,
 * so fifty clients hold at most a hundred connections. The SDK's own retries
 * are off: a failed call must fail the test, not be papered over.
 */
function clientsFor(url: string): { logs: CloudWatchLogsClient; ec2: EC2Client; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  const requestHandler = { httpAgent: agent, connectionTimeout: 5_000, requestTimeout: CALL_TIMEOUT_MS };
  const common = { endpoint: url, region: 'us-east-1', credentials: DUMMY_CREDENTIALS, maxAttempts: 1, requestHandler };
  const logs = new CloudWatchLogsClient(common);
  const ec2 = new EC2Client(common);
  return { logs, ec2, close: () => { logs.destroy(); ec2.destroy(); agent.destroy(); } };
}

const bounded = () => ({ abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) });

/** Messages name their client, round and index; the `-` after the client number keeps `c1-` from matching `c11-`. */
const message = (c: number, round: number, i: number): string => `c${c}-r${round}-e${i} 2 ${ACCOUNT} eni-0a1b2c3d 10.0.1.5 10.0.2.9 443 ${40000 + i} 6 1 40 REJECT OK`;

test('50 clients mixing PutLogEvents, GetLogEvents, FilterLogEvents and DescribeFlowLogs for 20 s: no errors, no lost events', { timeout: 90_000 }, async (t) => {
  server = await spawnServe(dataDir);
  const setup = clientsFor(server.url);
  // Flow logs for DescribeFlowLogs to return: one VPC, three of them (one per traffic type).
  const vpc = (await setup.ec2.send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }), bounded())).Vpc!.VpcId!;
  const flowLogIds: string[] = [];
  for (const traffic of ['ALL', 'ACCEPT', 'REJECT'] as const) {
    const r = await setup.ec2.send(new CreateFlowLogsCommand({
      ResourceIds: [vpc], ResourceType: 'VPC', TrafficType: traffic, LogGroupName: `${FLOW_GROUP}-${traffic.toLowerCase()}`, DeliverLogsPermissionArn: ROLE,
    }), bounded());
    assert.deepEqual(r.Unsuccessful, []);
    flowLogIds.push(...r.FlowLogIds!);
  }
  assert.equal(flowLogIds.length, 3);
  const expectedFlowLogs = [...flowLogIds].sort();
  await setup.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }), bounded());
  for (let s = 0; s < STREAMS; s++) await setup.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: `s${s}` }), bounded());

  const latencies: Record<Action, number[]> = { PutLogEvents: [], GetLogEvents: [], FilterLogEvents: [], DescribeFlowLogs: [] };
  const timed = async <T>(action: Action, call: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await call();
    latencies[action].push(performance.now() - t0);
    return r;
  };
  // Every batch a client had acknowledged, in its order: what must be read back.
  const acknowledged: string[][] = Array.from({ length: CLIENTS }, () => []);
  const stopAt = Date.now() + DURATION_MS;

  const run = async (c: number): Promise<void> => {
    const { logs, ec2, close } = clientsFor(server!.url);
    const stream = `s${c % STREAMS}`;
    const mine = acknowledged[c]!;
    let lastTs = 0;
    try {
      for (let round = 0; Date.now() < stopAt; round++) {
        // Never earlier than this client's previous batch, even if the wall clock steps back.
        const ts = (lastTs = Math.max(lastTs, Date.now()));
        const logEvents = Array.from({ length: BATCH }, (_, i) => ({ timestamp: ts, message: message(c, round, i) }));
        const put = await timed('PutLogEvents', () => logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents }), bounded()));
        assert.equal(put.rejectedLogEventsInfo, undefined, `client ${c}: events rejected`);
        mine.push(...logEvents.map((e) => e.message));
        switch (round % 3) {
          case 0: {
            // Read your writes: everything in this millisecond, this batch among it exactly once.
            const got = await timed('GetLogEvents', () => logs.send(new GetLogEventsCommand({
              logGroupName: GROUP, logStreamName: stream, startTime: ts, endTime: ts + 1, startFromHead: true, limit: 10_000,
            }), bounded()));
            const seen = new Set(got.events!.map((e) => e.message!));
            for (const e of logEvents) assert.ok(seen.has(e.message), `client ${c}: GetLogEvents does not show ${e.message} just acknowledged`);
            assert.equal(seen.size, got.events!.length, `client ${c}: GetLogEvents returned an event twice`);
            break;
          }
          case 1: {
            // This client's first 50 events, from the head: exactly its oldest acknowledged ones.
            const got = await timed('FilterLogEvents', () => logs.send(new FilterLogEventsCommand({
              logGroupName: GROUP, logStreamNames: [stream], filterPattern: `"c${c}-"`, limit: 50,
            }), bounded()));
            assert.deepEqual(got.events!.map((e) => e.message), mine.slice(0, 50), `client ${c}: FilterLogEvents`);
            break;
          }
          default: {
            const got = await timed('DescribeFlowLogs', () => ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpc] }] }), bounded()));
            assert.deepEqual(got.FlowLogs!.map((f) => f.FlowLogId).sort(), expectedFlowLogs, `client ${c}: DescribeFlowLogs`);
            for (const f of got.FlowLogs!) assert.equal(f.FlowLogStatus, 'ACTIVE');
          }
        }
      }
    } finally {
      close();
    }
  };
  // allSettled, then the first failure: one client's error must not leave the others running past the test.
  const outcomes = await within(Promise.allSettled(Array.from({ length: CLIENTS }, (_, c) => run(c))), DURATION_MS + 2 * CALL_TIMEOUT_MS, 'the load');
  const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  assert.equal(failures.length, 0, `${failures.length} of ${CLIENTS} clients failed; first: ${(failures[0]?.reason as Error | undefined)?.stack}`);

  // Every stream read back from the head: each acknowledged event exactly once, each writer's in its order.
  let total = 0;
  const lineCounts = new Map<string, number>();
  for (let s = 0; s < STREAMS; s++) {
    const got: string[] = [];
    let token: string | undefined;
    for (let page = 0; ; page++) {
      assert.ok(page < 1000, `stream s${s}: GetLogEvents pagination does not end`);
      const r = await setup.logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: `s${s}`, startFromHead: true, limit: 10_000, nextToken: token }), bounded());
      got.push(...r.events!.map((e) => e.message!));
      if (r.nextForwardToken === token || r.events!.length === 0) break;
      token = r.nextForwardToken;
    }
    const writers = [s, s + STREAMS];
    assert.equal(got.length, writers.reduce((n, c) => n + acknowledged[c]!.length, 0), `stream s${s}: events read back vs acknowledged`);
    assert.equal(new Set(got).size, got.length, `stream s${s}: an event is stored twice`);
    for (const c of writers) assert.deepEqual(got.filter((m) => m.startsWith(`c${c}-`)), acknowledged[c], `stream s${s}: client ${c}'s events`);
    total += got.length;
    lineCounts.set(`s${s}`, got.length);
  }
  setup.close();

  // And on disk, after a clean stop: one line per acknowledged event in each stream's file.
  const stopped = await server.stop();
  assert.equal(stopped.code, 0, `vpcflow serve did not stop cleanly: ${server.stderr()}`);
  assert.doesNotMatch(server.stderr(), /internal error/);
  for (const [stream, n] of lineCounts) {
    const text = readFileSync(join(dataDir, ACCOUNT, 'us-east-1', 'cloudwatch', GROUP, `${stream}.jsonl`), 'utf8');
    assert.equal(text.split('\n').filter((l) => l !== '').length, n, `${stream}.jsonl`);
  }

  const report: Record<string, { calls: number; p50: number; p99: number }> = {};
  for (const action of ACTIONS) {
    const xs = latencies[action];
    assert.ok(xs.length > 0, `${action} was called`);
    report[action] = { calls: xs.length, p50: +quantile(xs, 0.5).toFixed(2), p99: +quantile(xs, 0.99).toFixed(2) };
    t.diagnostic(`${action}: ${xs.length} calls, p50 ${report[action].p50} ms, p99 ${report[action].p99} ms`);
  }
  // Fifty closed-loop clients: latency is about clients / throughput, so both are reported, and the machine's load with them.
  const calls = ACTIONS.reduce((n, a) => n + latencies[a].length, 0);
  const callsPerSecond = Math.round(calls / (DURATION_MS / 1000));
  const load1 = +loadavg()[0]!.toFixed(2);
  t.diagnostic(`${total} events acknowledged and read back exactly once, in order (${CLIENTS} clients, ${DURATION_MS / 1000} s, ${callsPerSecond} calls/s; load average ${load1} on ${availableParallelism()} CPUs)`);
  const out = process.env.VPCFLOW_LOAD_REPORT;
  if (out) {
    writeFileSync(out, `${JSON.stringify({ clients: CLIENTS, durationMs: DURATION_MS, batch: BATCH, events: total, callsPerSecond, cpus: availableParallelism(), loadAverage1m: load1, latencyMs: report }, null, 2)}\n`);
  }
});
