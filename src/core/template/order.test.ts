import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VPC, assertScenarioError, buildYaml } from '../../../test/fixtures/scenarios/helpers.ts';
import { creationOrder } from './order.ts';

const deps = (o: Record<string, string[]>) => new Map(Object.entries(o).map(([k, v]) => [k, new Set(v)]));

test('creation order: dependencies first, ties in template order', () => {
  assert.deepEqual(creationOrder(['A', 'B', 'C', 'D'], deps({ A: ['C'], B: [], C: [], D: ['A'] })), { order: ['B', 'C', 'A', 'D'] });
  assert.deepEqual(creationOrder(['X', 'Y', 'Z'], deps({})), { order: ['X', 'Y', 'Z'] });
});

test('creation order: a cycle is reported with the resources in it, in order', () => {
  assert.deepEqual(creationOrder(['A', 'B', 'C', 'D'], deps({ A: [], B: ['D'], C: ['B'], D: ['C'] })), { cycle: ['B', 'D', 'C', 'B'] });
});

test('a template is built in dependency order whatever order it is written in', () => {
  const built = buildYaml(`
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref Subnet, SecurityGroupIds: [!GetAtt Sg.GroupId] }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: web, VpcId: !Ref Vpc }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: !Sub "\${Vpc.CidrBlock}" }
  Logs:
    Type: AWS::Logs::LogGroup
    DependsOn: [Web]
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
`);
  assert.deepEqual([...built.net.logical.keys()], ['Vpc', 'Sg', 'Subnet', 'Web', 'Logs']);
});

test('resources that depend on each other in a circle are an error naming them', () => {
  assertScenarioError(() => buildYaml(`
Resources:${VPC}
  A:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: a
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 1, ToPort: 1, SourceSecurityGroupId: !Ref B }]
  B:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: b
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 1, ToPort: 1, SourceSecurityGroupId: !Ref A }]
`), { file: 'net.cfn.yaml', line: 6, column: 3, place: 'Resources.A', expected: /do not depend on each other in a circle/, found: /^a circular dependency: A → B → A$/ });
});

test('a security group whose inline rule names itself is a circular dependency, as in CloudFormation', () => {
  assertScenarioError(() => buildYaml(`
Resources:${VPC}
  Self:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: self
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: "-1", SourceSecurityGroupId: !Ref Self }]
`), { file: 'net.cfn.yaml', place: 'Resources.Self', expected: /circle/, found: /Self → Self/ });
});
