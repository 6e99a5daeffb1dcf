/**
 * `vpcflow diagnose` end to end: the examples run into temp folders, diagnosed
 * from the records alone and with a snapshot of the same network (the
 * hand-written fixture, and snapshots printed from the model at a given time).
 */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runScenario } from '../../app/run-scenario.ts';
import { loadScenario } from '../../adapters/scenario/index.ts';
import { runAction } from '../../core/ec2/actions.ts';
import type { Finding } from '../../core/diagnose/types.ts';
import { toSnapshot } from '../../core/snapshot/export.ts';
import { cli } from '../../../test/support/cli.ts';
import { REPO_ROOT, sharedFile } from '../../../test/support/shared-data.ts';

const FRONTAL = join(REPO_ROOT, 'examples', 'frontal-bd', 'scenario.yaml');
const EXPERIMENTS = join(REPO_ROOT, 'examples', 'sg-nacl-experiments', 'scenario.yaml');
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'snapshot', 'frontal-bd.json');
const FORMAT = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${tcp-flags} ${flow-direction}';

let tmp = '';
let frontal = '';
let experiments = '';
let ingested = '';

/** A snapshot of a scenario's network after its changes up to `at` seconds. */
async function snapshotAt(scenario: string, at: number, name: string): Promise<string> {
  const { settings, network } = await loadScenario(scenario);
  for (const c of settings.changes) if (c.at <= at) runAction(network.ctx, c.action, c.params);
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(toSnapshot(network.net), null, 2));
  return file;
}

async function findings(...argv: string[]): Promise<Finding[]> {
  const r = await cli('diagnose', ...argv, '--json');
  assert.equal(r.code, 1, r.err);
  return (JSON.parse(r.out) as { findings: Finding[] }).findings;
}

const ids = async () => {
  const { network } = await loadScenario(FRONTAL);
  const net = network.net;
  const inst = (name: string) => [...net.instances.values()].find((i) => i.logicalId === name)!;
  const aclOf = (name: string) => net.subnets.get(inst(name).subnetId)!.networkAclId;
  const sgOf = (name: string) => net.interfaces.get(inst(name).eniIds[0]!)!.groups;
  return { net, inst, aclOf, sgOf };
};

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vpcflow-diagnose-'));
  frontal = join(tmp, 'frontal');
  await runScenario({ scenario: FRONTAL, out: frontal });
  // The experiments deliver to CloudWatch Logs in a custom format: the run folder's resources.json gives it.
  experiments = join(tmp, 'experiments-run');
  await runScenario({ scenario: EXPERIMENTS, out: experiments });
  // The same events ingested as a user holding only the log files would, with --format.
  ingested = join(tmp, 'experiments');
  const r = await cli('ingest', join(experiments, 'cloudwatch'), '--out', ingested, '--format', FORMAT);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('frontal-bd without configuration: the DB tier\'s ACL drops the replies, DbSec rejects MySQL, the scanner is a scan', async () => {
  const { inst, net } = await ids();
  const f = await findings(frontal);
  const db = net.interfaces.get(inst('DbPi').eniIds[0]!)!.id;
  const sec = net.interfaces.get(inst('DbSec').eniIds[0]!)!.id;
  const acl = f.filter((x) => x.cause === 'network-acl');
  assert.equal(acl.length, 5, 'one finding per connection (five MySQL queries)');
  for (const x of acl) assert.deepEqual([x.interfaceId, x.aclDirection, x.rejected, x.srcport, x.direction], [db, 'outbound', 'response', 3306, 'egress']);
  const unanswered = f.filter((x) => x.cause === 'security-group-or-network-acl');
  assert.deepEqual(unanswered.map((x) => [x.interfaceId, x.dstport, x.direction]), [[sec, 3306, 'ingress']]);
  const scans = f.filter((x) => x.cause === 'port-scan');
  assert.equal(scans.length, 1);
  assert.deepEqual([scans[0]!.srcaddr, scans[0]!.ports], ['54.149.118.103', [8075, 8076, 8077, 8078, 8079, 8080, 8081, 8082, 8083, 8084, 8085]]);
  assert.equal(f.length, 7);
});

for (const [label, config] of [['the hand-written fixture', () => FIXTURE], ['a snapshot printed from the model', () => snapshotAt(FRONTAL, 0, 'frontal.json')]] as const) {
  test(`frontal-bd with ${label}: the exact ACL rule, the groups lacking a rule, and the fix`, async () => {
    const { aclOf, sgOf } = await ids();
    const f = await findings(frontal, '--config', await config());
    const acl = f.filter((x) => x.cause === 'network-acl');
    assert.equal(acl.length, 5);
    for (const x of acl) {
      assert.deepEqual([x.aclId, x.ruleNumber, x.aclDirection], [aclOf('DbPi'), 32767, 'outbound']);
      assert.match(x.fix![0]!.text, /outbound ephemeral-port rule/);
      assert.equal(x.fix![0]!.action, 'CreateNetworkAclEntry');
    }
    const sg = f.filter((x) => x.cause === 'security-group');
    assert.equal(sg.length, 1);
    assert.deepEqual(sg[0]!.groupIds, sgOf('DbSec'));
    assert.match(sg[0]!.fix![0]!.text, /inbound rule tcp 3306/);
    const scan = f.find((x) => x.cause === 'port-scan')!;
    assert.deepEqual([scan.aclId, scan.ruleNumber, scan.aclDirection], [aclOf('Web'), 32767, 'inbound']);
    assert.deepEqual(scan.groupIds, sgOf('Web'));
  });
}

test('human output: one paragraph per finding and a count', async () => {
  const r = await cli('diagnose', frontal, '--config', FIXTURE);
  assert.equal(r.code, 1);
  assert.match(r.out, /^\[network ACL\] eni-\S+ outbound 172\.31\.50\.10:3306 → 172\.31\.60\.10:\d+ tcp/);
  assert.match(r.out, /network ACL acl-\S+ outbound rule \* \(32767\) denies it/);
  assert.match(r.out, /\n7 findings: 5 network ACL, 1 security group, 1 port scan\n$/);
  assert.equal(r.out.split('\n\n').length, 8);
});

test('sg-nacl-experiments from the records: the NTP replies dropped by the ACL, the rest unanswered', async () => {
  const f = await findings(experiments);
  const ntp = f.filter((x) => x.cause === 'network-acl');
  assert.equal(ntp.length, 1);
  assert.deepEqual([ntp[0]!.srcaddr, ntp[0]!.srcport, ntp[0]!.dstport, ntp[0]!.protocol, ntp[0]!.aclDirection], ['162.159.200.123', 123, 123, 17, 'inbound']);
  assert.ok(f.filter((x) => x.dstport === 80).every((x) => x.cause === 'security-group-or-network-acl' && x.direction === 'ingress'));
  assert.equal(f.length, 16);
});

test('sg-nacl-experiments: the run folder itself and its events ingested with --format give the same findings', async () => {
  const direct = await findings(experiments);
  assert.equal(direct.length, 16);
  assert.deepEqual(await findings(ingested), direct);
});

test('a run folder with a line its flow log\'s format cannot read: diagnosed all the same, with a notice of the line', async () => {
  const copy = join(tmp, 'experiments-bad-line');
  cpSync(experiments, copy, { recursive: true, filter: (src) => !src.includes('.vpcflow') });
  const stream = join(copy, 'cloudwatch', '%2Fvpc%2Fsg-nacl-experiments', 'eni-0e5a1b2c3d4e5f607-all.jsonl');
  appendFileSync(stream, `${JSON.stringify({ timestamp: 1767258000000, ingestionTime: 1767258300000, message: '5 123456789012 eni-0e5a1b2c3d4e5f607' })}\n`);
  const r = await cli('diagnose', copy, '--json');
  assert.equal(r.code, 1);
  assert.equal((JSON.parse(r.out) as { findings: Finding[] }).findings.length, 16);
  assert.match(r.err, /^vpcflow: 1 line of the run outputs could not be read and are not in flow_logs \(first: .*eni-0e5a1b2c3d4e5f607-all\.jsonl:91: expected 16 fields, found 3\)\n$/);
});

test('sg-nacl-experiments with the configuration of each experiment: security group at 5 min, ACL rule 100 at 15 min', async () => {
  const start = Date.parse('2026-01-01T09:00:00Z') / 1000;
  const { network } = await loadScenario(EXPERIMENTS);
  const web = [...network.net.instances.values()].find((i) => i.logicalId === 'Web')!;
  const eni = network.net.interfaces.get(web.eniIds[0]!)!;
  const at5 = await findings(experiments, '--config', await snapshotAt(EXPERIMENTS, 300, 'at5.json'));
  const sgWindow = at5.filter((x) => x.start >= start + 300 && x.end <= start + 600 + 60 && x.dstport === 80);
  assert.ok(sgWindow.length >= 4);
  for (const x of sgWindow) assert.deepEqual([x.cause, x.groupIds], ['security-group', eni.groups]);
  const at15 = await findings(experiments, '--config', await snapshotAt(EXPERIMENTS, 900, 'at15.json'));
  const ntp = at15.find((x) => x.protocol === 17)!;
  assert.deepEqual([ntp.cause, ntp.ruleNumber, ntp.aclDirection, ntp.aclId], ['network-acl', 100, 'inbound', network.net.subnets.get(eni.subnetId)!.networkAclId]);
  const aclWindow = at15.filter((x) => x.start >= start + 900 && x.end <= start + 1200 && x.dstport === 80);
  assert.ok(aclWindow.length >= 4);
  for (const x of aclWindow) assert.deepEqual([x.cause, x.ruleNumber, x.aclDirection], ['network-acl', 100, 'inbound']);
});

test('ingested AWS sample records, no configuration: the rejected RDP request and the ping whose reply the ACL drops', async () => {
  const dir = join(tmp, 'samples');
  assert.equal((await cli('ingest', sharedFile('data', 'flowlogs', 'elastic-integrations_test-extra-samples.log'), '--out', dir)).code, 0);
  const f = await findings(dir);
  assert.deepEqual(f.map((x) => [x.cause, x.dstport, x.protocol, x.direction]), [
    ['security-group-or-network-acl', 3389, 6, 'ingress'],
    ['network-acl', 0, 1, 'egress'],
  ]);
  assert.deepEqual([f[1]!.srcaddr, f[1]!.dstaddr, f[1]!.aclDirection], ['172.31.16.139', '203.0.113.12', 'outbound']);
});

test('a bad snapshot or folder: exit 2 with the reason', async () => {
  const bad = join(tmp, 'bad.json');
  writeFileSync(bad, JSON.stringify({ Vpcs: [], Subnets: [] }));
  let r = await cli('diagnose', frontal, '--config', bad);
  assert.equal(r.code, 2);
  assert.match(r.err, /missing RouteTables, NetworkAcls, SecurityGroups, NetworkInterfaces/);
  writeFileSync(bad, '{ not json');
  r = await cli('diagnose', frontal, '--config', bad);
  assert.equal(r.code, 2);
  assert.match(r.err, /not JSON/);
  r = await cli('diagnose', join(tmp, 'nowhere'));
  assert.equal(r.code, 2);
});
