/**
 * Issue #5's crash check: "Kill the server in the middle of a write and
 * restart it: nothing acknowledged is lost and nothing is half-written."
 *
 * `vpcflow serve --data DIR` runs as a child process while concurrent
 * writers send PutLogEvents batches, S3 PutObjects of a few hundred KB
 * (overwriting keys with bodies of the same size, the case where a stale
 * sidecar could go unnoticed) and EC2 CreateVpc + CreateSubnet calls (kept
 * by the EC2 journal); it is SIGKILLed at a seeded random moment
 * with writes in flight, its files are inspected as the crash left them,
 * and it is restarted on the same DIR. Three kills, then a last restart.
 * After every restart:
 *  - every acknowledged event is in its stream exactly once; an
 *    unacknowledged one is there once or not at all, never in part (every
 *    message read back is one that was sent, whole); each writer's events
 *    are in the order it sent them; what was there after one restart is
 *    still there after the next;
 *  - every key holds, with the exact bytes and an ETag that is their MD5,
 *    its last acknowledged version or a later unacknowledged one; no listed
 *    object is one that was never sent or is cut short;
 *  - every acknowledged VPC and subnet is described with the id it was
 *    given; every VPC described is one that was asked for (each call has its
 *    own CIDR); what was there after one restart is there after the next;
 *  - no temporary file survives the restart and no stream file ends in a
 *    torn line.
 * After each kill, before the restart: every file under an object's final
 * name holds a whole version that was sent; every sidecar is whole JSON.
 *
 * What a SIGKILL cannot show: the kernel's page cache outlives the process,
 * so bytes written but not yet fsync'd survive it too. This test proves the
 * acknowledgements come after the writes (an ack before the write loses
 * events here) and that nothing is left half-written; the fsync before each
 * acknowledgement would take a power cut to prove. The seed fixes the kill
 * moments and payloads, not the interleaving, which the machine decides.
 *
 * VPCFLOW_CRASH_SEED=<n> replays another seed (the default is fixed).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, GetLogEventsCommand, PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateSubnetCommand, CreateVpcCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DUMMY_CREDENTIALS } from './support/server.ts';
import { type ServeProcess, seededRandom, spawnServe, within } from './support/serve-process.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SEED = Number(process.env.VPCFLOW_CRASH_SEED ?? 5_2026);
const KILLS = 3;
const ACCOUNT = '123456789012';
const GROUP = 'crash';
const BUCKET = 'crash-bucket';
/** Two log writers per stream: their appends overlap, so one write can carry several batches (group commit). */
const LOG_WRITERS = 8;
const STREAMS = LOG_WRITERS / 2;
const S3_WRITERS = 3;
const KEYS_PER_S3_WRITER = 3;
const EC2_WRITERS = 2;
const CALL_TIMEOUT_MS = 10_000;

const dataDir = mkdtempSync(join(tmpdir(), 'vpcflow-crash-'));
let server: ServeProcess | undefined;
after(async () => {
  await server?.crash().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

const bounded = () => ({ abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

interface Clients { logs: CloudWatchLogsClient; s3: S3Client; ec2: EC2Client; close(): void }

/** SDK clients with a bounded keep-alive agent and no retries: a retried batch could be stored twice and hide what the crash did. */
function clients(url: string): Clients {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const requestHandler = { httpAgent: agent, connectionTimeout: 5_000, requestTimeout: CALL_TIMEOUT_MS };
  const common = { endpoint: url, region: 'us-east-1', credentials: DUMMY_CREDENTIALS, maxAttempts: 1, requestHandler };
  const logs = new CloudWatchLogsClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  const ec2 = new EC2Client(common);
  return { logs, s3, ec2, close: () => { logs.destroy(); s3.destroy(); ec2.destroy(); agent.destroy(); } };
}

/** What the log writers sent: every message in its writer's order, and whether its batch was acknowledged. */
interface SentEvent { writer: number; seq: number; acked: boolean }
const sentEvents = new Map<string, SentEvent>();
const sentOrder: string[][] = Array.from({ length: LOG_WRITERS }, () => []);
/** Messages seen after a restart: they must still be there after every later one. */
const mustStay = new Set<string>();
/** Unacknowledged messages missing after a restart: they were never written whole, so they must never appear. */
const mustBeGone = new Set<string>();

/** What the S3 writers sent: every version of a key in order, with its MD5, and which one was last acknowledged. */
interface KeyHistory { size: number; versions: string[]; lastAcked: number }
const keys = new Map<string, KeyHistory>();

/**
 * What the EC2 writers asked for: each CreateVpc has a CIDR of its own, so a
 * VPC described after a restart names the call that made it (ids come from a
 * seeded generator: a lost call's id is drawn again by the next one). A subnet
 * is the VPC's first /26.
 */
interface VpcCall { vpcId?: string; subnetId?: string }
const vpcCalls = new Map<string, VpcCall>();
/** CIDRs described after a restart (they must stay) and asked for but missing (they must not come back). */
const vpcsMustStay = new Set<string>();
const vpcsMustBeGone = new Set<string>();
const subnetsMustStay = new Set<string>();
let vpcCount = 0;
const nextCidr = (): string => {
  const n = vpcCount++;
  return `10.${Math.floor(n / 256) % 256}.${n % 256}.0/24`;
};
const subnetCidr = (vpcCidr: string): string => vpcCidr.replace(/\.0\/24$/, '.0/26');

const streamOf = (w: number): string => `s${w % STREAMS}`;

/** Writers of this number and above send big batches (hundreds of KB in one write, which a kill can cut short); the others small ones. */
const BIG_WRITERS_FROM = STREAMS;
const PAD = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(120);

/** A message names its writer and sequence number and carries a seeded payload of varying length (a torn write can cut it anywhere). */
function makeMessage(w: number, seq: number, rnd: () => number): string {
  const pad = PAD.slice(0, Math.floor(rnd() * (w >= BIG_WRITERS_FROM ? PAD.length : 250)));
  return `w${w}-n${seq} 2 ${ACCOUNT} eni-0c0ffee 10.0.0.${w} 10.0.1.9 443 ${40000 + (seq % 20000)} 6 3 180 ACCEPT OK ${pad} end-${seq}`;
}

/** A seeded body: fast enough for a few hundred KB per PUT, different every time. */
function makeBody(size: number, rnd: () => number): Buffer {
  const b = Buffer.allocUnsafe(size);
  let x = (rnd() * 0xffffffff) >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

interface Cycle { inFlightAtKill: number; logAcks: number; s3Acks: number; ec2Acks: number; errorsBeforeKill: string[] }

/**
 * Runs every writer against `url` until `killed` is set, then lets each one
 * see its in-flight call fail. A call that fails before the kill is a test
 * failure (recorded, asserted by the caller).
 */
function startWriters(url: string, rnd: () => number, state: { killed: boolean; inFlight: number; cycle: Cycle }): Promise<unknown> {
  const c = clients(url);
  const logWriter = async (w: number): Promise<void> => {
    const order = sentOrder[w]!;
    while (!state.killed) {
      const n = 1 + Math.floor(rnd() * (w >= BIG_WRITERS_FROM ? 300 : 20));
      const ts = Date.now();
      const batch: string[] = [];
      for (let i = 0; i < n; i++) {
        const msg = makeMessage(w, order.length, rnd);
        sentEvents.set(msg, { writer: w, seq: order.length, acked: false });
        order.push(msg);
        batch.push(msg);
      }
      state.inFlight++;
      try {
        await c.logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: streamOf(w), logEvents: batch.map((message) => ({ timestamp: ts, message })) }), bounded());
      } catch (e) {
        if (!state.killed) state.cycle.errorsBeforeKill.push(`PutLogEvents: ${(e as Error).message}`);
        return;
      } finally {
        state.inFlight--;
      }
      for (const m of batch) sentEvents.get(m)!.acked = true;
      state.cycle.logAcks++;
    }
  };
  const s3Writer = async (w: number): Promise<void> => {
    for (let round = 0; !state.killed; round++) {
      const key = `w${w}/object-${round % KEYS_PER_S3_WRITER}.bin`;
      let h = keys.get(key);
      // The size is fixed per key: an overwrite then changes the bytes but not the length.
      if (!h) keys.set(key, (h = { size: 100_000 + Math.floor(rnd() * 300_000), versions: [], lastAcked: -1 }));
      const body = makeBody(h.size, rnd);
      const version = h.versions.push(md5(body)) - 1;
      state.inFlight++;
      let etag: string | undefined;
      try {
        etag = (await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }), bounded())).ETag;
      } catch (e) {
        if (!state.killed) state.cycle.errorsBeforeKill.push(`PutObject: ${(e as Error).message}`);
        return;
      } finally {
        state.inFlight--;
      }
      if (etag !== `"${h.versions[version]}"`) state.cycle.errorsBeforeKill.push(`PutObject ${key}: ETag ${etag}, sent MD5 ${h.versions[version]}`);
      h.lastAcked = version;
      state.cycle.s3Acks++;
    }
  };
  const ec2Writer = async (): Promise<void> => {
    while (!state.killed) {
      const cidr = nextCidr();
      const call: VpcCall = {};
      vpcCalls.set(cidr, call);
      state.inFlight++;
      try {
        call.vpcId = (await c.ec2.send(new CreateVpcCommand({ CidrBlock: cidr }), bounded())).Vpc!.VpcId!;
        call.subnetId = (await c.ec2.send(new CreateSubnetCommand({ VpcId: call.vpcId, CidrBlock: subnetCidr(cidr) }), bounded())).Subnet!.SubnetId!;
      } catch (e) {
        if (!state.killed) state.cycle.errorsBeforeKill.push(`CreateVpc/CreateSubnet: ${(e as Error).message}`);
        return;
      } finally {
        state.inFlight--;
      }
      state.cycle.ec2Acks++;
    }
  };
  const all = [
    ...Array.from({ length: LOG_WRITERS }, (_, w) => logWriter(w)),
    ...Array.from({ length: S3_WRITERS }, (_, w) => s3Writer(w)),
    ...Array.from({ length: EC2_WRITERS }, () => ec2Writer()),
  ];
  return Promise.allSettled(all).finally(() => c.close());
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)));
}

const isTemp = (path: string): boolean => {
  const name = path.split(sep).at(-1)!;
  return name.startsWith('.') && name.endsWith('.tmp');
};

const logsDir = () => join(dataDir, ACCOUNT, 'us-east-1', 'cloudwatch', GROUP);
const objectsDir = () => join(dataDir, ACCOUNT, 's3', BUCKET);
const sidecarsDir = () => join(dataDir, ACCOUNT, 's3-meta', BUCKET);

/** The data folder as the crash left it: whole objects under final names, whole sidecars, stream files whose whole lines are sent messages. */
function inspectAfterKill(): { tempFiles: number; tornTails: number } {
  let tempFiles = 0;
  for (const f of filesUnder(objectsDir())) {
    if (isTemp(f)) { tempFiles++; continue; }
    const key = f.split(sep).join('/');
    const h = keys.get(key);
    assert.ok(h, `a file under a final name that no PUT sent: ${f}`);
    const sum = md5(readFileSync(join(objectsDir(), f)));
    assert.ok(h.versions.includes(sum), `${f} on disk is no version that was sent (half-written?)`);
  }
  for (const f of filesUnder(sidecarsDir())) {
    if (isTemp(f)) { tempFiles++; continue; }
    assert.doesNotThrow(() => JSON.parse(readFileSync(join(sidecarsDir(), f), 'utf8')), `sidecar ${f} is not whole JSON`);
  }
  let tornTails = 0;
  for (const f of filesUnder(logsDir())) {
    if (!f.endsWith('.jsonl')) continue;
    const text = readFileSync(join(logsDir(), f), 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) tornTails++;
    for (const line of text.slice(0, end).split('\n')) {
      if (line === '') continue;
      const msg = (JSON.parse(line) as { message: string }).message;
      assert.ok(sentEvents.has(msg), `${f}: a whole line holds a message that was never sent: ${msg.slice(0, 80)}`);
    }
  }
  return { tempFiles, tornTails };
}

/** Reads a whole stream from the head. */
async function readStream(logs: CloudWatchLogsClient, stream: string): Promise<string[]> {
  const got: string[] = [];
  let token: string | undefined;
  for (let page = 0; ; page++) {
    assert.ok(page < 1000, `stream ${stream}: GetLogEvents pagination does not end`);
    const r = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, startFromHead: true, limit: 10_000, nextToken: token }), bounded());
    got.push(...r.events!.map((e) => e.message!));
    if (r.nextForwardToken === token || r.events!.length === 0) return got;
    token = r.nextForwardToken;
  }
}

/** After a restart: the API's view of every stream and object, and the folder cleaned of what the crash left. */
async function verifyRestarted(c: Clients): Promise<{ unackedPresent: number; unackedAbsent: number; s3Unacked: number; vpcs: number }> {
  let unackedPresent = 0;
  let unackedAbsent = 0;
  for (let s = 0; s < STREAMS; s++) {
    const got = await readStream(c.logs, `s${s}`);
    const seen = new Set<string>();
    const lastSeq = new Map<number, number>();
    for (const m of got) {
      const e = sentEvents.get(m);
      assert.ok(e, `s${s}: a message that was never sent, or only part of one: ${m.slice(0, 80)}`);
      assert.ok(!seen.has(m), `s${s}: stored twice: ${m.slice(0, 80)}`);
      assert.equal(streamOf(e.writer), `s${s}`, `s${s}: a message of another stream`);
      assert.ok(e.seq > (lastSeq.get(e.writer) ?? -1), `s${s}: writer ${e.writer}'s events out of order at ${m.slice(0, 40)}`);
      lastSeq.set(e.writer, e.seq);
      seen.add(m);
    }
    for (let w = s; w < LOG_WRITERS; w += STREAMS) {
      for (const m of sentOrder[w]!) {
        const e = sentEvents.get(m)!;
        if (e.acked) assert.ok(seen.has(m), `s${s}: acknowledged event lost: ${m.slice(0, 80)}`);
        else if (mustStay.has(m)) assert.ok(seen.has(m), `s${s}: an event read back after an earlier restart is gone: ${m.slice(0, 80)}`);
        else if (mustBeGone.has(m)) assert.ok(!seen.has(m), `s${s}: an event missing after an earlier restart is back: ${m.slice(0, 80)}`);
        else if (seen.has(m)) unackedPresent++;
        else {
          unackedAbsent++;
          mustBeGone.add(m);
        }
      }
    }
    for (const m of seen) mustStay.add(m);
  }

  let s3Unacked = 0;
  const listed = await c.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }), bounded());
  assert.ok(!listed.IsTruncated, 'the test bucket holds more than a page');
  const listedKeys = new Map((listed.Contents ?? []).map((o) => [o.Key!, o]));
  for (const [key, o] of listedKeys) {
    const h = keys.get(key);
    assert.ok(h, `an object no PUT sent: ${key}`);
    assert.equal(o.Size, h.size, `${key}: listed with ${o.Size} bytes, every version has ${h.size}`);
  }
  for (const [key, h] of keys) {
    if (!listedKeys.has(key)) {
      assert.equal(h.lastAcked, -1, `${key}: acknowledged (version ${h.lastAcked}) but gone`);
      continue;
    }
    const r = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }), bounded());
    const bytes = await r.Body!.transformToByteArray();
    const sum = md5(bytes);
    assert.equal(bytes.length, h.size, `${key}: ${bytes.length} bytes served, ${h.size} sent`);
    assert.equal(r.ETag, `"${sum}"`, `${key}: the ETag is not the MD5 of the bytes served`);
    const v = h.versions.lastIndexOf(sum);
    assert.ok(v >= 0, `${key}: the bytes served are no version that was sent`);
    // The last acknowledged version, or a later one whose PUT was cut off after its bytes were in place.
    assert.ok(v >= h.lastAcked, `${key}: version ${v} served, but version ${h.lastAcked} was acknowledged`);
    if (v > h.lastAcked) s3Unacked++;
    // Whatever the key holds now is its baseline: a newer acknowledgement must replace it, nothing older may return.
    h.versions = h.versions.slice(v);
    h.lastAcked = 0;
  }

  // EC2: a CreateVpc acknowledged (and a subnet, if that was acknowledged too) is described with its id.
  const vpcs = new Map<string, string>();
  let token: string | undefined;
  do {
    const r = await c.ec2.send(new DescribeVpcsCommand({ MaxResults: 1000, NextToken: token }), bounded());
    for (const v of r.Vpcs ?? []) {
      assert.ok(!vpcs.has(v.CidrBlock!), `two VPCs with ${v.CidrBlock}`);
      vpcs.set(v.CidrBlock!, v.VpcId!);
    }
    token = r.NextToken;
  } while (token);
  const subnets = new Map<string, { id: string; vpc: string }>();
  let subnetToken: string | undefined;
  do {
    const r = await c.ec2.send(new DescribeSubnetsCommand({ MaxResults: 1000, NextToken: subnetToken }), bounded());
    for (const sn of r.Subnets ?? []) subnets.set(sn.CidrBlock!, { id: sn.SubnetId!, vpc: sn.VpcId! });
    subnetToken = r.NextToken;
  } while (subnetToken);
  for (const [cidr, id] of vpcs) {
    const call = vpcCalls.get(cidr);
    assert.ok(call, `a VPC no call asked for: ${id} ${cidr}`);
    assert.ok(!vpcsMustBeGone.has(cidr), `${cidr}: missing after an earlier restart, back now`);
    if (call.vpcId !== undefined) assert.equal(id, call.vpcId, `${cidr}: described as ${id}, created as ${call.vpcId}`);
  }
  for (const [cidr, sn] of subnets) {
    const vpcCidr = cidr.replace(/\.0\/26$/, '.0/24');
    assert.equal(vpcs.get(vpcCidr), sn.vpc, `subnet ${sn.id} (${cidr}) is not in the VPC of ${vpcCidr}`);
  }
  for (const [cidr, call] of vpcCalls) {
    // An id is known only once its call was acknowledged: the VPC's, and the subnet's if that call was too.
    if (call.vpcId !== undefined) assert.equal(vpcs.get(cidr), call.vpcId, `acknowledged VPC ${call.vpcId} (${cidr}) lost`);
    if (call.subnetId !== undefined) assert.deepEqual(subnets.get(subnetCidr(cidr)), { id: call.subnetId, vpc: call.vpcId }, `acknowledged subnet ${call.subnetId} of ${call.vpcId} lost`);
    if (vpcsMustStay.has(cidr)) assert.ok(vpcs.has(cidr), `${cidr}: described after an earlier restart, gone now`);
    if (subnetsMustStay.has(cidr)) assert.ok(subnets.has(subnetCidr(cidr)), `${subnetCidr(cidr)}: described after an earlier restart, gone now`);
    if (vpcs.has(cidr)) vpcsMustStay.add(cidr);
    else vpcsMustBeGone.add(cidr);
    if (subnets.has(subnetCidr(cidr))) subnetsMustStay.add(cidr);
  }

  // Loading the stores removed the crash's temporary files and cut torn lines off.
  const leftovers = [...filesUnder(objectsDir()), ...filesUnder(sidecarsDir())].filter(isTemp);
  assert.deepEqual(leftovers, [], 'temporary files survived the restart');
  for (const f of filesUnder(logsDir())) {
    if (!f.endsWith('.jsonl')) continue;
    const text = readFileSync(join(logsDir(), f), 'utf8');
    assert.ok(text === '' || text.endsWith('\n'), `${f} still ends in a torn line after the restart`);
  }
  return { unackedPresent, unackedAbsent, s3Unacked, vpcs: vpcs.size };
}

test(`SIGKILL mid-write, ${KILLS} times, and restart on the same data folder: nothing acknowledged lost, nothing half-written`, { timeout: 120_000 }, async (t) => {
  const rnd = seededRandom(SEED);
  t.diagnostic(`seed ${SEED} (VPCFLOW_CRASH_SEED replays another)`);
  for (let k = 0; k <= KILLS; k++) {
    server = await spawnServe(dataDir);
    const c = clients(server.url);
    try {
      if (k === 0) {
        await c.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }), bounded());
        for (let s = 0; s < STREAMS; s++) await c.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: `s${s}` }), bounded());
        await c.s3.send(new CreateBucketCommand({ Bucket: BUCKET }), bounded());
      } else {
        const v = await verifyRestarted(c);
        t.diagnostic(`restart ${k}: every acknowledged event and object intact; unacknowledged events present ${v.unackedPresent}, absent ${v.unackedAbsent}; unacknowledged object versions in place ${v.s3Unacked}; ${v.vpcs} VPCs`);
      }
    } finally {
      c.close();
    }
    if (k === KILLS) break;

    const cycle: Cycle = { inFlightAtKill: 0, logAcks: 0, s3Acks: 0, ec2Acks: 0, errorsBeforeKill: [] };
    const state = { killed: false, inFlight: 0, cycle };
    const writers = startWriters(server.url, rnd, state);
    // Some writes of each kind acknowledged first (bounded), then a seeded pause: the kill lands somewhere in a stream of writes.
    const warm = Date.now() + 15_000;
    while ((cycle.logAcks < 5 || cycle.s3Acks < 2 || cycle.ec2Acks < 2) && Date.now() < warm && cycle.errorsBeforeKill.length === 0) await sleep(10);
    const delay = 50 + Math.floor(rnd() * 700);
    await sleep(delay);
    state.killed = true;
    cycle.inFlightAtKill = state.inFlight;
    await server.crash();
    await within(writers, CALL_TIMEOUT_MS + 5_000, 'writers after the kill');
    assert.deepEqual(cycle.errorsBeforeKill, [], `calls failed before the kill; server stderr: ${server.stderr()}`);
    assert.ok(cycle.logAcks >= 5 && cycle.s3Acks >= 2 && cycle.ec2Acks >= 2, `too few writes acknowledged before the kill (${cycle.logAcks} log batches, ${cycle.s3Acks} objects, ${cycle.ec2Acks} VPCs)`);
    assert.ok(cycle.inFlightAtKill > 0, 'no write was in flight at the kill');
    const disk = inspectAfterKill();
    t.diagnostic(`kill ${k + 1} after ${delay} ms more: ${cycle.logAcks} batches and ${cycle.s3Acks} objects and ${cycle.ec2Acks} VPCs with subnets acknowledged, ${cycle.inFlightAtKill} calls in flight; on disk ${disk.tempFiles} temporary files, ${disk.tornTails} torn stream tails`);
  }
  const stopped = await server!.stop();
  assert.equal(stopped.code, 0, `vpcflow serve did not stop cleanly: ${server!.stderr()}`);
});
