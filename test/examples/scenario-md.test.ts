/**
 * The examples of SCENARIO.md (the scenario format's contract) stay valid with
 * the extensions: its top-level example, its traffic list and its changes, put
 * together over the frontal-bd template (which has every name they use), load
 * and run. So does the example of docs/SCENARIO-EXTENSIONS.md.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runScenario } from '../../src/app/run-scenario.ts';
import { REPO_ROOT, sharedFile } from '../support/shared-data.ts';
import { tempFolder } from './harness.ts';

/** The fenced yaml blocks of a markdown file. */
function yamlBlocks(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

test('SCENARIO.md: the top-level example with its traffic and changes runs over the frontal-bd template', async () => {
  const blocks = yamlBlocks(sharedFile('SCENARIO.md'));
  const top = blocks.find((b) => b.startsWith('name: frontal-bd'));
  const traffic = blocks.find((b) => b.startsWith('traffic:\n'));
  const changes = blocks.find((b) => b.startsWith('changes:\n'));
  assert.ok(top && traffic && changes, 'SCENARIO.md has its top-level, traffic and changes examples');
  const template = join(REPO_ROOT, 'examples', 'frontal-bd', 'frontal-bd.cfn.yaml');
  const head = top.split('\n')
    .filter((l) => !/^(traffic|changes): \[ … \]/.test(l))
    .map((l) => l.replace(/^template: \S+/, `template: ${template}`))
    .join('\n');
  assert.ok(head.includes(`template: ${template}`));
  const t = tempFolder();
  try {
    const file = join(t.path, 'scenario.yaml');
    writeFileSync(file, `${head}\n${traffic}\n${changes}`);
    const { summary } = await runScenario({ scenario: file, out: join(t.path, 'out') });
    assert.equal(summary.scenario, 'frontal-bd');
    assert.equal(summary.changesApplied, 3);
    assert.ok(summary.records.ACCEPT > 0 && summary.records.REJECT > 0);
  } finally {
    t.cleanup();
  }
});

test('docs/SCENARIO-EXTENSIONS.md: the packets example runs', async () => {
  const blocks = yamlBlocks(join(REPO_ROOT, 'docs', 'SCENARIO-EXTENSIONS.md'));
  const traffic = blocks.find((b) => b.startsWith('traffic:\n') && b.includes('packets:'));
  assert.ok(traffic, 'the extensions page has a packets example');
  const t = tempFolder();
  try {
    const file = join(t.path, 'scenario.yaml');
    writeFileSync(file, `name: extensions
hosts: { home: 198.51.100.7 }
resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: true } }
  Routes: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  Default: { Type: AWS::EC2::Route, DependsOn: Attach, Properties: { RouteTableId: !Ref Routes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
  Assoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Subnet, RouteTableId: !Ref Routes } }
  Client: { Type: AWS::EC2::Instance, Properties: { SubnetId: !Ref Subnet } }
  Server: { Type: AWS::EC2::Instance, Properties: { SubnetId: !Ref Subnet } }
  Web: { Type: AWS::EC2::Instance, Properties: { SubnetId: !Ref Subnet } }
  Logs: { Type: AWS::Logs::LogGroup }
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties: { ResourceType: VPC, ResourceId: !Ref Vpc, TrafficType: ALL, LogGroupName: !Ref Logs, DeliverLogsPermissionArn: arn:aws:iam::123456789012:role/fl }
${traffic}`);
    const { summary } = await runScenario({ scenario: file, out: join(t.path, 'out') });
    // 21 TCP packets from Client to Server (the default group lets its members in), seen leaving and arriving;
    // 4 pings from home to Web, rejected on arrival by the default group.
    assert.equal(summary.packets.sent, 25);
    assert.equal(summary.packets.observed, 46);
  } finally {
    t.cleanup();
  }
});
