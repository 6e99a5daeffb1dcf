/**
 * `vpcflow serve --scenario FILE`: the region starts from the scenario's
 * network; its traffic sent with `vpcflow traffic` and the clock advanced give
 * byte for byte the records `vpcflow run` writes. The data folder remembers
 * the network it started from, and refuses to replay its journal onto another.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';
import { cli } from '../../support/cli.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { startLive } from './support.ts';

const FRONTAL = join(REPO_ROOT, 'examples', 'frontal-bd', 'scenario.yaml');
const NAT = join(REPO_ROOT, 'examples', 'nat-gateway', 'scenario.yaml');
const work = mkdtempSync(join(tmpdir(), 'vpcflow-live-scenario-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('a scenario\'s network, its traffic sent and time advanced: the log group holds what vpcflow run writes', { timeout: 120_000 }, async () => {
  const dataDir = join(work, 'frontal');
  const live = await startLive({ scenario: FRONTAL, dataDir });
  try {
    assert.equal(live.server.state.account, '123456789012');
    const health = await live.control('GET', '/_vpcflow/health');
    assert.equal(health.json.now, '2026-01-01T00:00:00.000Z', 'the simulated clock starts at the scenario\'s start');
    const instances = await live.ec2.send(new DescribeInstancesCommand({}));
    assert.equal(instances.Reservations!.length, 3);
    const sent = await cli('traffic', '--endpoint', live.server.url, FRONTAL);
    assert.equal(sent.code, 0, sent.err);
    const moved = await cli('advance', '--endpoint', live.server.url, '20m');
    assert.equal(moved.code, 0, moved.err);

    const out = join(work, 'frontal-run');
    const r = await cli('run', FRONTAL, '--out', out, '--json');
    assert.equal(r.code, 0, r.err);
    // The template's bucket exists (as CloudFormation would have made it) and holds what the run wrote.
    const runObjects = readdirSync(join(out, 's3', 'frontal-bd-flow-logs'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    const served = (await live.s3.send(new ListObjectsV2Command({ Bucket: 'frontal-bd-flow-logs' }))).Contents ?? [];
    assert.ok(runObjects.length > 0);
    const lines = (b: Buffer) => gunzipSync(b).toString('utf8').trimEnd().split('\n').slice(1);
    const want = runObjects.flatMap((d) => lines(readFileSync(join(d.parentPath, d.name)))).sort();
    const got = (await Promise.all(served.map(async (o) => lines(Buffer.from(await (await live.s3.send(new GetObjectCommand({ Bucket: 'frontal-bd-flow-logs', Key: o.Key! }))).Body!.transformToByteArray()))))).flat().sort();
    assert.deepEqual(got, want);
    const groups = readdirSync(join(out, 'cloudwatch'));
    assert.ok(groups.length > 0);
    for (const folder of groups) {
      const group = decodeURIComponent(folder);
      const streams = (await live.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams!.map((s) => s.logStreamName!).sort();
      assert.deepEqual(streams, readdirSync(join(out, 'cloudwatch', folder)).map((f) => f.replace(/\.jsonl$/, '')).sort());
      for (const stream of streams) {
        const got = (await live.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, limit: 10_000 }))).events!;
        const want = readFileSync(join(out, 'cloudwatch', folder, `${stream}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { timestamp: number; message: string });
        assert.deepEqual(got.map((e) => [e.timestamp, e.message]), want.map((e) => [e.timestamp, e.message]), `${group} ${stream}`);
      }
    }
  } finally {
    await live.close({ keep: true });
  }
});

test('a restart keeps the scenario\'s network, and refuses another network or none', async () => {
  const dataDir = join(work, 'frontal');
  const again = await startLive({ scenario: FRONTAL, dataDir });
  try {
    assert.equal((await again.control('GET', '/_vpcflow/health')).json.now, '2026-01-01T00:20:00.000Z');
    assert.equal((await again.ec2.send(new DescribeInstancesCommand({}))).Reservations!.length, 3);
  } finally {
    await again.close({ keep: true });
  }
  await assert.rejects(startLive({ scenario: NAT, dataDir }), /was started from .*frontal-bd.*scenario\.yaml with another network/);
  await assert.rejects(startLive({ dataDir }), /was started from the scenario .*frontal-bd.*: start it with --scenario/);
  const serve = await cli('serve', '--port', '0', '--data', dataDir);
  assert.equal(serve.code, 2);
  assert.match(serve.err, /^vpcflow: .* was started from the scenario /);
});

test('serve --scenario refuses a bad scenario with its file and place, and an account it does not hold', async () => {
  const bad = await cli('serve', '--port', '0', '--data', join(work, 'bad'), '--scenario', join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'does-not-exist.yaml'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /does-not-exist\.yaml.*no such file/);
  const account = await cli('serve', '--port', '0', '--data', join(work, 'acct'), '--scenario', FRONTAL, '--account', '111122223333');
  assert.equal(account.code, 2);
  assert.match(account.err, /--account 111122223333: the scenario .* is for account 123456789012/);
});
