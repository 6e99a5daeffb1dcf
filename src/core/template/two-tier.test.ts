import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScenario } from '../../adapters/scenario/load.ts';

const FILE = 'test/fixtures/scenarios/two-tier.scenario.yaml';

test('a realistic two-tier template builds the network AWS would', async () => {
  const { settings, network } = await loadScenario(FILE);
  const { net } = network;
  const id = (logical: string) => net.logical.get(logical)!.physicalId;
  assert.equal(settings.name, 'two-tier');
  assert.equal(settings.start, Date.UTC(2026, 2, 1, 12) / 1000);

  const vpc = net.vpcs.get(id('Vpc'))!;
  assert.equal(vpc.cidrs[0]!.text, '10.0.0.0/16');
  assert.deepEqual(vpc.tags, [{ Key: 'Name', Value: 'two-tier-vpc' }]);
  const web = net.subnets.get(id('WebSubnet'))!;
  const db = net.subnets.get(id('DbSubnet'))!;
  assert.equal(web.cidr.text, '10.0.0.0/24');
  assert.equal(db.cidr.text, '10.0.1.0/24');
  assert.equal(web.az, 'us-east-1a');
  assert.equal(web.azId, 'use1-az1');
  assert.equal(web.mapPublicIpOnLaunch, true);

  const igw = net.internetGateways.get(id('Igw'))!;
  assert.equal(igw.vpcId, vpc.id);
  assert.deepEqual(net.routeTableOf(web).routes.map((r) => [r.dest.text, r.target.kind, r.target.id]), [
    ['10.0.0.0/16', 'local', undefined], ['0.0.0.0/0', 'igw', igw.id],
  ]);
  assert.equal(net.routeTableOf(db).id, vpc.mainRouteTableId);

  const acl = net.networkAcls.get(db.networkAclId)!;
  assert.equal(acl.logicalId, 'DbAcl');
  assert.deepEqual(acl.entries.map((e) => [e.ruleNumber, e.egress, e.protocol, e.action, e.cidr.text, e.portFrom, e.portTo]), [
    [100, false, 6, 'allow', '10.0.0.0/24', 3306, 3306], [100, true, 6, 'allow', '10.0.0.0/24', 1024, 65535],
  ]);
  assert.equal(web.networkAclId, vpc.defaultNetworkAclId);

  const webSg = net.securityGroups.get(id('WebSG'))!;
  const dbSg = net.securityGroups.get(id('DbSG'))!;
  assert.equal(dbSg.name, 'db');
  assert.deepEqual(webSg.ingress.map((r) => [r.fromPort, r.peer.kind === 'cidr' && r.peer.cidr.text]), [[80, '0.0.0.0/0'], [22, '198.51.100.0/24']]);
  assert.deepEqual(dbSg.ingress.map((r) => r.peer), [{ kind: 'sg', groupId: webSg.id, userId: undefined }]);
  assert.deepEqual(dbSg.egress.map((r) => r.peer.kind === 'cidr' && r.peer.cidr.text), ['10.0.0.0/16']);

  const webEni = net.interfaces.get('eni-0123456789abcdef0')!;
  assert.equal(net.instances.get('i-0123456789abcdef0')!.instanceType, 't3.micro');
  assert.equal(webEni.privateIps[0]!.text, '10.0.0.4');
  assert.equal(webEni.publicIp?.text, '3.80.10.20');
  const dbEni = net.interfaces.get(net.instances.get(id('Db'))!.eniIds[0]!)!;
  assert.equal(dbEni.privateIps[0]!.text, '10.0.1.10');
  assert.equal(dbEni.publicIp, undefined);
  assert.equal(net.logical.has('DbReplica'), false);

  const flowLogs = [...net.flowLogs.values()];
  assert.deepEqual(flowLogs.map((f) => [f.resourceType, f.resourceId, f.trafficType, f.destinationType, f.maxAggregationInterval]), [
    ['VPC', vpc.id, 'ALL', 'cloud-watch-logs', 60], ['Subnet', db.id, 'REJECT', 's3', 600],
  ]);
  for (const f of flowLogs) assert.equal(f.creationTime, settings.start * 1000);
  const group = id('FlowLogGroup');
  assert.match(group, /^two-tier-FlowLogGroup-[A-Z0-9]{12}$/);
  assert.equal(flowLogs[0]!.logGroupName, group);
  assert.ok(net.logGroups.has(group));
  const bucket = id('Bucket');
  assert.match(bucket, /^two-tier-bucket-[a-z0-9]{12}$/);
  assert.equal(flowLogs[1]!.logDestination, `arn:aws:s3:::${bucket}/flows`);
  assert.deepEqual([flowLogs[1]!.fileFormat, flowLogs[1]!.hiveCompatiblePartitions], ['parquet', true]);

  assert.deepEqual(network.ignored, ['AWS::IAM::Role']);
  assert.equal(network.warnings.length, 1);
  assert.match(network.warnings[0]!, /FlowLogRole/);
  assert.deepEqual(network.outputs, { WebIp: '3.80.10.20' });
});

test('the two-tier scenario\'s traffic and changes, with their defaults, resolved and in time order', async () => {
  const { settings, network } = await loadScenario(FILE);
  assert.deepEqual(settings.options, { nodata: true, capacity: 500 });
  assert.equal(settings.duration, 1800);
  assert.deepEqual(settings.hosts, { home: '198.51.100.7', ntp: '162.159.200.123' });
  assert.deepEqual(settings.listen, { Web: [22, 80] });
  const [tcp, repeated, icmp, scan, udp] = settings.traffic;
  assert.deepEqual(tcp, {
    kind: 'tcp', at: 0, from: { kind: 'host', name: 'home', address: '198.51.100.7' }, to: { kind: 'logical', logicalId: 'Web' },
    port: 80, request: 700, response: 5000, duration: 0, retries: 6, repeat: 1, every: 0, sport: undefined, place: 'traffic[0]',
  });
  assert.deepEqual([repeated!.at, repeated!.repeat, repeated!.every], [300, 20, 10]);
  assert.deepEqual(icmp, { kind: 'icmp', at: 60, from: tcp!.from, to: tcp!.to, count: 4, size: 56, repeat: 1, every: 0, sport: undefined, place: 'traffic[2]' });
  assert.equal(scan!.kind, 'scan');
  assert.deepEqual(scan!.kind === 'scan' && [scan!.ports, scan!.proto, scan!.rate], [[20, 21, 22, 23, 24, 25, 80], 'tcp', 50]);
  assert.deepEqual(udp!.kind === 'udp' && [udp!.request, udp!.response, udp!.sport, udp!.to], [48, 48, 40123, { kind: 'host', name: 'ntp', address: '162.159.200.123' }]);
  const id = (logical: string) => network.net.logical.get(logical)!.physicalId;
  assert.deepEqual(settings.changes.map((c) => [c.at, c.action, c.place]), [
    [300, 'ReplaceNetworkAclEntry', 'changes[2]'], [600, 'RevokeSecurityGroupIngress', 'changes[0]'], [3600, 'DeleteRoute', 'changes[1]'],
  ]);
  assert.equal(settings.changes[0]!.params.NetworkAclId, id('DbAcl'));
  assert.equal(settings.changes[1]!.params.GroupId, id('WebSG'));
  assert.deepEqual(settings.changes[2]!.params, { RouteTableId: id('PublicRoutes'), DestinationCidrBlock: '0.0.0.0/0' });
});
