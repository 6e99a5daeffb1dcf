/**
 * End to end: `vpcflow run` on a generated scenario of 10.7 million packets
 * (1.14 million records), in a child process (so its peak memory is its own),
 * reporting packets and records per second and the child's peak resident
 * memory (getrusage's ru_maxrss).
 *
 * The scenario (written as JSON, which YAML reads, into a temporary folder):
 * - one VPC, 10.0.0.0/16, an internet gateway; 8 subnets of 25 instances:
 *   web (subnets 0–1, public addresses), app (2–4), db (5–7), each tier in
 *   its own security group (web: 80 and 443 from anywhere; app: 8080 from
 *   web; db: 5432 from app), the default network ACL;
 * - three flow logs on the VPC, all traffic: CloudWatch Logs (default format,
 *   600 s windows), S3 gzip text (default format, 600 s), S3 Parquet (a v5
 *   custom format, 60 s windows);
 * - traffic over 20 simulated minutes: web → app (8080) and app → db (5432)
 *   TCP connections with data (a 2 kB request, a 100 kB response: about 110
 *   packets each), repeated every 4 s per pair (270 pairs, 300 times each);
 *   internet clients → web (80, 50 kB pages every 8 s) through the internet
 *   gateway; 6 SYN scans of ports 1–1024 from a scanner. About 85,000 TCP
 *   connections in all; the 10-minute windows close twice during the run.
 *
 * Every figure is the whole `runScenario` call: loading, simulation, data
 * plane, aggregation, rendering and writing every destination (the last three
 * on the run's second thread, src/app/aggregation-worker.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface E2eRun {
  seconds: number;
  packets: number;
  records: number;
  /** Peak resident set size of the child, bytes. */
  maxRss: number;
  /** Bytes written, per destination type. */
  bytes: Record<string, number>;
}

const SUBNETS = 8;
const PER_SUBNET = 25;
const tierOf = (s: number): 'Web' | 'App' | 'Db' => (s < 2 ? 'Web' : s < 5 ? 'App' : 'Db');

const ref = (id: string) => ({ Ref: id });
const V5 = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ' +
  '${vpc-id} ${subnet-id} ${instance-id} ${tcp-flags} ${type} ${pkt-srcaddr} ${pkt-dstaddr} ${region} ${az-id} ${flow-direction} ${traffic-path}';

/** The scenario, as an object; `repeat` scales the TCP items (300 gives 10.7 million packets). */
export function e2eScenario(repeat = 450): object {
  const resources: Record<string, unknown> = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Igw: { Type: 'AWS::EC2::InternetGateway' },
    IgwAttachment: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref('Vpc'), InternetGatewayId: ref('Igw') } },
    PublicRoutes: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
    DefaultRoute: { Type: 'AWS::EC2::Route', DependsOn: 'IgwAttachment', Properties: { RouteTableId: ref('PublicRoutes'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') } },
    WebSG: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'web', VpcId: ref('Vpc'),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
      },
    },
    AppSG: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'app', VpcId: ref('Vpc'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: ref('WebSG') }] } },
    DbSG: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'db', VpcId: ref('Vpc'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: ref('AppSG') }] } },
    LogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/vpc/bench' } },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'vpcflow-bench' } },
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    FlowLogCw: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: ref('Vpc'), TrafficType: 'ALL', LogGroupName: ref('LogGroup'), DeliverLogsPermissionArn: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
    FlowLogText: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: ref('Vpc'), TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: { 'Fn::Sub': '${Bucket.Arn}/text' } } },
    FlowLogParquet: {
      Type: 'AWS::EC2::FlowLog',
      Properties: {
        ResourceType: 'VPC', ResourceId: ref('Vpc'), TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: { 'Fn::Sub': '${Bucket.Arn}/parquet' },
        MaxAggregationInterval: 60, LogFormat: V5, DestinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: false, PerHourPartition: false },
      },
    },
  };
  const tiers: Record<'Web' | 'App' | 'Db', string[]> = { Web: [], App: [], Db: [] };
  for (let s = 0; s < SUBNETS; s++) {
    const tier = tierOf(s);
    resources[`Subnet${s}`] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: `10.0.${s}.0/24`, MapPublicIpOnLaunch: tier === 'Web' } };
    if (tier === 'Web') resources[`Subnet${s}Routes`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref(`Subnet${s}`), RouteTableId: ref('PublicRoutes') } };
    for (let h = 0; h < PER_SUBNET; h++) {
      const id = `${tier}${s}x${h}`;
      tiers[tier].push(id);
      resources[id] = { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 'm5.large', SubnetId: ref(`Subnet${s}`), PrivateIpAddress: `10.0.${s}.${10 + h}`, SecurityGroupIds: [ref(`${tier}SG`)] } };
    }
  }
  const hosts: Record<string, string> = { scanner: '54.149.118.103' };
  const traffic: unknown[] = [];
  const every = 4;
  // Web → app and app → db: each web instance talks to three app instances, each app instance to two db instances.
  tiers.Web.forEach((w, i) => {
    for (let k = 0; k < 3; k++) traffic.push({ at: `${(i * 3 + k) * 0.013}s`, tcp: { from: w, to: tiers.App[(i * 3 + k) % tiers.App.length]!, port: 8080, request: 2000, response: 100_000, repeat, every: `${every}s` } });
  });
  tiers.App.forEach((a, i) => {
    for (let k = 0; k < 2; k++) traffic.push({ at: `${(i * 2 + k) * 0.011}s`, tcp: { from: a, to: tiers.Db[(i * 2 + k) % tiers.Db.length]!, port: 5432, request: 2000, response: 100_000, repeat, every: `${every}s` } });
  });
  // Internet clients: one per web instance, a page every 8 s.
  tiers.Web.forEach((w, i) => {
    hosts[`client${i}`] = `198.51.100.${10 + i}`;
    traffic.push({ at: `${i * 0.017}s`, tcp: { from: `client${i}`, to: w, port: 80, request: 700, response: 50_000, repeat: Math.ceil(repeat / 2), every: `${every * 2}s` } });
  });
  for (let k = 0; k < 6; k++) traffic.push({ at: `${60 + k * 120}s`, scan: { from: 'scanner', to: tiers.Web[k * 5]!, ports: '1-1024', proto: 'tcp', rate: 200 } });
  return {
    name: 'bench-e2e', account: '123456789012', region: 'us-east-1', start: '2026-01-01T00:00:00Z', seed: 1,
    hosts, resources, traffic,
  };
}

/** Writes the scenario, runs it in a child process, and removes everything again. */
export function benchEndToEnd(repeat = 300): E2eRun {
  const dir = mkdtempSync(join(tmpdir(), 'vpcflow-bench-'));
  try {
    const scenario = join(dir, 'scenario.yaml');
    writeFileSync(scenario, JSON.stringify(e2eScenario(repeat), null, 1));
    const child = join(import.meta.dirname, 'e2e-child.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', child, scenario, join(dir, 'out')], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`end-to-end run failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as E2eRun;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
