/**
 * `vpcflow serve --data DIR` keeps EC2 state across a restart: the journal of
 * mutating calls is replayed on start, so every Describe* answers the same
 * bytes after a restart, new resources get fresh ids, a torn last line is
 * dropped and a corrupt one refuses the start.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  AllocateAddressCommand, AssociateRouteTableCommand, AssociateVpcCidrBlockCommand, AttachInternetGatewayCommand,
  AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand, CreateFlowLogsCommand, CreateInternetGatewayCommand,
  CreateNatGatewayCommand, CreateNetworkAclCommand, CreateNetworkAclEntryCommand, CreateNetworkInterfaceCommand, CreateRouteCommand,
  CreateRouteTableCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateTagsCommand, CreateVpcCommand, DeleteFlowLogsCommand,
  DeleteNetworkAclEntryCommand, DeleteTagsCommand, DeleteVpcCommand, DescribeFlowLogsCommand, DescribeInstancesCommand,
  DescribeNetworkAclsCommand, DescribeSecurityGroupRulesCommand, DescribeSubnetsCommand, DescribeTagsCommand, DescribeVpcsCommand,
  type EC2Client, ModifySubnetAttributeCommand, ReplaceNetworkAclEntryCommand, RevokeSecurityGroupEgressCommand,
  RunInstancesCommand, TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { loadScenario } from '../../../src/adapters/scenario/index.ts';
import { Ec2JournalError, ec2JournalPath } from '../../../src/server/ec2-journal.ts';
import { startServer } from '../../../src/server/server.ts';
import type { Ec2Change } from '../../../src/server/state.ts';
import { EC2_ACTIONS } from '../../../src/services/ec2/handlers/index.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { expectAwsError } from '../support/errors.ts';
import { FORM, raw } from '../support/raw.ts';
import { s3Client } from '../s3/support.ts';
import { type TestServer, ec2Client, startTestServer } from '../support/server.ts';

// Every assert.ok has a message: without one, node reads the transpiled source to make one up, which can take minutes.
const ROOT = mkdtempSync(join(tmpdir(), 'vpcflow-ec2-persist-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));
let dirs = 0;
const newDataDir = () => join(ROOT, `data-${++dirs}`);

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/flow-logs`;

/** A clock that moves one second per read, from `start`: restarts use another start, so a replay that read the live clock would show. */
const steppingClock = (start: number) => {
  let t = start;
  return () => (t += 1000);
};

const start = (dataDir: string, clockStart = Date.UTC(2026, 0, 1)): Promise<TestServer> =>
  startTestServer({ dataDir, account: ACCOUNT, clock: steppingClock(clockStart) });

const DESCRIBES = Object.keys(EC2_ACTIONS).filter((a) => a.startsWith('Describe')).sort();

/** Every Describe* answer of a region, as raw XML without its request id. */
async function describeAll(url: string, region: string): Promise<Map<string, string>> {
  const auth = `AWS4-HMAC-SHA256 Credential=AKIAVPCFLOWTEST00000/20260101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`;
  const out = new Map<string, string>();
  for (const action of DESCRIBES) {
    const r = await raw(url, { headers: { ...FORM, authorization: auth }, body: `Action=${action}&Version=2016-11-15` });
    assert.equal(r.status, 200, `${action}: ${r.body}`);
    out.set(action, r.body.replace(/<requestId>[^<]*<\/requestId>/, ''));
  }
  return out;
}

const IDS = /\b(?:vpc|subnet|rtb|rtbassoc|igw|nat|eipalloc|eipassoc|acl|aclassoc|sg|sgr|eni|eni-attach|i|fl|vpc-cidr-assoc|subnet-cidr-assoc|r)-[0-9a-f]{17}\b/g;
const idsIn = (text: string): Set<string> => new Set(text.match(IDS) ?? []);

const journalLines = (dataDir: string): string[] => readFileSync(ec2JournalPath(dataDir, ACCOUNT), 'utf8').split('\n').filter(Boolean);

/** Builds a network in two regions with many kinds of calls, failing ones and concurrent ones among them; returns every id it saw. */
async function buildNetwork(ec2: EC2Client, euUrl: string): Promise<{ ids: Set<string>; vpc: string; web: string; acl: string; instance: string; flowLog: string }> {
  const seen = new Set<string>();
  const note = <T>(v: T): T => {
    for (const id of idsIn(JSON.stringify(v))) seen.add(id);
    return v;
  };
  const vpc = note(await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'main' }] }] }))).Vpc!.VpcId!;
  note(await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc, CidrBlock: '10.1.0.0/16' })));
  const doomed = note(await ec2.send(new CreateVpcCommand({ CidrBlock: '192.168.0.0/16' }))).Vpc!.VpcId!;
  await ec2.send(new DeleteVpcCommand({ VpcId: doomed }));
  // Concurrent calls: their journal lines share fsyncs, and their order must still be the order they ran in.
  const subnets = (await Promise.all(['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.1.0.0/24'].map((c, i) =>
    ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: c, AvailabilityZone: i % 2 ? 'us-east-1b' : 'us-east-1a' }))))).map((r) => note(r).Subnet!.SubnetId!);
  const [pub, priv, spare] = subnets as [string, string, string];
  await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: pub, MapPublicIpOnLaunch: { Value: true } }));
  await expectAwsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/25' })), 'InvalidSubnet.Conflict');
  await expectAwsError(ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.9.0/24' })), 'InvalidVpcID.NotFound');
  await expectAwsError(ec2.send(new DeleteVpcCommand({ VpcId: vpc })), 'DependencyViolation');
  // A dry run changes nothing and is not journaled.
  await expectAwsError(ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16', DryRun: true })), 'DryRunOperation');

  const igw = note(await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
  const rtb = note(await ec2.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable!.RouteTableId!;
  await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
  note(await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: pub })));
  const eip = note(await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId!;
  note(await ec2.send(new CreateNatGatewayCommand({ SubnetId: pub, AllocationId: eip })));

  const acl = note(await ec2.send(new CreateNetworkAclCommand({ VpcId: vpc }))).NetworkAcl!.NetworkAclId!;
  const entry = (n: number, egress: boolean, action: 'allow' | 'deny') => ec2.send(new CreateNetworkAclEntryCommand({
    NetworkAclId: acl, RuleNumber: n, Egress: egress, Protocol: '6', RuleAction: action, CidrBlock: '10.0.1.0/24', PortRange: { From: 5432, To: 5432 },
  }));
  await entry(100, false, 'allow');
  await entry(110, false, 'deny');
  await entry(100, true, 'allow');
  await expectAwsError(entry(100, false, 'deny'), 'NetworkAclEntryAlreadyExists');
  await ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 110, Egress: false, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' }));
  await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Egress: true }));

  const group = async (name: string) => note(await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: name, Description: name }))).GroupId!;
  const [web, db] = await Promise.all([group('web'), group('db')]);
  const https = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }] };
  note(await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web!, IpPermissions: [https] })));
  await expectAwsError(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web!, IpPermissions: [https] })), 'InvalidPermission.Duplicate');
  note(await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: db!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web! }] }] })));
  await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: db!, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  note(await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: db!, IpPermissions: [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.2/32' }] }] })));

  note(await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: spare, Groups: [db!], Description: 'spare' })));
  const launch = (subnet: string, extra: object = {}) => ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1, SubnetId: subnet, ...extra }));
  const [a, b] = (await Promise.all([
    launch(pub, { SecurityGroupIds: [web!], PrivateIpAddress: '10.0.1.10', TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }] }] }),
    launch(priv, { SecurityGroupIds: [db!] }),
  ])).map((r) => note(r).Instances![0]!.InstanceId!);
  await expectAwsError(launch(pub, { PrivateIpAddress: '10.0.1.10' }), 'InvalidIPAddress.InUse');
  const c = note(await launch(priv)).Instances![0]!.InstanceId!;
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: [c] }));
  await expectAwsError(ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })), 'InvalidInstanceID.NotFound');

  const flowLog = note(await ec2.send(new CreateFlowLogsCommand({
    ResourceIds: [vpc], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: '/vpc/flows', DeliverLogsPermissionArn: ROLE,
    TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'team', Value: 'net' }] }],
  }))).FlowLogIds![0]!;
  const s3 = s3Client(euUrl);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'flow-bucket' }));
    const toS3 = (resources: string[], bucket: string) => ec2.send(new CreateFlowLogsCommand({
      ResourceIds: resources, ResourceType: 'Subnet', TrafficType: 'REJECT', LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${bucket}`,
    }));
    const s3Log = note(await toS3([pub, 'subnet-0123456789abcdef0'], 'flow-bucket')).FlowLogIds![0]!;
    note(await toS3([priv], 'flow-bucket'));
    await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [s3Log] }));
    // The bucket does not exist yet: no flow log, though the bucket is there when the journal is replayed.
    const early = await toS3([priv, spare], 'late-bucket');
    assert.deepEqual(early.FlowLogIds, []);
    assert.deepEqual(early.Unsuccessful!.map((u) => u.Error!.Code), ['400', '400']);
    await s3.send(new CreateBucketCommand({ Bucket: 'late-bucket' }));
  } finally {
    s3.destroy();
  }

  await ec2.send(new CreateTagsCommand({ Resources: [pub, priv, a!, b!, web!], Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'tier', Value: 'x' }] }));
  await ec2.send(new DeleteTagsCommand({ Resources: [priv], Tags: [{ Key: 'tier' }] }));

  // Another region: its own network and ids, in the same journal.
  const eu = ec2Client(euUrl, 'eu-west-1');
  try {
    const euVpc = note(await eu.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    note(await eu.send(new CreateSubnetCommand({ VpcId: euVpc, CidrBlock: '10.0.0.0/24', AvailabilityZone: 'eu-west-1a' })));
    await expectAwsError(eu.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.5.0/24' })), 'InvalidVpcID.NotFound');
  } finally {
    eu.destroy();
  }
  return { ids: seen, vpc, web: web!, acl, instance: a!, flowLog };
}

test('a restart answers every Describe* in every region byte for byte as before, and new resources get fresh ids', async () => {
  const data = newDataDir();
  const first = await start(data);
  let built: Awaited<ReturnType<typeof buildNetwork>>;
  let before: Map<string, Map<string, string>>;
  try {
    built = await buildNetwork(first.ec2, first.server.url);
    before = new Map([['us-east-1', await describeAll(first.server.url, 'us-east-1')], ['eu-west-1', await describeAll(first.server.url, 'eu-west-1')]]);
  } finally {
    await first.close();
  }

  // Failed calls are journaled, flagged; the dry run is not.
  const entries = journalLines(data).map((l) => JSON.parse(l) as { action: string; ok: boolean; error?: string; params: Record<string, unknown> });
  assert.ok(entries.some((e) => !e.ok && e.error === 'InvalidSubnet.Conflict' && e.params.CidrBlock === '10.0.1.0/25'), 'a failed CreateSubnet is journaled, flagged');
  assert.ok(entries.some((e) => !e.ok && e.action === 'RunInstances' && e.error === 'InvalidIPAddress.InUse'), 'a failed RunInstances is journaled, flagged');
  assert.ok(!entries.some((e) => e.params.CidrBlock === '10.9.0.0/16' || 'DryRun' in e.params), 'a dry run is not journaled');
  assert.ok(!entries.some((e) => e.action.startsWith('Describe')), 'no Describe* is journaled');

  // A year later by the clock: creation times must come from the journal, not from the new clock.
  const second = await start(data, Date.UTC(2027, 0, 1));
  try {
    for (const [region, answers] of before) {
      const now = await describeAll(second.server.url, region);
      for (const action of DESCRIBES) assert.equal(now.get(action), answers.get(action), `${action} in ${region} after the restart`);
    }
    // The comparison above is only worth something if the answers hold the network.
    const all = [...before.get('us-east-1')!.values()].join('');
    for (const id of [built.vpc, built.web, built.acl, built.instance, built.flowLog]) assert.ok(all.includes(id), id);

    const { ec2 } = second;
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    assert.deepEqual(vpcs.map((v) => v.VpcId), [built.vpc]);
    assert.deepEqual(vpcs[0]!.Tags, [{ Key: 'Name', Value: 'main' }]);
    assert.equal((await ec2.send(new DescribeSubnetsCommand({}))).Subnets!.length, 4);
    const rules = (await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [built.web] }] }))).SecurityGroupRules!;
    assert.ok(rules.some((r) => !r.IsEgress && r.FromPort === 443 && r.CidrIpv4 === '0.0.0.0/0'), 'the https ingress rule is kept');
    const acl = (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [built.acl] }))).NetworkAcls![0]!;
    assert.deepEqual(acl.Entries!.filter((e) => e.RuleNumber! < 32767).map((e) => [e.RuleNumber, e.Egress, e.RuleAction, e.Protocol]).sort(),
      [[100, false, 'allow', '6'], [110, false, 'deny', '-1']]);
    const inst = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [built.instance] }))).Reservations![0]!.Instances![0]!;
    assert.equal(inst.PrivateIpAddress, '10.0.1.10');
    assert.deepEqual(inst.Tags!.find((t) => t.Key === 'Name'), { Key: 'Name', Value: 'web-1' });
    const fl = (await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [built.flowLog] }))).FlowLogs![0]!;
    assert.ok(fl.CreationTime!.getTime() < Date.UTC(2027, 0, 1), `flow log created ${fl.CreationTime!.toISOString()}, before the restart`);
    assert.deepEqual(fl.Tags, [{ Key: 'team', Value: 'net' }]);
    const env = (await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['env'] }] }))).Tags!;
    assert.equal(env.length, 5);

    // Resources created after the restart never reuse an id, not even one of a deleted resource.
    const fresh = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const sub = (await ec2.send(new CreateSubnetCommand({ VpcId: fresh, CidrBlock: '10.0.0.0/24' }))).Subnet!.SubnetId!;
    assert.ok(!built.ids.has(fresh), fresh);
    assert.ok(!built.ids.has(sub), sub);
  } finally {
    await second.close();
  }
});

test('the ids after a restart are the ids a server that never stopped would have issued', async () => {
  const launch = (ec2: EC2Client, subnet: string, ip: string) =>
    ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1, SubnetId: subnet, PrivateIpAddress: ip }));
  // A RunInstances refused for an address in use has drawn its instance and interface ids already:
  // the next launch gets other ids than it would have without the failure, so replay must run it too.
  const calls = async (ec2: EC2Client) => {
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    await expectAwsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.1.0.0/24' })), 'InvalidSubnet.Range');
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.0.0/24' }))).Subnet!.SubnetId!;
    await launch(ec2, subnet, '10.0.0.10');
    await expectAwsError(launch(ec2, subnet, '10.0.0.10'), 'InvalidIPAddress.InUse');
    return { vpc, subnet };
  };
  const next = async (ec2: EC2Client, { vpc, subnet }: { vpc: string; subnet: string }) => {
    const i = (await launch(ec2, subnet, '10.0.0.11')).Instances![0]!;
    return [i.InstanceId, i.NetworkInterfaces![0]!.NetworkInterfaceId,
      (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/24' }))).Subnet!.SubnetId!,
      (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'g', Description: 'g' }))).GroupId!];
  };

  const steady = await start(newDataDir());
  const expected = await next(steady.ec2, await calls(steady.ec2));
  await steady.close();

  const data = newDataDir();
  const before = await start(data);
  const made = await calls(before.ec2);
  await before.close();
  const afterRestart = await start(data);
  try {
    assert.deepEqual(await next(afterRestart.ec2, made), expected);
  } finally {
    await afterRestart.close();
  }
});

test('a torn last line (a crash mid-write) is ignored and cut off; later calls append after it', async () => {
  const data = newDataDir();
  const first = await start(data);
  const vpc = (await first.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  await first.close();
  const file = ec2JournalPath(data, ACCOUNT);
  const whole = statSync(file).size;
  appendFileSync(file, '{"region":"us-east-1","action":"CreateVpc","params":{"CidrBlock":"10.7.0');

  const second = await start(data);
  try {
    assert.equal(statSync(file).size, whole, 'the torn line is truncated away');
    assert.deepEqual((await second.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId), [vpc]);
    await second.ec2.send(new CreateVpcCommand({ CidrBlock: '10.8.0.0/16' }));
  } finally {
    await second.close();
  }
  assert.equal(journalLines(data).length, 2);
  const third = await start(data);
  try {
    assert.deepEqual((await third.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.CidrBlock), ['10.0.0.0/16', '10.8.0.0/16']);
  } finally {
    await third.close();
  }
});

test('an unreadable line before the last refuses the start, naming the file and the line', async () => {
  const data = newDataDir();
  const first = await start(data);
  await first.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  await first.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
  await first.close();
  const file = ec2JournalPath(data, ACCOUNT);
  const lines = readFileSync(file, 'utf8').split('\n');
  const good = readFileSync(file);

  writeFileSync(file, [lines[0], '{"region":"us-east-1","action":"CreateVpc",garbage', lines[1], ''].join('\n'));
  await assert.rejects(start(data), (e: Error) => {
    assert.ok(e instanceof Ec2JournalError, String(e));
    assert.equal(e.file, file);
    assert.equal(e.line, 2);
    assert.ok(e.message.includes(`${file}, line 2`), e.message);
    return true;
  });
  // A whole line that is JSON but no journal entry is refused the same way.
  writeFileSync(file, [lines[0], '{"region":"us-east-1","params":{}}', ''].join('\n'));
  await assert.rejects(start(data), /line 2: unreadable entry: no "action"/);
  // So is a call that replays differently than it ran: the state would not be the one clients saw.
  writeFileSync(file, `${lines[0]}\n${JSON.stringify({ region: 'us-east-1', action: 'DeleteVpc', params: { VpcId: 'vpc-0123456789abcdef0' }, time: 1, ok: true })}\n`);
  await assert.rejects(start(data), /line 2: DeleteVpc in us-east-1 succeeded when it ran but failed with InvalidVpcID\.NotFound on replay/);

  writeFileSync(file, good);
  const again = await start(data);
  try {
    assert.equal((await again.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.length, 2);
  } finally {
    await again.close();
  }
});

test('onEc2Change is told of each mutating call before it runs, with the time it runs at; not of reads, dry runs or replays', async () => {
  const data = newDataDir();
  const t = await start(data);
  const seen: { change: Ec2Change; vpcs: number }[] = [];
  const stop = t.server.state.onEc2Change((change) => seen.push({ change, vpcs: t.server.state.region(change.region).net.vpcs.size }));
  try {
    const vpc = (await t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    await t.ec2.send(new DescribeVpcsCommand({}));
    await expectAwsError(t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', DryRun: true })), 'DryRunOperation');
    const fl = (await t.ec2.send(new CreateFlowLogsCommand({ ResourceIds: [vpc], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: '/flows', DeliverLogsPermissionArn: ROLE }))).FlowLogIds![0]!;
    assert.deepEqual(seen.map((s) => [s.change.region, s.change.action, s.vpcs]), [['us-east-1', 'CreateVpc', 0], ['us-east-1', 'CreateFlowLogs', 1]]);
    const created = (await t.ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [fl] }))).FlowLogs![0]!.CreationTime!.getTime();
    assert.equal(created, seen[1]!.change.time, 'the call runs at the time the listener was given');
  } finally {
    stop();
    await t.close();
  }
  const replayed: Ec2Change[] = [];
  const again = await startServer({
    port: 0, dataDir: data, account: ACCOUNT, prepare: (state) => { state.onEc2Change((c) => replayed.push(c)); },
  });
  await again.close();
  assert.deepEqual(replayed, []);
});

test('adoptRegion starts a region from a scenario network; API changes on top of it survive a restart', async () => {
  const file = join(REPO_ROOT, 'examples', 'nat-gateway', 'scenario.yaml');
  const data = newDataDir();
  const boot = async (clock: number, seed?: string) => {
    const { settings, network } = await loadScenario(file, { seed });
    const server = await startServer({
      port: 0, dataDir: data, account: settings.account, clock: steppingClock(clock),
      prepare: (state) => { state.adoptRegion(settings.region, network.net, network.ctx); },
    });
    return { server, ec2: ec2Client(server.url, settings.region), settings, network };
  };
  const first = await boot(Date.UTC(2026, 0, 1));
  let vpcId: string, subnetId: string, flowLogId: string, scenarioVpcs: number;
  try {
    assert.throws(() => first.server.state.adoptRegion('eu-west-1', first.network.net, first.network.ctx), /already restored/);
    // Two reads in a row of the stepping clock: one second apart if both read the server's clock.
    assert.equal(first.network.ctx.now() + 1000, first.server.state.now(), 'the adopted context reads the server clock');
    const vpcs = (await first.ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    scenarioVpcs = vpcs.length;
    assert.ok(scenarioVpcs >= 1, 'the scenario has a VPC');
    vpcId = vpcs[0]!.VpcId!;
    subnetId = (await first.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.250.0/24' }))).Subnet!.SubnetId!;
    flowLogId = (await first.ec2.send(new CreateFlowLogsCommand({ ResourceIds: [vpcId], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: '/api-flows', DeliverLogsPermissionArn: ROLE }))).FlowLogIds![0]!;
  } finally {
    first.ec2.destroy();
    await first.server.close();
  }
  const second = await boot(Date.UTC(2027, 0, 1));
  try {
    assert.equal((await second.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.length, scenarioVpcs);
    const sub = (await second.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets![0]!;
    assert.equal(sub.VpcId, vpcId);
    const fl = (await second.ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [flowLogId] }))).FlowLogs!;
    assert.equal(fl[0]!.LogGroupName, '/api-flows');
    assert.ok(fl[0]!.CreationTime!.getTime() < Date.UTC(2027, 0, 1), 'created before the restart');
  } finally {
    second.ec2.destroy();
    await second.server.close();
  }
  // The journal's calls ran on top of that network: another one, or none, refuses the start.
  await assert.rejects(boot(Date.UTC(2027, 0, 1), 'another-seed'), /line 1: region us-east-1 was started from another network/);
  await assert.rejects(startServer({ port: 0, dataDir: data, account: '123456789010' }), /line 1: region us-east-1 was started from a built network \(a scenario\); this start gives it none/);
});

test('a region started empty cannot later be started from a scenario network over the same folder', async () => {
  const data = newDataDir();
  const plain = await startServer({ port: 0, dataDir: data, account: '123456789010' });
  const ec2 = ec2Client(plain.url);
  await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  ec2.destroy();
  await plain.close();
  const { settings, network } = await loadScenario(join(REPO_ROOT, 'examples', 'nat-gateway', 'scenario.yaml'));
  await assert.rejects(startServer({
    port: 0, dataDir: data, account: settings.account, prepare: (state) => { state.adoptRegion(settings.region, network.net, network.ctx); },
  }), /line 1: region us-east-1 was started empty; this start gives it a built network/);
});
