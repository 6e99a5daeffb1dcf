/** Snapshots (merged aws ec2 describe-* output): import with real ids and exact rules, the inverse, bad input, use as a scenario template. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadScenario } from '../../adapters/scenario/index.ts';
import { REPO_ROOT } from '../../../test/support/shared-data.ts';
import { Engine } from '../dataplane/engine.ts';
import { ip } from '../net/ip.ts';
import { TCP } from '../net/protocol.ts';
import { SnapshotError } from './errors.ts';
import { isSnapshot } from './detect.ts';
import { toSnapshot } from './export.ts';
import { importSnapshot } from './import.ts';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'snapshot', 'frontal-bd.json');
const fixture = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, any>;

test('the fixture imports with its own ids, rules, associations and addresses', () => {
  const { net, warnings } = importSnapshot(fixture());
  assert.deepEqual(warnings, []);
  assert.equal(net.account, '123456789012');
  assert.equal(net.region, 'us-east-1');
  const web = net.instances.get('i-0a1b2c3d4e5f60718')!;
  assert.deepEqual(web.eniIds, ['eni-0f1e2d3c4b5a69788']);
  const eni = net.interfaces.get('eni-0f1e2d3c4b5a69788')!;
  assert.equal(eni.privateIps[0]!.text, '172.31.60.10');
  assert.equal(eni.publicIp?.text, '3.80.10.20');
  const subnet = net.subnets.get(eni.subnetId)!;
  const acl = net.networkAcls.get(subnet.networkAclId)!;
  assert.equal(acl.isDefault, false);
  // The `*` rules AWS prints are the model's implicit final deny, not entries.
  assert.deepEqual(acl.entries.map((e) => `${e.egress ? 'out' : 'in'} ${e.ruleNumber} ${e.action} ${e.protocol} ${e.cidr.text} ${e.portFrom}-${e.portTo}`).sort(), [
    'in 100 allow 6 0.0.0.0/0 80-80', 'in 110 allow 6 198.51.100.7/32 22-22', 'in 120 allow 6 172.31.50.0/27 1024-65535',
    'out 100 allow 6 0.0.0.0/0 1024-65535', 'out 110 allow 6 172.31.50.0/27 3306-3306',
  ]);
  assert.ok(net.routeTableOf(subnet).routes.some((r) => r.target.kind === 'igw'));
  assert.equal(net.logical.get('Web')?.physicalId, 'i-0a1b2c3d4e5f60718', 'a unique Name tag names the instance');
});

test('a network printed as a snapshot imports back to the same network', async () => {
  const { network } = await loadScenario(join(REPO_ROOT, 'examples', 'frontal-bd', 'scenario.yaml'));
  const snap = JSON.parse(JSON.stringify(toSnapshot(network.net))) as unknown;
  assert.ok(isSnapshot(snap));
  const back = importSnapshot(snap).net;
  assert.deepEqual(toSnapshot(back), snap);
  // And the data plane decides the same: the scanner's probe dies at the ACL's `*` rule.
  const probe = { time: 1767225600, src: ip('54.149.118.103'), dst: ip('3.80.10.20'), protocol: TCP, sport: 40000, dport: 8080, flags: 2, icmpType: -1, icmpCode: -1, size: 60 };
  const fate = new Engine(back).send(probe, { trace: true, probe: true });
  assert.equal(fate.decisions.find((d) => d.verdict === 'deny')?.ruleNumber, 32767);
});

test('IPv6 rules, ICMP type/code, group references and NAT interfaces come through', () => {
  const s = fixture();
  const acl = s.NetworkAcls[0];
  acl.Entries.push({ RuleNumber: 105, Protocol: '58', RuleAction: 'allow', Egress: false, Ipv6CidrBlock: '::/0', IcmpTypeCode: { Type: 2, Code: -1 } });
  s.SecurityGroups[0].IpPermissions.push({ IpProtocol: 'icmp', FromPort: 3, ToPort: 4, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] });
  const subnet = s.Subnets[0];
  s.NetworkInterfaces.push({
    NetworkInterfaceId: 'eni-0aaaabbbbccccdddd', SubnetId: subnet.SubnetId, VpcId: subnet.VpcId, InterfaceType: 'nat_gateway',
    Description: 'Interface for NAT Gateway nat-0123456789abcdef0', RequesterManaged: true, SourceDestCheck: false,
    PrivateIpAddress: subnet.CidrBlock.replace(/\d+\/\d+$/, '20'), Association: { PublicIp: '3.90.0.9', AllocationId: 'eipalloc-0123' }, Groups: [],
  });
  const { net } = importSnapshot(s);
  const e = net.networkAcls.get(acl.NetworkAclId)!.entries.find((x) => x.ruleNumber === 105)!;
  assert.deepEqual([e.protocol, e.cidr.text, e.icmpType, e.icmpCode], [58, '::/0', 2, -1]);
  const rules = net.securityGroups.get(s.SecurityGroups[0].GroupId)!.ingress.filter((r) => r.protocol === 1);
  assert.deepEqual(rules.map((r) => [r.fromPort, r.toPort, r.peer.kind === 'cidr' ? r.peer.cidr.text : '']), [[3, 4, '0.0.0.0/0'], [3, 4, '::/0']]);
  assert.ok(net.securityGroups.get('sg-96366ade620e3f0a6')?.ingress.some((r) => r.peer.kind === 'sg'), 'group references stay group references');
  const nat = net.natGateways.get('nat-0123456789abcdef0')!;
  assert.equal(nat.eniId, 'eni-0aaaabbbbccccdddd');
  assert.equal(nat.connectivity, 'public');
  assert.equal(net.addresses.get('eipalloc-0123')?.publicIp.text, '3.90.0.9');
});

test('bad snapshots: which key, which item, what is missing', () => {
  const fails = (doc: unknown, pattern: RegExp) => assert.throws(() => importSnapshot(doc), (e: unknown) => e instanceof SnapshotError && pattern.test(e.message), String(pattern));
  const without = (key: string) => { const s = fixture(); delete s[key]; return s; };
  fails([], /snapshot: expected an object/);
  fails(without('NetworkAcls'), /missing NetworkAcls \(merge the output of aws ec2 describe-network-acls\)/);
  let s = fixture();
  s.NetworkAcls[1].Entries[0].RuleNumber = 40000;
  fails(s, new RegExp(`NetworkAcls\\[1\\] \\(${s.NetworkAcls[1].NetworkAclId}\\)\\.Entries\\[0\\]\\.RuleNumber: expected a rule number`));
  s = fixture();
  s.NetworkInterfaces[0].SubnetId = 'subnet-0nothere';
  fails(s, /NetworkInterfaces\[0\] \(eni-0f1e2d3c4b5a69788\)\.SubnetId: expected the id of a subnet in Subnets, found "subnet-0nothere"/);
  s = fixture();
  for (const t of s.RouteTables) for (const a of t.Associations) a.Main = false;
  fails(s, /Vpcs\[0\] \(vpc-[0-9a-f]+\): expected a route table in RouteTables with a Main association/);
  s = fixture();
  delete s.SecurityGroups[0].IpPermissions[0].IpProtocol;
  fails(s, /SecurityGroups\[0\] \(sg-[0-9a-f]+\)\.IpPermissions\[0\]\.IpProtocol: expected tcp, udp/);
});

test('a scenario whose template is a snapshot: endpoints by instance id, interface id or Name tag', async () => {
  const { settings, network } = await loadScenario(join(REPO_ROOT, 'test', 'fixtures', 'snapshot', 'scenario.yaml'));
  assert.ok(network.net.instances.has('i-0a1b2c3d4e5f60718'));
  const ends = settings.traffic.map((t) => JSON.stringify(t)).join('\n');
  for (const name of ['i-0a1b2c3d4e5f60718', 'eni-0f1e2d3c4b5a69788', 'DbSec']) assert.ok(ends.includes(name), name);
});

test('a scenario whose template is an incomplete snapshot fails with the scenario error, naming what is missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpcflow-snapshot-'));
  try {
    writeFileSync(join(dir, 'snap.json'), JSON.stringify({ Vpcs: [], Subnets: [] }));
    writeFileSync(join(dir, 'scenario.yaml'), 'name: x\nstart: 2026-01-01T00:00:00Z\ntemplate: ./snap.json\ntraffic: []\n');
    await assert.rejects(loadScenario(join(dir, 'scenario.yaml')), /snap\.json.*expected a complete snapshot.*missing RouteTables, NetworkAcls, SecurityGroups, NetworkInterfaces/s);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
