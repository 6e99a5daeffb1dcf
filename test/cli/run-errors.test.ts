/**
 * `vpcflow run` with bad input: each case exits with status 2, prints one
 * message that names the file and the place in it (or the folder), prints no
 * stack trace, and writes nothing at all.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { VPC } from '../fixtures/scenarios/helpers.ts';
import { type CliResult, cli } from '../support/cli.ts';

const TEMPLATE = `Resources:${VPC}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 }
  Routes:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }]
  Web:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref WebSG] }
  Db:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref Subnet }
  Bucket:
    Type: AWS::S3::Bucket
    Properties: { BucketName: run-errors-logs }
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceType: Subnet
      ResourceId: !Ref Subnet
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: !GetAtt Bucket.Arn
      LogFormat: '\${version} \${srcaddr} \${dstaddr} \${packets} \${action}'
      MaxAggregationInterval: 60
`;

/** Traffic in the first minutes, so that a run that went ahead would have S3 objects to write. */
const SCENARIO = `name: run-errors
template: ./net.cfn.yaml
traffic:
  - tcp: { from: Web, to: Db, port: 80, repeat: 10, every: 1m }
`;

let dir = '';
before(() => { dir = mkdtempSync(join(tmpdir(), 'vpcflow-run-errors-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a scenario (and its template) into a case folder of its own; returns the scenario's path. */
function files(name: string, scenario: string, template = TEMPLATE): string {
  const d = join(dir, name);
  mkdirSync(d);
  writeFileSync(join(d, 'net.cfn.yaml'), template);
  writeFileSync(join(d, 'scenario.yaml'), scenario);
  return join(d, 'scenario.yaml');
}

const run = (...argv: string[]): Promise<CliResult> => cli('run', ...argv);

/** Exit status 2, one line on stderr matching `message`, nothing on stdout, no stack trace. */
function assertRefused(r: CliResult, message: RegExp): void {
  assert.equal(r.code, 2, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, message);
  assert.equal(r.err.trimEnd().split('\n').length, 1, `one line: ${r.err}`);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('sanity: the fixture itself runs, and writes its output folder', async () => {
  const scenario = files('ok', SCENARIO);
  const out = join(dir, 'ok', 'out');
  const r = await run(scenario, '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(out, 'summary.json')));
  assert.ok(readdirSync(join(out, 's3')).length > 0);
});

test('a traffic item naming an unknown endpoint: file, line:column, place, and the name that was meant', async () => {
  const scenario = files('unknown-endpoint', SCENARIO.replace('to: Db,', 'to: Dbb,'));
  const out = join(dir, 'unknown-endpoint', 'out');
  assertRefused(await run(scenario, '--out', out),
    new RegExp(`^vpcflow: ${esc(scenario)}:4:27: traffic\\[0\\]\\.tcp\\.to: expected an instance or network interface of the template, a name from hosts, or an IP address, found "Dbb" \\(did you mean "Db"\\?\\)\\n$`));
  assert.ok(!existsSync(out), 'no output folder');
});

test('a flow log with an invalid LogFormat: the template file, line:column and property, and the field at fault', async () => {
  const template = TEMPLATE.replace('${srcaddr}', '${srcadr}');
  assert.notEqual(template, TEMPLATE);
  const scenario = files('bad-format', SCENARIO, template);
  const out = join(dir, 'bad-format', 'out');
  const tpl = join(dir, 'bad-format', 'net.cfn.yaml');
  assertRefused(await run(scenario, '--out', out),
    new RegExp(`^vpcflow: ${esc(tpl)}:34:18: Resources\\.FlowLog\\.Properties\\.LogFormat: expected a value that CreateFlowLogs accepts, found .*srcadr.*unknown field "srcadr"`));
  assert.ok(!existsSync(out), 'no output folder');
});

test('a flow log with MaxAggregationInterval other than 60 or 600', async () => {
  const scenario = files('bad-interval', SCENARIO, TEMPLATE.replace('MaxAggregationInterval: 60', 'MaxAggregationInterval: 300'));
  const out = join(dir, 'bad-interval', 'out');
  const tpl = join(dir, 'bad-interval', 'net.cfn.yaml');
  assertRefused(await run(scenario, '--out', out),
    new RegExp(`^vpcflow: ${esc(tpl)}:35:31: Resources\\.FlowLog\\.Properties\\.MaxAggregationInterval: expected a value that CreateFlowLogs accepts, found 300 .*must be 60 or 600`));
  assert.ok(!existsSync(out), 'no output folder');
});

test('an output folder under a regular file: the folder is named, and the file is left alone', async () => {
  const scenario = files('unwritable', SCENARIO);
  const plain = join(dir, 'unwritable', 'plain-file');
  writeFileSync(plain, 'not a folder\n');
  const out = join(plain, 'out');
  assertRefused(await run(scenario, '--out', out), new RegExp(`^vpcflow: .*${esc(out)}.*not a directory`));
  assert.ok(statSync(plain).isFile());
  assert.equal(statSync(plain).size, 'not a folder\n'.length);
  assert.deepEqual(readdirSync(join(dir, 'unwritable')).sort(), ['net.cfn.yaml', 'plain-file', 'scenario.yaml']);
});

test('an output folder holding something other than an earlier run: refused, its content untouched', async () => {
  const scenario = files('foreign-folder', SCENARIO);
  const out = join(dir, 'foreign-folder', 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.txt'), 'mine\n');
  assertRefused(await run(scenario, '--out', out), new RegExp(`^vpcflow: output folder ${esc(out)} is not empty and holds no earlier vpcflow run`));
  assert.deepEqual(readdirSync(out), ['notes.txt']);
});

test('a change AWS would refuse, late in the run: refused before anything is written, with file, line:column and place', async () => {
  // The traffic runs for ten minutes; the refused change comes at 20 minutes, after windows a run would already have written.
  const scenario = files('refused-change', `${SCENARIO}changes:
  - at: 5m
    action: RevokeSecurityGroupIngress
    params: { GroupId: !Ref WebSG, IpPermissions: [{ IpProtocol: tcp, FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: 0.0.0.0/0 }] }] }
  - at: 20m
    action: DeleteRoute
    params: { RouteTableId: !Ref Routes, DestinationCidrBlock: 0.0.0.0/0 }
`);
  const out = join(dir, 'refused-change', 'out');
  assertRefused(await run(scenario, '--out', out),
    new RegExp(`^vpcflow: ${esc(scenario)}:9:5: changes\\[1\\]: DeleteRoute would fail at 1200s: InvalidRoute\\.NotFound: no route with destination-cidr-block 0\\.0\\.0\\.0/0 in route table rtb-[0-9a-f]{17}\\n$`));
  assert.ok(!existsSync(out), 'no output folder');
});

test('a change that repeats a rule AWS already has: InvalidPermission.Duplicate, nothing written', async () => {
  const scenario = files('duplicate-rule', `${SCENARIO}changes:
  - at: 1m
    action: AuthorizeSecurityGroupIngress
    params: { GroupId: !Ref WebSG, IpPermissions: [{ IpProtocol: tcp, FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: 0.0.0.0/0 }] }] }
`);
  const out = join(dir, 'duplicate-rule', 'out');
  assertRefused(await run(scenario, '--out', out), new RegExp(`^vpcflow: ${esc(scenario)}:6:5: changes\\[0\\]: AuthorizeSecurityGroupIngress would fail at 60s: InvalidPermission\\.Duplicate: `));
  assert.ok(!existsSync(out), 'no output folder');
});

test('an --ip-ranges file that is missing or not JSON: the option and the file are named, nothing written', async () => {
  const scenario = files('ip-ranges', SCENARIO);
  const out = join(dir, 'ip-ranges', 'out');
  const missing = join(dir, 'ip-ranges', 'no-such-ranges.json');
  assertRefused(await run(scenario, '--out', out, '--ip-ranges', missing), new RegExp(`^vpcflow: --ip-ranges: cannot read AWS ip ranges from ${esc(missing)}: ENOENT`));
  const notJson = join(dir, 'ip-ranges', 'ranges.json');
  writeFileSync(notJson, '{ prefixes: [');
  assertRefused(await run(scenario, '--out', out, '--ip-ranges', notJson), new RegExp(`^vpcflow: --ip-ranges: ${esc(notJson)} is not JSON`));
  assert.ok(!existsSync(out), 'no output folder');
});
