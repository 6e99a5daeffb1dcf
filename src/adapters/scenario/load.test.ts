import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { assertScenarioError, errorOf, pos } from '../../../test/fixtures/scenarios/helpers.ts';
import { ScenarioError } from '../../core/scenario/errors.ts';
import { loadScenario, parseFile, readScenario } from './load.ts';
import { compileScenario } from '../../core/scenario/compile.ts';
import { buildResources } from '../../core/report/resources.ts';
import { makeLocate } from './locate.ts';
import { parseYaml } from './yaml.ts';

const DIR = 'test/fixtures/scenarios';

async function rejection(p: Promise<unknown>): Promise<ScenarioError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  assert.fail('expected a ScenarioError');
}

test('a JSON template, IPv6 included, next to a YAML scenario', async () => {
  const { settings, network } = await loadScenario(`${DIR}/dual-stack.scenario.yaml`);
  const { net, outputs } = network;
  assert.equal(settings.region, 'eu-west-3');
  assert.equal(settings.account, '000011112222');
  const vpc = [...net.vpcs.values()][0]!;
  const v6 = vpc.ipv6Cidrs[0]!;
  assert.equal(v6.prefix, 56);
  const subnet = [...net.subnets.values()][0]!;
  assert.equal(subnet.cidr.text, '10.20.0.0/24');
  assert.equal(subnet.ipv6Cidr!.prefix, 64);
  assert.equal(outputs.SubnetV6, subnet.ipv6Cidr!.text);
  assert.equal(outputs.Az, 'eu-west-3b');
  const eni = net.interfaces.get(net.logical.get('Eni')!.physicalId)!;
  assert.deepEqual(eni.privateIps.map((a) => a.text), ['10.20.0.50', '10.20.0.4']);
  assert.deepEqual(outputs.Secondary, ['10.20.0.4']);
  assert.equal(eni.ipv6Ips.length, 1);
  assert.equal(outputs.EniV6, eni.ipv6Ips[0]!.text);
  assert.equal(eni.sourceDestCheck, false);
  assert.equal(eni.instanceId, net.logical.get('Box')!.physicalId);
  assert.deepEqual(settings.traffic[0], {
    kind: 'icmp', at: 0, from: { kind: 'logical', logicalId: 'Box' }, to: { kind: 'address', address: '2606:4700:4700::1111' },
    count: 2, size: 100, repeat: 1, every: 0, sport: undefined, place: 'traffic[0]',
  });
});

test('an absolute template path is used as it is', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vpcflow-scenario-'));
  try {
    const scenario = join(dir, 'abs.yaml');
    await writeFile(scenario, `name: abs\ntemplate: ${resolve(DIR, 'dual-stack.cfn.json')}\nregion: eu-west-3\n`);
    const { network } = await loadScenario(scenario);
    assert.equal(network.net.vpcs.size, 1);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('inline resources instead of a template file', async () => {
  const { settings, network } = await loadScenario(`${DIR}/inline.scenario.yaml`);
  assert.equal(network.net.subnets.size, 1);
  const eni = network.net.interfaces.get(network.net.logical.get('Probe')!.physicalId)!;
  assert.equal(eni.privateIps[0]!.text, '172.31.60.4');
  assert.deepEqual(settings.traffic.map((t) => [t.kind, t.at, t.kind === 'scan' && t.proto]), [['scan', 90, 'udp']]);
  assert.equal(settings.start, Date.UTC(2026, 0, 1) / 1000);
  assert.equal(settings.seed, 1);
  assert.equal(settings.account, '123456789012');
});

test('overrides replace the file\'s values, and are checked like them', async () => {
  const file = `${DIR}/two-tier.scenario.yaml`;
  const a = await loadScenario(file);
  const b = await loadScenario(file, { seed: 42, duration: '1h', parameters: { Env: 'prod' }, nodata: false, start: '2026-06-01T00:00:00Z' });
  assert.equal(b.settings.seed, 42);
  assert.equal(b.settings.duration, 3600);
  assert.equal(b.settings.options.nodata, false);
  assert.equal(b.settings.start, Date.UTC(2026, 5, 1) / 1000);
  assert.ok(b.network.net.logical.has('DbReplica'));
  assert.notEqual(a.network.net.logical.get('Vpc')!.physicalId, b.network.net.logical.get('Vpc')!.physicalId);
  const e = await rejection(loadScenario(file, { duration: 'forever' }));
  assert.equal(e.message, 'command line: --duration: expected a duration such as 90s, 5m, 1h30m, 2h or a number of seconds, more than 0, found "forever"');
});

test('a scenario file that cannot be read', async () => {
  const e = await rejection(loadScenario(`${DIR}/nowhere.yaml`));
  assert.equal(e.message, `${DIR}/nowhere.yaml: expected a readable scenario file, found no such file`);
});

test('a template file that cannot be read is placed at the scenario\'s template line', async () => {
  const e = await rejection(loadScenario(`${DIR}/missing-template.scenario.yaml`));
  assert.equal(e.file, `${DIR}/missing-template.scenario.yaml`);
  assert.deepEqual([e.line, e.column, e.place], [2, 11, 'template']);
  assert.match(e.expected, /readable template file, relative to the scenario/);
  assert.equal(e.found, `"./no-such-template.yaml" (${DIR}/no-such-template.yaml: no such file)`);
});

test('YAML that does not parse: the template file, its line and column', async () => {
  const e = await rejection(loadScenario(`${DIR}/bad-syntax.scenario.yaml`));
  assert.equal(e.file, `${DIR}/bad-syntax.cfn.yaml`);
  assert.equal(e.expected, 'valid YAML');
  assert.match(e.found, /^a syntax error: /);
  assert.equal(e.line, 6);
  assert.match(e.message, new RegExp(`^${DIR}/bad-syntax\\.cfn\\.yaml:6:\\d+: expected valid YAML, found a syntax error`));
});

test('duplicate keys and JSON syntax errors have a line and column', () => {
  const dup = 'name: a\nseed: 1\nname: b\n';
  assertScenarioError(() => parseFile(dup, 's.yaml'), { file: 's.yaml', ...pos(dup, 'name: b'), place: '', expected: /^valid YAML$/, found: /Map keys must be unique/ });
  const json = '{\n  "Resources": {\n    "Vpc": { "Type": "AWS::EC2::VPC" "Properties": {} }\n  }\n}\n';
  const e = errorOf(() => parseFile(json, 't.json'));
  assert.equal(e.line, 3);
  assert.equal(e.file, 't.json');
});

test('an unknown tag, with the CloudFormation tag that was meant', () => {
  const text = 'Resources:\n  Sub:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: !Reff Vpc }\n';
  assertScenarioError(() => parseFile(text, 't.yaml'), { file: 't.yaml', ...pos(text, 'Vpc }'), place: 'Resources.Sub.Properties.VpcId', expected: /^a CloudFormation tag \(!Ref, !GetAtt/, found: /^!Reff \(did you mean "!Ref"\?\)$/ });
});

test('every short tag becomes its long form', () => {
  const { value } = parseYaml(`
a: !Ref X
b: !GetAtt Web.PrivateIp
c: !GetAtt [Web, PrivateIp]
d: !Sub "\${AWS::Region}"
e: !Join ["", [a, b]]
f: !Select [0, !GetAZs ""]
g: !Split [",", "a,b"]
h: !Cidr [10.0.0.0/16, 2, 8]
i: !If [C, !Ref AWS::NoValue, 1]
j: !Equals [a, b]
k: !And [!Condition C, !Or [!Condition D, !Not [!Condition E]]]
l: !FindInMap [M, K, L]
m: !Base64 text
n: !ImportValue Exported
o: !GetAtt Endpoint.Address.Port
`, 'x.yaml');
  assert.deepEqual(value, {
    a: { Ref: 'X' },
    b: { 'Fn::GetAtt': ['Web', 'PrivateIp'] },
    c: { 'Fn::GetAtt': ['Web', 'PrivateIp'] },
    d: { 'Fn::Sub': '${AWS::Region}' },
    e: { 'Fn::Join': ['', ['a', 'b']] },
    f: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
    g: { 'Fn::Split': [',', 'a,b'] },
    h: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
    i: { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, 1] },
    j: { 'Fn::Equals': ['a', 'b'] },
    k: { 'Fn::And': [{ Condition: 'C' }, { 'Fn::Or': [{ Condition: 'D' }, { 'Fn::Not': [{ Condition: 'E' }] }] }] },
    l: { 'Fn::FindInMap': ['M', 'K', 'L'] },
    m: { 'Fn::Base64': 'text' },
    n: { 'Fn::ImportValue': 'Exported' },
    o: { 'Fn::GetAtt': ['Endpoint', 'Address.Port'] },
  });
});

test('anchors and aliases are followed; timestamps stay text', () => {
  const { value } = parseYaml('base: &b { CidrIp: 10.0.0.0/8 }\nuse: *b\nstart: 2026-01-01T00:00:00Z\n', 'x.yaml');
  assert.deepEqual(value, { base: { CidrIp: '10.0.0.0/8' }, use: { CidrIp: '10.0.0.0/8' }, start: '2026-01-01T00:00:00Z' });
});

test('locate: exact paths, tagged nodes, and the nearest written ancestor of a missing one', () => {
  const text = 'Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      SubnetId: !Ref Sub\n      Tags: [{ Key: a, Value: b }]\n';
  const locate = makeLocate(parseYaml(text, 'x.yaml').positions);
  assert.deepEqual(locate('Resources.Web.Properties.SubnetId'), pos(text, 'Sub\n'));
  assert.deepEqual(locate('Resources.Web.Properties.SubnetId.Ref'), pos(text, 'Sub\n'));
  assert.deepEqual(locate('Resources.Web.Properties.Tags[0].Value'), pos(text, 'b }'));
  assert.deepEqual(locate('Resources.Web.Properties.ImageId'), pos(text, 'Properties'));
  assert.deepEqual(locate('Resources.Web'), pos(text, 'Web'));
  assert.deepEqual(locate(''), { line: 1, column: 1 });
});

test('JSON takes the fast way with the same value and positions as the YAML reader gives', () => {
  const text = '{\n  "name": "j",\n  "seed": 1.5e1,\n  "hosts": { "a\\u0062": "10.0.0.1" },\n  "traffic": [ { "at": "1s", "tcp": { "from": "ab", "to": "x", "port": 80 } } ],\n  "x": [null, true, -0.25, "\\"q\\""]\n}\n';
  const fast = parseFile(text, 's.json');
  assert.deepEqual(fast.doc, parseYaml(text, 's.json').value);
  const locate = makeLocate(parseYaml(text, 's.json').positions);
  for (const path of ['traffic[0].tcp.port', 'hosts.ab', 'x[2]', 'missing.path', '']) assert.deepEqual(fast.origin.locate(path), locate(path), path);
});

test('JSON with a key written twice (however escaped) is refused with its line, as YAML refuses it', () => {
  for (const text of ['{\n  "name": "a",\n  "name": "b"\n}\n', '{ "hosts": { "ab": "10.0.0.1",\n "a\\u0062": "10.0.0.2" } }']) {
    const e = errorOf(() => parseFile(text, 'd.json'));
    assert.equal(e.file, 'd.json');
    assert.equal(e.line, text.startsWith('{\n') ? 3 : 2);
    assert.match(e.message, /Map keys must be unique/);
  }
  // The same key in sibling objects, or a key's text as a value, is not a repeat.
  assert.deepEqual(parseFile('{ "a": { "k": 1 }, "b": { "k": "k" }, "c": ["k", "k"] }', 'ok.json').doc, { a: { k: 1 }, b: { k: 'k' }, c: ['k', 'k'] });
});

test('files read once build the same network as often as asked: compiling never changes what was read', async () => {
  const deepFreeze = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  };
  for (const name of ['sg-nacl-experiments', 'rejected-ssh-alarm', 'nat-gateway']) {
    const files = await readScenario(`examples/${name}/scenario.yaml`);
    deepFreeze(files.doc);
    deepFreeze(files.template?.doc);
    const a = compileScenario(files), b = compileScenario(files);
    assert.notEqual(a.network.net, b.network.net);
    assert.deepEqual(buildResources(b.network.net, new Set()), buildResources(a.network.net, new Set()), name);
    assert.deepEqual(b.settings, a.settings, name);
  }
});
