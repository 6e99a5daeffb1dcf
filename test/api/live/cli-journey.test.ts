/**
 * The live journey as a shell user takes it: `vpcflow serve` as a process,
 * the network built with Debian's `/usr/bin/aws`, traffic and time through
 * `vpcflow traffic` and `vpcflow advance`, records read back with
 * `aws logs get-log-events`, `aws logs filter-log-events` and `aws s3 cp`.
 * The network, exported as the snapshot recipe says (`aws ec2 describe-*`
 * merged), then runs the same traffic in `vpcflow run`: the records agree.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { cli } from '../../support/cli.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { awsCli, awsJson, requireAwsCli } from '../support/aws-cli.ts';

requireAwsCli();

const START = '2026-02-10T08:00:00Z';
const SEED = 'cli-live';
const ROLE = 'arn:aws:iam::123456789012:role/flow-logs';
interface Any { [k: string]: any }

let work = '';
let child: ChildProcess;
let url = '';
const ids = { vpc: '', pub: '', priv: '', web: '', webEni: '', back: '' };

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'vpcflow-cli-live-'));
  child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'vpcflow'), 'serve', '--port', '0', '--data', join(work, 'data'), '--clock', 'simulated', '--start', START, '--seed', SEED],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`vpcflow serve exited (${code}) before listening`)));
  });
});

after(async () => {
  child.kill('SIGTERM');
  await once(child, 'exit');
  rmSync(work, { recursive: true, force: true });
});

const ec2 = (...args: string[]) => awsJson<Any>(url, ['ec2', ...args]);

test('a network, flow logs, traffic and time, through the AWS CLI and vpcflow\'s own commands', { timeout: 120_000 }, async () => {
  ids.vpc = (await ec2('create-vpc', '--cidr-block', '10.20.0.0/16')).Vpc.VpcId;
  ids.pub = (await ec2('create-subnet', '--vpc-id', ids.vpc, '--cidr-block', '10.20.1.0/24', '--availability-zone', 'us-east-1b')).Subnet.SubnetId;
  ids.priv = (await ec2('create-subnet', '--vpc-id', ids.vpc, '--cidr-block', '10.20.2.0/24', '--availability-zone', 'us-east-1b')).Subnet.SubnetId;
  const igw = (await ec2('create-internet-gateway')).InternetGateway.InternetGatewayId;
  await ec2('attach-internet-gateway', '--internet-gateway-id', igw, '--vpc-id', ids.vpc);
  const rtb = (await ec2('create-route-table', '--vpc-id', ids.vpc)).RouteTable.RouteTableId;
  await ec2('create-route', '--route-table-id', rtb, '--destination-cidr-block', '0.0.0.0/0', '--gateway-id', igw);
  await ec2('associate-route-table', '--route-table-id', rtb, '--subnet-id', ids.pub);
  const web = (await ec2('create-security-group', '--vpc-id', ids.vpc, '--group-name', 'web', '--description', 'web')).GroupId;
  await ec2('authorize-security-group-ingress', '--group-id', web, '--protocol', 'tcp', '--port', '80', '--cidr', '0.0.0.0/0');
  const run = async (subnet: string, ip: string, pub: boolean) => (await ec2('run-instances', '--image-id', 'ami-0abcdef1234567890', '--count', '1',
    '--network-interfaces', JSON.stringify([{ DeviceIndex: 0, SubnetId: subnet, Groups: [web], PrivateIpAddress: ip, AssociatePublicIpAddress: pub }]))).Instances[0];
  const w = await run(ids.pub, '10.20.1.10', true);
  const b = await run(ids.priv, '10.20.2.10', false);
  ids.web = w.InstanceId;
  ids.webEni = w.NetworkInterfaces[0].NetworkInterfaceId;
  ids.back = b.InstanceId;
  await awsJson(url, ['s3api', 'create-bucket', '--bucket', 'cli-live']);
  const cw = await ec2('create-flow-logs', '--resource-type', 'VPC', '--resource-ids', ids.vpc, '--traffic-type', 'ALL', '--log-group-name', 'cli-live',
    '--deliver-logs-permission-arn', ROLE, '--max-aggregation-interval', '60',
    '--log-format', '${version} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${tcp-flags} ${flow-direction} ${log-status}');
  const s3 = await ec2('create-flow-logs', '--resource-type', 'Subnet', '--resource-ids', ids.pub, '--traffic-type', 'ALL', '--log-destination-type', 's3',
    '--log-destination', 'arn:aws:s3:::cli-live', '--max-aggregation-interval', '60', '--destination-options', 'FileFormat=plain-text,HiveCompatiblePartitions=true,PerHourPartition=false');
  assert.deepEqual([cw.Unsuccessful, s3.Unsuccessful], [[], []]);

  writeFileSync(join(work, 'traffic.yaml'), [
    'hosts: { client: 198.51.100.20 }',
    'traffic:',
    `  - { at: 0s, tcp: { from: client, to: ${ids.web}, port: 80, request: 500, response: 30000, repeat: 3, every: 20s } }`,
    `  - { at: 5s, tcp: { from: client, to: ${ids.web}, port: 22 } }`,
    `  - { at: 10s, icmp: { from: ${ids.web}, to: ${ids.back}, count: 3 } }`,
    `  - { at: 15s, tcp: { from: ${ids.back}, to: ${ids.web}, port: 80, request: 100, response: 800 } }`,
    '',
  ].join('\n'));
  const sent = await cli('traffic', '--endpoint', url, join(work, 'traffic.yaml'));
  assert.equal(sent.code, 0, sent.err);
  assert.match(sent.out, /^4 traffic items sent to us-east-1 at 2026-02-10T08:00:00\.000Z:\n  traffic\[0\]  tcp     starts 2026-02-10T08:00:00\.000Z\n/);
  const moved = await cli('advance', '--endpoint', url, '10m', '--json');
  assert.equal(moved.code, 0, moved.err);
  const status = JSON.parse(moved.out) as Any;
  assert.equal(status.now, '2026-02-10T08:10:00.000Z');
  assert.equal(status.regions[0].pendingEvents, 0);
});

test('the records read back through the CLI are those `vpcflow run` writes for the same network and traffic', { timeout: 120_000 }, async () => {
  // The snapshot recipe of src/core/snapshot/README.md, with the CLI's own output.
  const parts = await Promise.all(['describe-vpcs', 'describe-subnets', 'describe-route-tables', 'describe-network-acls', 'describe-security-groups',
    'describe-network-interfaces', 'describe-instances', 'describe-internet-gateways'].map((c) => ec2(c)));
  writeFileSync(join(work, 'snapshot.json'), JSON.stringify(Object.assign({}, ...parts)));
  const flowLogs = (await ec2('describe-flow-logs')).FlowLogs as Any[];
  const changes = flowLogs.map((f) => ({
    at: '0s', action: 'CreateFlowLogs', params: {
      ResourceType: f.ResourceId.startsWith('vpc-') ? 'VPC' : 'Subnet', ResourceIds: [f.ResourceId], TrafficType: f.TrafficType,
      MaxAggregationInterval: f.MaxAggregationInterval, LogFormat: f.LogFormat,
      ...(f.LogDestinationType === 's3'
        ? { LogDestinationType: 's3', LogDestination: f.LogDestination, DestinationOptions: f.DestinationOptions }
        : { LogGroupName: f.LogGroupName, DeliverLogsPermissionArn: f.DeliverLogsPermissionArn }),
    },
  }));
  const trafficDoc = readFileSync(join(work, 'traffic.yaml'), 'utf8');
  writeFileSync(join(work, 'scenario.yaml'), [
    `name: cli-live\naccount: "123456789012"\nregion: us-east-1\nstart: ${START}\nseed: ${SEED}\nduration: 10m\ntemplate: snapshot.json`,
    `changes: ${JSON.stringify(changes)}`,
    trafficDoc,
  ].join('\n'));
  const r = await cli('run', join(work, 'scenario.yaml'), '--out', join(work, 'out'), '--json');
  assert.equal(r.code, 0, r.err);

  const stream = `${ids.webEni}-all`;
  const got = await awsJson<Any>(url, ['logs', 'get-log-events', '--log-group-name', 'cli-live', '--log-stream-name', stream, '--start-from-head']);
  const expected = readFileSync(join(work, 'out', 'cloudwatch', 'cli-live', `${stream}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Any);
  assert.deepEqual(got.events.map((e: Any) => [e.timestamp, e.message]), expected.map((e) => [e.timestamp, e.message]));
  assert.ok(expected.some((e) => / 22 6 \d+ \d+ \d+ \d+ REJECT 2 ingress OK$/.test(e.message)), 'the SSH attempt is there, as REJECT with a SYN');

  const rejects = await awsJson<Any>(url, ['logs', 'filter-log-events', '--log-group-name', 'cli-live', '--filter-pattern', 'REJECT']);
  const groupDir = join(work, 'out', 'cloudwatch', 'cli-live');
  const everyStream = readdirSync(groupDir).flatMap((f) => readFileSync(join(groupDir, f), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as Any).message as string));
  const expectedRejects = everyStream.filter((m) => m.includes(' REJECT ')).sort();
  assert.deepEqual(rejects.events.map((e: Any) => e.message).sort(), expectedRejects);
  assert.ok(expectedRejects.some((m) => / 10\.20\.1\.10 10\.20\.2\.10 0 0 1 /.test(m)), 'the ping to the back end, rejected by its group');

  const listed = await awsJson<Any>(url, ['s3api', 'list-objects-v2', '--bucket', 'cli-live']);
  const keys = (listed.Contents as Any[]).map((o) => o.Key as string);
  assert.ok(keys.length > 0 && keys.every((k) => k.startsWith('AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=02/day=10/')), keys.join('\n'));
  const records = (texts: string[]) => texts.flatMap((t) => t.trimEnd().split('\n').slice(1)).sort();
  const served: string[] = [];
  for (const k of keys) {
    const file = join(work, 'object.gz');
    const cp = await awsCli(url, ['s3', 'cp', `s3://cli-live/${k}`, file]);
    assert.equal(cp.code, 0, cp.stderr);
    served.push(gunzipSync(readFileSync(file)).toString('utf8'));
  }
  const runBucket = join(work, 'out', 's3', 'cli-live');
  const written = readdirSync(runBucket, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
    .map((d) => gunzipSync(readFileSync(join(d.parentPath, d.name))).toString('utf8'));
  assert.deepEqual(records(served), records(written));
  servedRecords = records(served).length;
  assert.ok(records(served).length > 4);
});

let servedRecords = 0;

test('vpcflow query reads the server\'s data folder: S3 objects, and CloudWatch records in their custom format (each region\'s resources.json names it)', { timeout: 60_000 }, async () => {
  const data = join(work, 'data');
  const q = await cli('query', data, "SELECT flow_direction, count(*) AS n FROM flow_logs WHERE log_group = 'cli-live' GROUP BY ALL ORDER BY 1", '--json');
  assert.equal(q.code, 0, q.err);
  const groupDir = join(work, 'out', 'cloudwatch', 'cli-live');
  const messages = readdirSync(groupDir).flatMap((f) => readFileSync(join(groupDir, f), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as Any).message as string));
  const count = (dir: string) => messages.filter((m) => m.split(' ')[13] === dir).length;
  assert.deepEqual(JSON.parse(q.out), [{ flow_direction: 'egress', n: count('egress') }, { flow_direction: 'ingress', n: count('ingress') }]);
  assert.ok(count('egress') > 0 && count('ingress') > 0);
  const bySource = await cli('query', data, "SELECT count(*) FILTER (WHERE log_group = 'cli-live') AS cw, count(*) FILTER (WHERE log_group IS NULL) AS s3 FROM flow_logs", '--json');
  assert.equal(bySource.code, 0, bySource.err);
  assert.deepEqual(JSON.parse(bySource.out), [{ cw: messages.length, s3: servedRecords }]);
});
