import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertScenarioError, buildYaml, evalYaml, pos } from '../../../test/fixtures/scenarios/helpers.ts';

test('parameter values: scenario over Default, lists split and trimmed, numbers as text', () => {
  const params = `Parameters:
  Name: { Type: String, Default: web, MinLength: 2, MaxLength: 8 }
  Size: { Type: Number, Default: 2, MinValue: 1, MaxValue: 10 }
  Ports: { Type: List<Number> }
  Zones: { Type: List<AWS::EC2::AvailabilityZone::Name>, Default: "us-east-1a,us-east-1c" }
  ExistingVpc: { Type: AWS::EC2::VPC::Id, Default: vpc-0123456789abcdef0 }
  Ami: { Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/service/ami-amazon-linux-latest/al2023 }
`;
  const ports = { parameters: { Ports: [80, 443] } };
  assert.equal(evalYaml('!Ref Name', params, ports), 'web');
  assert.equal(evalYaml('!Ref Name', params, { parameters: { Name: 'db', Ports: '1' } }), 'db');
  assert.equal(evalYaml('!Ref Size', params, ports), '2');
  assert.deepEqual(evalYaml('!Ref Ports', params, ports), ['80', '443']);
  assert.deepEqual(evalYaml('!Ref Ports', params, { parameters: { Ports: ' 22 , 8080' } }), ['22', '8080']);
  assert.deepEqual(evalYaml('!Ref Zones', params, ports), ['us-east-1a', 'us-east-1c']);
  assert.equal(evalYaml('!Ref ExistingVpc', params, ports), 'vpc-0123456789abcdef0');
  const built = buildYaml(`${params}Resources:\n  Igw: { Type: AWS::EC2::InternetGateway }\n`, ports);
  assert.ok(built.warnings.some((w) => /parameter Ami is an SSM parameter type/.test(w)));
});

const F = 'net.cfn.yaml';
function bad(params: string, needle: string, place: string, expected: RegExp, found: RegExp, given?: Record<string, unknown>): void {
  const text = `Parameters:\n${params}Resources:\n  Igw: { Type: AWS::EC2::InternetGateway }\n`;
  assertScenarioError(() => buildYaml(text, { parameters: given }), { file: F, ...pos(text, needle), place, expected, found });
}

test('a parameter with no value', () => {
  bad('  KeyName: { Type: String }\n', 'KeyName', 'Parameters.KeyName', /a value for parameter KeyName \(give it in the scenario's parameters, or a Default\)/, /^none$/);
});

test('a parameter type CloudFormation does not have', () => {
  bad('  Count: { Type: Integer, Default: 1 }\n', 'Integer', 'Parameters.Count.Type', /parameter type CloudFormation knows/, /"Integer"/);
  bad('  Ids: { Type: "List<AWS::EC2::Subnet::ID>", Default: x }\n', '"List', 'Parameters.Ids.Type', /parameter type/, /did you mean "List<AWS::EC2::Subnet::Id>"/);
});

test('a Default that breaks the constraints, with the ConstraintDescription when there is one', () => {
  bad('  Cidr: { Type: String, Default: 10.0.0/16, AllowedPattern: "(\\\\d{1,3}\\\\.){3}\\\\d{1,3}/\\\\d{1,2}", ConstraintDescription: a CIDR block such as 10.0.0.0/16 }\n',
    '10.0.0/16', 'Parameters.Cidr.Default', /^a CIDR block such as 10\.0\.0\.0\/16 \(parameter Cidr\)$/, /^"10\.0\.0\/16"$/);
  bad('  Size: { Type: Number, Default: 12, MaxValue: 10 }\n', '12', 'Parameters.Size.Default', /^a number of at most 10 \(parameter Size\)$/, /^"12"$/);
  bad('  Size: { Type: Number, Default: two }\n', 'two', 'Parameters.Size.Default', /^a number \(parameter Size\)$/, /^"two"$/);
  bad('  Name: { Type: String, Default: x, MinLength: 2 }\n', 'x,', 'Parameters.Name.Default', /at least 2 characters/, /^"x"$/);
  bad('  Az: { Type: AWS::EC2::AvailabilityZone::Name, Default: us-west-2a }\n', 'us-west-2a', 'Parameters.Az.Default', /an availability zone of us-east-1 \(us-east-1a, /, /^"us-west-2a"$/);
  bad('  Vpc: { Type: AWS::EC2::VPC::Id, Default: vpc-12 }\n', 'vpc-12', 'Parameters.Vpc.Default', /an AWS::EC2::VPC::Id such as vpc-0123456789abcdef0/, /^"vpc-12"$/);
});

test('a parameter declaration with an unknown attribute', () => {
  bad('  Env: { Type: String, Defualt: dev }\n', 'dev', 'Parameters.Env.Defualt', /a parameter attribute/, /did you mean "Default"/);
});

test('a list given for a single-valued parameter', () => {
  const text = 'Parameters:\n  Env: { Type: String, Default: dev }\nResources:\n  Igw: { Type: AWS::EC2::InternetGateway }\n';
  assertScenarioError(() => buildYaml(text, { parameters: { Env: ['a', 'b'] } }), {
    file: F, place: 'parameters.Env', expected: /a single value/, found: /^a list of 2$/,
  });
});
