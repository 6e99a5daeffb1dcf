/**
 * The `/_vpcflow/*` endpoints: health, traffic and advance answer in JSON,
 * refuse bad input with a JSON error, and the real clock delivers a window's
 * records within a second of its end (plus the configured delay).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateSubnetCommand, CreateVpcCommand, RunInstancesCommand, CreateFlowLogsCommand, DescribeInstancesCommand, RevokeSecurityGroupIngressCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type Live, startLive } from './support.ts';

const START = Date.parse('2026-05-01T12:00:00Z');

async function twoInstances(ec2: EC2Client): Promise<{ a: string; b: string; aEni: string }> {
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
  const sub = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.9.1.0/24' }))).Subnet!.SubnetId!;
  const run = async () => (await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, SubnetId: sub }))).Instances![0]!;
  const a = await run(), b = await run();
  await ec2.send(new CreateFlowLogsCommand({
    ResourceType: 'VPC', ResourceIds: [vpc], TrafficType: 'ALL', LogGroupName: 'control', DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/r', MaxAggregationInterval: 60,
  }));
  return { a: a.InstanceId!, b: b.InstanceId!, aEni: a.NetworkInterfaces![0]!.NetworkInterfaceId! };
}

async function events(logs: CloudWatchLogsClient, stream: string): Promise<string[]> {
  try {
    return ((await logs.send(new GetLogEventsCommand({ logGroupName: 'control', logStreamName: stream, startFromHead: true }))).events ?? []).map((e) => e.message!);
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException') return [];
    throw e;
  }
}

async function withLive(opts: Parameters<typeof startLive>[0], body: (l: Live) => Promise<void>): Promise<void> {
  const l = await startLive(opts);
  try { await body(l); } finally { await l.close(); }
}

test('health answers with the clock and per-region counts', () => withLive({ startMs: START }, async (l) => {
  const h = await l.control('GET', '/_vpcflow/health');
  assert.equal(h.status, 200);
  assert.deepEqual(h.json, { status: 'ready', clock: 'simulated', now: '2026-05-01T12:00:00.000Z', regions: [] });
}));

test('bad traffic and advance requests get a JSON error naming the problem; nothing is scheduled', () => withLive({ startMs: START }, async (l) => {
  const { a } = await twoInstances(l.ec2);
  const cases: [unknown, RegExp][] = [
    ['{"traffic": [', /^The body is not JSON/],
    ['', /needs a JSON body/],
    [{ traffic: 'tcp' }, /traffic: expected a list of traffic items, found "tcp"/],
    [{ trafic: [] }, /trafic/],
    [{ traffic: [{ at: '0s', tcp: { from: a, to: 'i-0000000000000000f', port: 22 } }] }, /traffic\[0\]\.tcp\.to: expected .* found "i-0000000000000000f"/],
    [{ traffic: [{ at: '0s', tcp: { from: a, to: '10.9.1.200', port: 99999 } }] }, /traffic\[0\]\.tcp\.port/],
    [{ traffic: [{ at: 'soon', udp: { from: a, to: '8.8.8.8', port: 53 } }] }, /traffic\[0\]\.at/],
  ];
  for (const [body, message] of cases) {
    const r = await l.control('POST', '/_vpcflow/traffic', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.match(r.json.error.code, /^(InvalidRequest|InvalidTraffic)$/);
    assert.match(r.json.error.message, message);
  }
  for (const body of [{}, { seconds: -1 }, { seconds: '10m' }, { seconds: 1e12 }]) {
    const r = await l.control('POST', '/_vpcflow/advance', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.code, 'InvalidRequest');
  }
  const h = await l.control('GET', '/_vpcflow/health');
  assert.equal(h.json.regions[0]?.items ?? 0, 0);
  assert.equal(h.json.now, '2026-05-01T12:00:00.000Z');
}));

test('the simulated clock moves only when advanced, and survives a restart of the same data folder', async () => {
  const l = await startLive({ startMs: START });
  await l.control('POST', '/_vpcflow/advance', { seconds: 90 });
  const dataDir = l.dataDir;
  await l.close({ keep: true });
  const again = await startLive({ startMs: START + 999_999, dataDir });
  try {
    assert.equal((await again.control('GET', '/_vpcflow/health')).json.now, '2026-05-01T12:01:30.000Z');
  } finally {
    await again.close();
  }
});

test('advance on the real clock is refused', () => withLive({ clock: 'real' }, async (l) => {
  const r = await l.control('POST', '/_vpcflow/advance', { seconds: 10 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'RealClock');
}));

test('the real clock delivers each window within a second of its end plus the delay', { timeout: 30_000 }, async () => {
  let wall = START;
  await withLive({ clock: 'real', wallClock: () => wall, tickMs: 20, deliveryDelaySeconds: 30 }, async (l) => {
    const { a, b, aEni } = await twoInstances(l.ec2);
    const sent = await l.control('POST', '/_vpcflow/traffic', { traffic: [{ at: '1s', icmp: { from: a, to: b, count: 2 } }] });
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    const settle = () => new Promise((r) => setTimeout(r, 300));
    wall = START + 60_000;
    await settle();
    // The window ended at 12:01:00, but the delay holds it back 30 s.
    assert.deepEqual(await events(l.logs, `${aEni}-all`), []);
    wall = START + 89_000;
    await settle();
    assert.deepEqual(await events(l.logs, `${aEni}-all`), []);
    wall = START + 90_000;
    const deadline = Date.now() + 1000;
    let got: string[] = [];
    while (got.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      got = await events(l.logs, `${aEni}-all`);
    }
    assert.equal(got.length, 2, 'request and reply records delivered within a second');
    assert.ok(got.every((m) => m.endsWith(' ACCEPT OK')), got.join('\n'));
  });
});

test('an EC2 change first lets the traffic due by then run under the network as it was', { timeout: 30_000 }, async () => {
  let wall = START;
  // No tick in this test: only the change hook can run packets before the revoke.
  await withLive({ clock: 'real', wallClock: () => wall, tickMs: 3_600_000 }, async (l) => {
    const { a, b } = await twoInstances(l.ec2);
    const inst = (await l.ec2.send(new DescribeInstancesCommand({ InstanceIds: [b] }))).Reservations![0]!.Instances![0]!;
    const sg = inst.SecurityGroups![0]!.GroupId!;
    const bEni = inst.NetworkInterfaces![0]!.NetworkInterfaceId!;
    // A new connection every 20 s; those at 0 s and 20 s are due when the group's rule goes, at 30 s.
    await l.control('POST', '/_vpcflow/traffic', { traffic: [{ at: '0s', tcp: { from: a, to: b, port: 22, repeat: 4, every: '20s' } }] });
    wall = START + 30_000;
    await l.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: sg }] }] }));
    wall = START + 400_000;
    await l.control('POST', '/_vpcflow/traffic', { traffic: [] });
    await l.server.runtime.close();
    const inbound = (await events(l.logs, `${bEni}-all`)).filter((m) => / 22 6 /.test(m));
    const ports = (action: string) => new Set(inbound.filter((m) => m.includes(` ${action} `)).map((m) => m.split(' ')[5]));
    assert.equal(ports('ACCEPT').size, 2, inbound.join('\n'));
    assert.equal(ports('REJECT').size, 2, inbound.join('\n'));
  });
});
