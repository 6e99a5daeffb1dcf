/**
 * The journey the issue describes, through the SDKs only: a VPC with two
 * subnets, a network ACL, security groups, instances, flow logs to a log group
 * and to a bucket; traffic; time advanced; records read back with
 * GetLogEvents, FilterLogEvents, StartQuery and GetObject. The same network
 * (as `describe-*` printed it) and traffic then go through `vpcflow run`, and
 * both must give the same records.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand, GetQueryResultsCommand, StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AssociateRouteTableCommand, AttachInternetGatewayCommand, AuthorizeSecurityGroupIngressCommand, CreateFlowLogsCommand,
  CreateInternetGatewayCommand, CreateNetworkAclCommand, CreateNetworkAclEntryCommand, CreateRouteCommand, CreateRouteTableCommand,
  CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DescribeInstancesCommand, DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand, DescribeNetworkInterfacesCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand, DescribeVpcsCommand, ReplaceNetworkAclAssociationCommand, RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { runScenario } from '../../../src/app/run-scenario.ts';
import { type Live, startLive } from './support.ts';

const START = '2026-03-01T10:00:00Z';
const SEED = 'live-journey';
const GROUP = '/vpc/live-journey';
const BUCKET = 'live-journey-flows';
const ROLE = 'arn:aws:iam::123456789012:role/flow-logs';

let live: Live;
let work = '';
const ids = { vpc: '', pub: '', priv: '', web: '', db: '', webEni: '', dbEni: '' };
let flowLogParams: Record<string, unknown>[] = [];

/** The traffic, in the scenario's syntax, by interface and instance ids. */
const traffic = () => [
  { at: '0s', tcp: { from: '198.51.100.7', to: ids.web, port: 443, request: 700, response: 5000 } },
  { at: '10s', tcp: { from: ids.web, to: ids.db, port: 5432, request: 300, response: 1200, repeat: 3, every: '40s' } },
  { at: '20s', tcp: { from: '203.0.113.9', to: ids.webEni, port: 22, request: 100, response: 100 } },
  { at: '30s', tcp: { from: ids.web, to: '10.0.2.10', port: 3306, request: 100, response: 100 } },
  { at: '45s', udp: { from: ids.web, to: '8.8.8.8', port: 53, request: 40, response: 120 } },
];

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'vpcflow-live-journey-'));
  live = await startLive({ startMs: Date.parse(START), seed: SEED });
  const { ec2 } = live;
  ids.vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const subnet = async (cidr: string) => (await ec2.send(new CreateSubnetCommand({ VpcId: ids.vpc, CidrBlock: cidr, AvailabilityZone: 'us-east-1a' }))).Subnet!.SubnetId!;
  ids.pub = await subnet('10.0.1.0/24');
  ids.priv = await subnet('10.0.2.0/24');
  const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: ids.vpc }));
  const rtb = (await ec2.send(new CreateRouteTableCommand({ VpcId: ids.vpc }))).RouteTable!.RouteTableId!;
  await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: ids.pub }));
  // The private subnet's ACL lets in only PostgreSQL and MySQL from the public subnet, and answers to it.
  const acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: ids.vpc }))).NetworkAcl!.NetworkAclId!;
  const entry = (n: number, egress: boolean, from: number, to: number) => ec2.send(new CreateNetworkAclEntryCommand({
    NetworkAclId: acl, RuleNumber: n, Egress: egress, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.1.0/24', PortRange: { From: from, To: to },
  }));
  await entry(100, false, 5432, 5432);
  await entry(110, false, 3306, 3306);
  await entry(100, true, 1024, 65535);
  const assoc = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [ids.priv] }] })))
    .NetworkAcls![0]!.Associations!.find((a) => a.SubnetId === ids.priv)!.NetworkAclAssociationId!;
  await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: assoc, NetworkAclId: acl }));
  const group = async (name: string) => (await ec2.send(new CreateSecurityGroupCommand({ VpcId: ids.vpc, GroupName: name, Description: name }))).GroupId!;
  const webSg = await group('web');
  const dbSg = await group('db');
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: webSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: dbSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: webSg }] }] }));
  const launch = async (subnetId: string, sg: string, ip: string) => (await ec2.send(new RunInstancesCommand({
    ImageId: 'ami-0abcdef1234567890', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1,
    NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, Groups: [sg], PrivateIpAddress: ip, AssociatePublicIpAddress: subnetId === ids.pub }],
  }))).Instances![0]!;
  const web = await launch(ids.pub, webSg, '10.0.1.10');
  const db = await launch(ids.priv, dbSg, '10.0.2.10');
  ids.web = web.InstanceId!;
  ids.db = db.InstanceId!;
  ids.webEni = web.NetworkInterfaces![0]!.NetworkInterfaceId!;
  ids.dbEni = db.NetworkInterfaces![0]!.NetworkInterfaceId!;

  await live.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  flowLogParams = [
    { ResourceType: 'VPC', ResourceIds: [ids.vpc], TrafficType: 'ALL', LogGroupName: GROUP, DeliverLogsPermissionArn: ROLE, MaxAggregationInterval: 60 },
    { ResourceType: 'Subnet', ResourceIds: [ids.priv], TrafficType: 'REJECT', LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${BUCKET}/db/`, MaxAggregationInterval: 60 },
  ];
  for (const p of flowLogParams) {
    const r = await ec2.send(new CreateFlowLogsCommand(p as never));
    assert.deepEqual(r.Unsuccessful ?? [], [], JSON.stringify(r.Unsuccessful));
  }
});

after(async () => {
  await live.close();
  rmSync(work, { recursive: true, force: true });
});

interface Event { timestamp: number; message: string }

async function streamEvents(): Promise<Map<string, Event[]>> {
  const out = new Map<string, Event[]>();
  let streams;
  try {
    streams = (await live.logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }))).logStreams ?? [];
  } catch (e) {
    // No delivery yet: the group does not exist until the first one creates it.
    if ((e as Error).name === 'ResourceNotFoundException') return out;
    throw e;
  }
  for (const s of streams) {
    const events: Event[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await live.logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: s.logStreamName!, startFromHead: true, nextToken: token }));
      for (const e of page.events ?? []) events.push({ timestamp: e.timestamp!, message: e.message! });
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    out.set(s.logStreamName!, events);
  }
  return out;
}

/** The network as `aws ec2 describe-*` prints it: a snapshot `vpcflow run` takes as its template. */
async function snapshot(): Promise<Record<string, unknown>> {
  const { ec2 } = live;
  const parts = await Promise.all([
    ec2.send(new DescribeVpcsCommand({})), ec2.send(new DescribeSubnetsCommand({})), ec2.send(new DescribeRouteTablesCommand({})),
    ec2.send(new DescribeNetworkAclsCommand({})), ec2.send(new DescribeSecurityGroupsCommand({})), ec2.send(new DescribeNetworkInterfacesCommand({})),
    ec2.send(new DescribeInstancesCommand({})), ec2.send(new DescribeInternetGatewaysCommand({})),
  ]);
  const merged: Record<string, unknown> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) if (k !== '$metadata' && k !== 'NextToken') merged[k] = v;
  return JSON.parse(JSON.stringify(merged)) as Record<string, unknown>;
}

let events = new Map<string, Event[]>();
let runDir = '';

test('traffic sent to the server and time advanced: records arrive in the log group', async () => {
  const sent = await live.control('POST', '/_vpcflow/traffic', { traffic: traffic() });
  assert.equal(sent.status, 200, JSON.stringify(sent.json));
  assert.deepEqual(sent.json.items.map((i: { place: string }) => i.place), ['traffic[0]', 'traffic[1]', 'traffic[2]', 'traffic[3]', 'traffic[4]']);
  assert.equal(sent.json.items[1].at, '2026-03-01T10:00:10.000Z');
  // Nothing is delivered before time moves.
  assert.equal((await streamEvents()).size, 0);
  const moved = await live.control('POST', '/_vpcflow/advance', { seconds: 600 });
  assert.equal(moved.status, 200, JSON.stringify(moved.json));
  assert.equal(moved.json.now, '2026-03-01T10:10:00.000Z');
  const region = moved.json.regions.find((r: { region: string }) => r.region === 'us-east-1');
  assert.ok(region.packets > 40, `packets ${region.packets}`);
  assert.equal(region.records.failed, 0);
  events = await streamEvents();
  assert.deepEqual([...events.keys()].sort(), [`${ids.dbEni}-all`, `${ids.webEni}-all`].sort());
  const web = events.get(`${ids.webEni}-all`)!.map((e) => e.message);
  // The scanner's SSH attempt is rejected at the web server; its HTTPS client is accepted.
  assert.ok(web.some((m) => / 203\.0\.113\.9 10\.0\.1\.10 \d+ 22 6 .* REJECT OK$/.test(m)), web.join('\n'));
  assert.ok(web.some((m) => / 198\.51\.100\.7 10\.0\.1\.10 \d+ 443 6 .* ACCEPT OK$/.test(m)), web.join('\n'));
  const db = events.get(`${ids.dbEni}-all`)!.map((e) => e.message);
  assert.ok(db.some((m) => / 10\.0\.1\.10 10\.0\.2\.10 \d+ 3306 6 .* REJECT OK$/.test(m)), db.join('\n'));
  for (const list of events.values()) {
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.timestamp <= list[i]!.timestamp, 'events in timestamp order');
  }
});

test('the same network and traffic through `vpcflow run` give the same records', async () => {
  writeFileSync(join(work, 'snapshot.json'), JSON.stringify(await snapshot()));
  const scenario = {
    name: 'live-journey', account: '123456789012', region: 'us-east-1', start: START, seed: SEED, duration: '10m',
    template: 'snapshot.json',
    changes: flowLogParams.map((params) => ({ at: '0s', action: 'CreateFlowLogs', params })),
    traffic: traffic(),
  };
  writeFileSync(join(work, 'scenario.yaml'), JSON.stringify(scenario, null, 2));
  runDir = join(work, 'out');
  await runScenario({ scenario: join(work, 'scenario.yaml'), out: runDir });
  const groupDir = join(runDir, 'cloudwatch', encodeURIComponent(GROUP));
  const expected = new Map<string, Event[]>();
  for (const f of readdirSync(groupDir).filter((n) => n.endsWith('.jsonl'))) {
    const lines = readFileSync(join(groupDir, f), 'utf8').trim().split('\n');
    expected.set(f.replace(/\.jsonl$/, ''), lines.map((l) => JSON.parse(l) as Event).map(({ timestamp, message }) => ({ timestamp, message })));
  }
  assert.deepEqual(events, expected);
});

test('FilterLogEvents and StartQuery answer as the run\'s records say', async () => {
  const all = [...events.values()].flat();
  const rejects = all.filter((e) => e.message.endsWith(' REJECT OK')).map((e) => e.message).sort();
  const filtered = await live.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '[v, acct, eni, src, dst, sport, dport, proto, pkts, bytes, start, end, action = REJECT, status]' }));
  assert.deepEqual(filtered.events!.map((e) => e.message!).sort(), rejects);
  assert.ok(rejects.length >= 2);

  const q = await live.logs.send(new StartQueryCommand({
    logGroupName: GROUP, startTime: Date.parse(START) / 1000 - 60, endTime: Date.parse(START) / 1000 + 3600,
    queryString: 'stats count(*) as n by action | sort action',
  }));
  let results;
  for (let i = 0; i < 50; i++) {
    results = await live.logs.send(new GetQueryResultsCommand({ queryId: q.queryId! }));
    if (results.status === 'Complete') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(results!.status, 'Complete');
  const counts = Object.fromEntries(results!.results!.map((row) => [row.find((c) => c.field === 'action')!.value, Number(row.find((c) => c.field === 'n')!.value)]));
  assert.deepEqual(counts, { ACCEPT: all.length - rejects.length, REJECT: rejects.length });
});

test('the bucket holds the REJECT records of the private subnet, as the run wrote them', async () => {
  const listed = await live.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'db/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/03/01/' }));
  const keys = (listed.Contents ?? []).map((o) => o.Key!).sort();
  assert.ok(keys.length >= 1);
  const body = async (key: string) => gunzipSync(Buffer.from(await (await live.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray())).toString('utf8');
  const objects = await Promise.all(keys.map(body));
  const runBucket = join(runDir, 's3', BUCKET);
  const files = readdirSync(runBucket, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name)).sort();
  const expected = files.map((f) => gunzipSync(readFileSync(f)).toString('utf8'));
  // The server delivers as windows close, so one 5-minute period may take several objects (AWS: "several
  // files may be published"), each with its header; the run writes one per period. The records are the same.
  const header = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
  const records = (texts: string[]) => texts.flatMap((t) => {
    const [first, ...rest] = t.trimEnd().split('\n');
    assert.equal(first, header);
    return rest;
  }).sort();
  assert.deepEqual(records(objects), records(expected));
  assert.ok(records(objects).some((r) => / 3306 6 .* REJECT OK$/.test(r)));
  // Keys are named as AWS names them: the flow log id and the 5-minute period.
  for (const k of keys) assert.match(k, /\/123456789012_vpcflowlogs_us-east-1_fl-[0-9a-f]+_20260301T10[0-5][05]Z_[0-9a-f]{8}\.log\.gz$/);
});
