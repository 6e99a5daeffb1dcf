import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NETWORK, VPC, assertScenarioError, buildYaml } from '../../../test/fixtures/scenarios/helpers.ts';

const only = <T>(m: Map<string, T>, pred: (v: T) => boolean = () => true): T[] => [...m.values()].filter(pred);

test('a VPC comes with its main route table and a local route', () => {
  const { net } = buildYaml(`Resources:${NETWORK}`);
  const vpc = only(net.vpcs)[0]!;
  const main = net.routeTables.get(vpc.mainRouteTableId)!;
  assert.deepEqual(main.routes.map((r) => [r.dest.text, r.target.kind]), [['10.0.0.0/16', 'local']]);
  for (const s of net.subnets.values()) assert.equal(net.routeTableOf(s).id, main.id);
});

test('the default network ACL allows all with rule 100 both ways, and 101 for IPv6; subnets start on it', () => {
  const { net } = buildYaml(`Resources:${NETWORK}
  V6:
    Type: AWS::EC2::VPCCidrBlock
    Properties: { VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true }
  Routes:
    Type: AWS::EC2::RouteTable
    DependsOn: V6
    Properties: { VpcId: !Ref Vpc }
`);
  const vpc = only(net.vpcs)[0]!;
  const acl = net.networkAcls.get(vpc.defaultNetworkAclId)!;
  assert.equal(acl.isDefault, true);
  assert.deepEqual(acl.entries.map((e) => [e.ruleNumber, e.egress, e.protocol, e.action, e.cidr.text]), [
    [100, false, -1, 'allow', '0.0.0.0/0'], [100, true, -1, 'allow', '0.0.0.0/0'],
    [101, false, -1, 'allow', '::/0'], [101, true, -1, 'allow', '::/0'],
  ]);
  for (const s of net.subnets.values()) assert.equal(s.networkAclId, acl.id);
  assert.equal(vpc.ipv6Cidrs[0]!.prefix, 56);
  const custom = only(net.routeTables, (t) => t.id !== vpc.mainRouteTableId)[0]!;
  assert.deepEqual(custom.routes.map((r) => r.dest.text), ['10.0.0.0/16', vpc.ipv6Cidrs[0]!.text]);
  assert.equal(net.routeTables.get(vpc.mainRouteTableId)!.routes.length, 2);
});

test('a custom network ACL has no rules until entries are added', () => {
  const { net } = buildYaml(`Resources:${NETWORK}
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: { VpcId: !Ref Vpc }
`);
  assert.deepEqual(only(net.networkAcls, (a) => !a.isDefault)[0]!.entries, []);
});

test('the default security group lets its members in from each other, and everything out', () => {
  const { net } = buildYaml(`Resources:${NETWORK}`);
  const vpc = only(net.vpcs)[0]!;
  const sg = net.securityGroups.get(vpc.defaultSecurityGroupId)!;
  assert.equal(sg.name, 'default');
  assert.deepEqual(sg.ingress.map((r) => [r.protocol, r.peer]), [[-1, { kind: 'sg', groupId: sg.id }]]);
  assert.deepEqual(sg.egress.map((r) => [r.protocol, r.peer.kind === 'cidr' && r.peer.cidr.text]), [[-1, '0.0.0.0/0']]);
});

test('a new security group allows all egress; declaring SecurityGroupEgress replaces that rule, a SecurityGroupEgress resource does not', () => {
  const { net } = buildYaml(`Resources:${NETWORK}
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: open, VpcId: !Ref Vpc }
  Closed:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: closed
      VpcId: !Ref Vpc
      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
  Extra:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: { GroupId: !Ref Open, IpProtocol: udp, FromPort: 53, ToPort: 53, CidrIp: 10.0.0.2/32 }
`);
  const byLogical = (id: string) => only(net.securityGroups, (g) => g.logicalId === id)[0]!;
  const rules = (id: string) => byLogical(id).egress.map((r) => `${r.protocol}:${r.fromPort}-${r.toPort}:${r.peer.kind === 'cidr' ? r.peer.cidr.text : ''}`);
  assert.deepEqual(rules('Open'), ['-1:-1--1:0.0.0.0/0', '17:53-53:10.0.0.2/32']);
  assert.deepEqual(rules('Closed'), ['6:443-443:0.0.0.0/0']);
  assert.deepEqual(byLogical('Open').ingress, []);
  assert.match(byLogical('Open').name, /^test-Open-[A-Z0-9]{12}$/);
});

test('instance addresses come from the subnet, never its first four or last address', () => {
  const instances = Array.from({ length: 11 }, (_, i) => `
  I${i}:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref Small }`).join('');
  const template = `Resources:${VPC}
  Small:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.7.0/28 }
${instances}`;
  const { net } = buildYaml(template);
  const addrs = only(net.interfaces).map((e) => e.privateIps[0]!.text);
  assert.deepEqual(addrs, Array.from({ length: 11 }, (_, i) => `10.0.7.${i + 4}`));
  assertScenarioError(() => buildYaml(`${template}
  OneTooMany:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref Small }`), {
    file: 'net.cfn.yaml', place: 'Resources.OneTooMany.Properties.SubnetId', expected: /RunInstances accepts/, found: /InsufficientFreeAddressesInSubnet/,
  });
  for (const reserved of ['10.0.7.3', '10.0.7.15']) {
    assertScenarioError(() => buildYaml(`${template.split('\n  I0:')[0]}
  Pinned:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref Small, PrivateIpAddress: ${reserved} }`), {
      file: 'net.cfn.yaml', line: 11, column: 59, place: 'Resources.Pinned.Properties.PrivateIpAddress',
      expected: /not one of the subnet's first four or its last/, found: new RegExp(`^"${reserved}" \\(RunInstances refuses it`),
    });
  }
});

test('MapPublicIpOnLaunch gives an instance a public address; AssociatePublicIpAddress overrides it', () => {
  const { outputs } = buildYaml(`Resources:${NETWORK}
  Pub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, MapPublicIpOnLaunch: true }
  A:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref Pub }
  B:
    Type: AWS::EC2::Instance
    Properties:
      NetworkInterfaces: [{ DeviceIndex: "0", SubnetId: !Ref Pub, AssociatePublicIpAddress: false }]
  C:
    Type: AWS::EC2::Instance
    Properties:
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: !Ref SubnetA, AssociatePublicIpAddress: true }]
Outputs:
  A: { Value: !GetAtt A.PublicIp }
  ADns: { Value: !GetAtt A.PublicDnsName }
  APrivateDns: { Value: !GetAtt A.PrivateDnsName }
  B: { Value: !GetAtt B.PublicIp }
  C: { Value: !GetAtt C.PublicIp }
`);
  assert.match(String(outputs.A), /^\d+\.\d+\.\d+\.\d+$/);
  assert.equal(outputs.ADns, `ec2-${String(outputs.A).replaceAll('.', '-')}.compute-1.amazonaws.com`);
  assert.equal(outputs.APrivateDns, 'ip-10-0-2-4.ec2.internal');
  assert.equal(outputs.B, '');
  assert.match(String(outputs.C), /^\d+\.\d+\.\d+\.\d+$/);
  assert.notEqual(outputs.A, outputs.C);
});
