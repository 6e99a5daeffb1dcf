import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NETWORK, assertScenarioError, buildYaml } from '../../../test/fixtures/scenarios/helpers.ts';

const PINNED = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Metadata: { vpcflow: { id: vpc-0a1b2c3d4e5f60718 } }
    Properties: { CidrBlock: 10.0.0.0/16 }
  Subnet:
    Type: AWS::EC2::Subnet
    Metadata: { vpcflow: { id: subnet-01234567 } }
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Metadata: { vpcflow: { id: sg-0123456789abcdef0 } }
    Properties: { GroupDescription: web, VpcId: !Ref Vpc }
  Web:
    Type: AWS::EC2::Instance
    Metadata: { vpcflow: { id: i-01234567890123456, eni: eni-1235b8ca123456789, publicIp: 3.80.10.20 } }
    Properties: { SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref Sg] }
  Ip:
    Type: AWS::EC2::EIP
    Metadata: { vpcflow: { id: eipalloc-0aaaaaaaaaaaaaaaa, publicIp: 44.200.1.2 } }
  Nat:
    Type: AWS::EC2::NatGateway
    Metadata: { vpcflow: { id: nat-0bbbbbbbbbbbbbbbb, eni: eni-0ccccccccccccccc1 } }
    Properties: { SubnetId: !Ref Subnet, AllocationId: !GetAtt Ip.AllocationId }
  Logs:
    Type: AWS::EC2::FlowLog
    Metadata: { vpcflow: { id: fl-0ddddddddddddddd1 } }
    Properties: { ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: ALL, LogDestinationType: s3, LogDestination: arn:aws:s3:::flows }
Outputs:
  Eip: { Value: !Ref Ip }
`;

test('Metadata.vpcflow pins ids, an instance\'s interface id and public address, an Elastic IP\'s address', () => {
  const { net, outputs } = buildYaml(PINNED);
  assert.ok(net.vpcs.has('vpc-0a1b2c3d4e5f60718'));
  assert.ok(net.subnets.has('subnet-01234567'));
  assert.ok(net.securityGroups.has('sg-0123456789abcdef0'));
  const web = net.instances.get('i-01234567890123456')!;
  assert.deepEqual(web.eniIds, ['eni-1235b8ca123456789']);
  const eni = net.interfaces.get('eni-1235b8ca123456789')!;
  assert.equal(eni.publicIp?.text, '3.80.10.20');
  assert.deepEqual(eni.groups, ['sg-0123456789abcdef0']);
  assert.equal(net.addresses.get('eipalloc-0aaaaaaaaaaaaaaaa')!.publicIp.text, '44.200.1.2');
  assert.equal(outputs.Eip, '44.200.1.2');
  const nat = net.natGateways.get('nat-0bbbbbbbbbbbbbbbb')!;
  assert.equal(nat.eniId, 'eni-0ccccccccccccccc1');
  assert.equal(net.interfaces.get(nat.eniId)!.publicIp?.text, '44.200.1.2');
  assert.ok(net.flowLogs.has('fl-0ddddddddddddddd1'));
  assert.equal(net.logical.get('Web')!.physicalId, 'i-01234567890123456');
});

test('generated ids are AWS-shaped, stable for a seed, and not renumbered when a resource is added', () => {
  const a = buildYaml(`Resources:${NETWORK}`, { seed: 7 });
  const b = buildYaml(`Resources:${NETWORK}`, { seed: 7 });
  const c = buildYaml(`Resources:${NETWORK}`, { seed: 8 });
  const d = buildYaml(`Resources:
  First:
    Type: AWS::EC2::InternetGateway${NETWORK}`, { seed: 7 });
  const ids = (x: typeof a) => ['Vpc', 'SubnetA', 'SubnetB'].map((k) => x.net.logical.get(k)!.physicalId);
  assert.match(ids(a)[0]!, /^vpc-[0-9a-f]{17}$/);
  assert.match(ids(a)[1]!, /^subnet-[0-9a-f]{17}$/);
  assert.deepEqual(ids(a), ids(b));
  assert.deepEqual(ids(a), ids(d));
  assert.notDeepEqual(ids(a), ids(c));
});

test('a pinned id is not given to another resource; two resources pinning the same id is an error', () => {
  const { net } = buildYaml(PINNED);
  const all = [...net.logical.values()].map((e) => e.physicalId);
  assert.equal(new Set(all).size, all.length);
  assertScenarioError(() => buildYaml(`Resources:${NETWORK}
  A:
    Type: AWS::EC2::Instance
    Metadata: { vpcflow: { eni: eni-0123456789abcdef0 } }
    Properties: { SubnetId: !Ref SubnetA }
  B:
    Type: AWS::EC2::NetworkInterface
    Metadata: { vpcflow: { id: eni-0123456789abcdef0 } }
    Properties: { SubnetId: !Ref SubnetA }
`), { file: 'net.cfn.yaml', line: 18, column: 32, place: 'Resources.B.Metadata.vpcflow.id', expected: /no other resource pins/, found: /already pinned by A/ });
});
