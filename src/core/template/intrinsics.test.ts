import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VPC, buildYaml, evalYaml } from '../../../test/fixtures/scenarios/helpers.ts';

const PARAMS = `
Parameters:
  Env: { Type: String, Default: prod }
  Azs: { Type: CommaDelimitedList, Default: "a, b ,c" }
  Count: { Type: Number, Default: 3 }
  Ports: { Type: List<Number>, Default: "80,443" }
Mappings:
  Sizes:
    prod: { Type: m6i.large, Count: 4 }
    dev: { Type: t3.micro }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  ProdAndThree: !And [!Condition IsProd, !Equals [!Ref Count, 3]]
  DevOrThree: !Or [!Condition IsDev, !Equals ["3", !Ref Count]]
`;

test('Ref: parameters (lists for list types), pseudo parameters, resources', () => {
  assert.equal(evalYaml('!Ref Env', PARAMS), 'prod');
  assert.deepEqual(evalYaml('!Ref Azs', PARAMS), ['a', 'b', 'c']);
  assert.equal(evalYaml('!Ref Count', PARAMS), '3');
  assert.deepEqual(evalYaml('!Ref Ports', PARAMS), ['80', '443']);
  assert.equal(evalYaml('!Ref AWS::Region', '', { region: 'eu-west-3' }), 'eu-west-3');
  assert.equal(evalYaml('!Ref AWS::AccountId'), '123456789012');
  assert.equal(evalYaml('!Ref AWS::StackName', '', { name: 'frontal-bd' }), 'frontal-bd');
  assert.equal(evalYaml('!Ref AWS::Partition'), 'aws');
  assert.equal(evalYaml('!Ref AWS::URLSuffix'), 'amazonaws.com');
  assert.match(String(evalYaml('!Ref AWS::StackId', '', { name: 'frontal-bd' })),
    /^arn:aws:cloudformation:us-east-1:123456789012:stack\/frontal-bd\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(String(evalYaml('{ Ref: Vpc }')), /^vpc-[0-9a-f]{17}$/);
});

test('AWS::NoValue removes a property, or an item from a list', () => {
  const net = buildYaml(`
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: !Ref AWS::NoValue
Outputs:
  X: { Value: [a, !Ref "AWS::NoValue", b] }
`);
  assert.deepEqual(net.outputs.X, ['a', 'b']);
  assert.equal([...net.net.vpcs.values()][0]!.enableDnsSupport, true);
});

test('Fn::GetAtt: list form, "A.B" string form (long and short)', () => {
  assert.equal(evalYaml('{ "Fn::GetAtt": [Vpc, CidrBlock] }'), '10.0.0.0/16');
  assert.equal(evalYaml('{ "Fn::GetAtt": "Vpc.CidrBlock" }'), '10.0.0.0/16');
  assert.equal(evalYaml('!GetAtt Vpc.CidrBlock'), '10.0.0.0/16');
  assert.equal(evalYaml('!GetAtt [Vpc, CidrBlock]'), '10.0.0.0/16');
  assert.match(String(evalYaml('!GetAtt Vpc.DefaultSecurityGroup')), /^sg-/);
});

test('Fn::Sub: pseudo parameters, parameters, Res.Attr, literals, and the variables form', () => {
  assert.equal(evalYaml('!Sub "${AWS::Region}-${Env}"', PARAMS), 'us-east-1-prod');
  assert.equal(evalYaml('!Sub "cidr=${Vpc.CidrBlock}"'), 'cidr=10.0.0.0/16');
  assert.equal(evalYaml('!Sub "${!Literal} and ${ Env }"', PARAMS), '${Literal} and prod');
  assert.equal(evalYaml('!Sub ["${Name}/${Env}", { Name: !GetAtt Vpc.CidrBlock, Env: dev }]', PARAMS), '10.0.0.0/16/dev');
  assert.equal(evalYaml('!Sub "no closing ${brace"'), 'no closing ${brace');
  assert.equal(evalYaml('{ "Fn::Sub": "${AWS::AccountId}" }'), '123456789012');
});

test('Fn::Join, Fn::Select, Fn::Split', () => {
  assert.equal(evalYaml('!Join ["-", [a, !Ref Env, 3]]', PARAMS), 'a-prod-3');
  assert.equal(evalYaml('!Join [",", !Ref Azs]', PARAMS), 'a,b,c');
  assert.equal(evalYaml('!Join ["", []]'), '');
  assert.equal(evalYaml('!Select [1, !Ref Azs]', PARAMS), 'b');
  assert.equal(evalYaml('!Select ["0", [x, y]]'), 'x');
  assert.deepEqual(evalYaml('!Split [".", "10.0.0.0"]'), ['10', '0', '0', '0']);
  assert.equal(evalYaml('!Select [2, !Split [",", "a,b,c"]]'), 'c');
});

test('Fn::GetAZs: the region\'s AZ names, a to f', () => {
  assert.deepEqual(evalYaml('!GetAZs ""'), ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
  assert.equal((evalYaml('!GetAZs { Ref: "AWS::Region" }', '', { region: 'eu-west-1' }) as string[])[2], 'eu-west-1c');
  assert.equal((evalYaml('!Select [1, !GetAZs ap-southeast-2]') as string), 'ap-southeast-2b');
});

test('Fn::Cidr inside a template, with Fn::Select and Fn::GetAtt', () => {
  assert.equal(evalYaml('!Select [2, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]'), '10.0.2.0/24');
  assert.deepEqual(evalYaml('!Cidr ["192.168.0.0/24", "6", "5"]'), [
    '192.168.0.0/27', '192.168.0.32/27', '192.168.0.64/27', '192.168.0.96/27', '192.168.0.128/27', '192.168.0.160/27',
  ]);
});

test('Fn::If and the condition functions', () => {
  assert.equal(evalYaml('!If [IsProd, big, small]', PARAMS), 'big');
  assert.equal(evalYaml('!If [IsDev, big, small]', PARAMS), 'small');
  assert.equal(evalYaml('!If [ProdAndThree, yes, no]', PARAMS), 'yes');
  assert.equal(evalYaml('!If [DevOrThree, yes, no]', PARAMS), 'yes');
  assert.equal(evalYaml('!If [IsDev, yes, no]', PARAMS, { parameters: { Env: 'dev' } }), 'yes');
  assert.equal(evalYaml('!If [ProdAndThree, yes, no]', PARAMS, { parameters: { Count: 4 } }), 'no');
  assert.deepEqual(evalYaml('[a, !If [IsDev, b, !Ref AWS::NoValue]]', PARAMS), ['a']);
});

test('Fn::FindInMap and Fn::Base64', () => {
  assert.equal(evalYaml('!FindInMap [Sizes, !Ref Env, Type]', PARAMS), 'm6i.large');
  assert.equal(evalYaml('!FindInMap [Sizes, dev, Type]', PARAMS), 't3.micro');
  assert.equal(evalYaml('!FindInMap [Sizes, prod, Count]', PARAMS), 4);
  assert.equal(evalYaml('!Base64 "#!/bin/bash\\necho héllo"'), Buffer.from('#!/bin/bash\necho héllo').toString('base64'));
});

test('a resource whose condition is false is not created, and may be named in the branch not taken', () => {
  const net = buildYaml(`
Parameters:
  WithNat: { Type: String, Default: "no", AllowedValues: ["yes", "no"] }
Conditions:
  HasNat: !Equals [!Ref WithNat, "yes"]
Resources:${VPC}
  Extra:
    Type: AWS::EC2::Subnet
    Condition: HasNat
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.9.0/24 }
Outputs:
  X: { Value: !If [HasNat, !Ref Extra, none] }
`);
  assert.equal(net.net.subnets.size, 0);
  assert.equal(net.outputs.X, 'none');
  assert.equal(net.net.logical.has('Extra'), false);
});

test('a Ref or GetAtt to an ignored resource type gives its logical id, with a warning', () => {
  const net = buildYaml(`
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
  Fn:
    Type: AWS::Lambda::Function
  Role2:
    Type: AWS::IAM::Role
Outputs:
  A: { Value: !Ref Role }
  B: { Value: !GetAtt Role.Arn }
`);
  assert.equal(net.outputs.A, 'Role');
  assert.equal(net.outputs.B, 'Role');
  assert.deepEqual(net.ignored, ['AWS::IAM::Role', 'AWS::Lambda::Function']);
  assert.equal(net.warnings.filter((w) => w.includes('Resources.Role:')).length, 2);
});
