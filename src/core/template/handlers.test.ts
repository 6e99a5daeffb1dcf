import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NETWORK, buildYaml } from '../../../test/fixtures/scenarios/helpers.ts';

const ALL = `Resources:${NETWORK}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  Vpn:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, VpnGatewayId: vgw-0123456789abcdef0 }
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  ToIgw:
    Type: AWS::EC2::Route
    DependsOn: Attach
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  ToPeer:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 172.16.0.0/12, VpcPeeringConnectionId: pcx-0123456789abcdef0 }
  ToTgw:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 192.168.0.0/16, TransitGatewayId: tgw-0123456789abcdef0 }
  ToNat:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !GetAtt Rt.RouteTableId, DestinationCidrBlock: 100.64.0.0/10, NatGatewayId: !Ref Nat }
  ToEni:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 198.18.0.0/15, NetworkInterfaceId: !Ref Eni }
  RtAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref SubnetA, RouteTableId: !Ref Rt }
  NatIp:
    Type: AWS::EC2::EIP
    Properties: { Domain: vpc }
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: { SubnetId: !Ref SubnetA, AllocationId: !GetAtt NatIp.AllocationId }
  PrivateNat:
    Type: AWS::EC2::NatGateway
    Properties: { SubnetId: !Ref SubnetB, ConnectivityType: private, PrivateIpAddress: 10.0.1.200 }
  Web:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref SubnetA, SecurityGroups: [default] }
  WebIp:
    Type: AWS::EC2::EIP
    Properties: { InstanceId: !Ref Web }
  Eni:
    Type: AWS::EC2::NetworkInterface
    Properties: { SubnetId: !Ref SubnetA, Description: second leg, GroupSet: [!Ref Sg] }
  EniAttach:
    Type: AWS::EC2::NetworkInterfaceAttachment
    Properties: { InstanceId: !Ref Web, NetworkInterfaceId: !Ref Eni, DeviceIndex: "1" }
  EniIp:
    Type: AWS::EC2::EIP
  EniIpAssoc:
    Type: AWS::EC2::EIPAssociation
    Properties: { AllocationId: !GetAtt EniIp.AllocationId, NetworkInterfaceId: !Ref Eni }
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: { VpcId: !Ref Vpc }
  AclPing:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 120, Protocol: 1, RuleAction: allow, CidrBlock: 10.0.0.0/8, Icmp: { Type: 8, Code: -1 } }
  AclAssoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: { SubnetId: !Ref SubnetB, NetworkAclId: !Ref Acl }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupName: app, GroupDescription: app servers, VpcId: !Ref Vpc }
  SgIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !Ref Sg, IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !Ref Sg, Description: self }
  SgInNothing:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !Ref Sg, IpProtocol: tcp, FromPort: 9, ToPort: 9 }
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /vpc/flows }
  Bucket:
    Type: AWS::S3::Bucket
    Properties: { BucketName: flow-bucket }
  Stream:
    Type: AWS::KinesisFirehose::DeliveryStream
  Flow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Eni
      ResourceType: NetworkInterface
      TrafficType: ACCEPT
      LogDestinationType: kinesis-data-firehose
      LogDestination: !GetAtt Stream.Arn
Outputs:
  VpcCidr: { Value: !GetAtt Vpc.CidrBlock }
  VpcAssocs: { Value: !GetAtt Vpc.CidrBlockAssociations }
  VpcAcl: { Value: !GetAtt Vpc.DefaultNetworkAcl }
  VpcSg: { Value: !GetAtt Vpc.DefaultSecurityGroup }
  VpcV6: { Value: !GetAtt Vpc.Ipv6CidrBlocks }
  VpcId: { Value: !GetAtt Vpc.VpcId }
  SubAz: { Value: !GetAtt SubnetB.AvailabilityZone }
  SubAzId: { Value: !GetAtt SubnetB.AvailabilityZoneId }
  SubCidr: { Value: !GetAtt SubnetB.CidrBlock }
  SubV6: { Value: !GetAtt SubnetB.Ipv6CidrBlocks }
  SubAclAssoc: { Value: !GetAtt SubnetB.NetworkAclAssociationId }
  SubId: { Value: !GetAtt SubnetB.SubnetId }
  SubVpc: { Value: !GetAtt SubnetB.VpcId }
  SgId: { Value: !GetAtt Sg.GroupId }
  SgVpc: { Value: !GetAtt Sg.VpcId }
  WebPrivate: { Value: !GetAtt Web.PrivateIp }
  WebPublic: { Value: !GetAtt Web.PublicIp }
  WebAz: { Value: !GetAtt Web.AvailabilityZone }
  WebId: { Value: !GetAtt Web.InstanceId }
  WebIpRef: { Value: !Ref WebIp }
  WebIpAlloc: { Value: !GetAtt WebIp.AllocationId }
  WebIpPublic: { Value: !GetAtt WebIp.PublicIp }
  EniId: { Value: !GetAtt Eni.Id }
  EniPrimary: { Value: !GetAtt Eni.PrimaryPrivateIpAddress }
  EniSecondary: { Value: !GetAtt Eni.SecondaryPrivateIpAddresses }
  EniV6: { Value: !GetAtt Eni.Ipv6Address }
  NatId: { Value: !GetAtt Nat.NatGatewayId }
  AclId: { Value: !GetAtt Acl.Id }
  RtId: { Value: !GetAtt Rt.RouteTableId }
  IgwId: { Value: !GetAtt Igw.InternetGatewayId }
  FlowId: { Value: !GetAtt Flow.Id }
  LogsRef: { Value: !Ref Logs }
  LogsArn: { Value: !GetAtt Logs.Arn }
  BucketRef: { Value: !Ref Bucket }
  BucketArn: { Value: !GetAtt Bucket.Arn }
  BucketDomain: { Value: !GetAtt Bucket.DomainName }
  StreamRef: { Value: !Ref Stream }
  StreamArn: { Value: !GetAtt Stream.Arn }
  RouteCidr: { Value: !GetAtt ToIgw.CidrBlock }
`;

test('every modelled type: created through its EC2 action, with CloudFormation\'s Ref and GetAtt values', () => {
  const built = buildYaml(ALL);
  const { net, outputs: o, warnings } = built;
  const id = (k: string) => net.logical.get(k)!.physicalId;
  const vpc = net.vpcs.get(id('Vpc'))!;
  const subnetB = net.subnets.get(id('SubnetB'))!;
  const web = net.instances.get(id('Web'))!;
  const webEni = net.interfaces.get(web.eniIds[0]!)!;
  const eni = net.interfaces.get(id('Eni'))!;

  assert.equal(o.VpcCidr, '10.0.0.0/16');
  assert.match((o.VpcAssocs as string[])[0]!, /^vpc-cidr-assoc-[0-9a-f]{17}$/);
  assert.deepEqual([o.VpcAcl, o.VpcSg, o.VpcV6, o.VpcId], [vpc.defaultNetworkAclId, vpc.defaultSecurityGroupId, [], vpc.id]);
  assert.deepEqual([o.SubAz, o.SubAzId, o.SubCidr, o.SubV6, o.SubId, o.SubVpc], ['us-east-1a', 'use1-az1', '10.0.1.0/24', [], subnetB.id, vpc.id]);
  assert.equal(o.SubAclAssoc, subnetB.networkAclAssociationId);
  assert.equal(subnetB.networkAclId, id('Acl'));
  assert.equal(id('AclAssoc'), subnetB.networkAclAssociationId);
  assert.deepEqual([o.SgId, o.SgVpc], [id('Sg'), vpc.id]);
  // The public NAT gateway is created first (template order) and takes the subnet's first free address.
  assert.equal(net.interfaces.get(net.natGateways.get(id('Nat'))!.eniId)!.privateIps[0]!.text, '10.0.0.4');
  assert.deepEqual([o.WebPrivate, o.WebAz, o.WebId], ['10.0.0.5', 'us-east-1a', web.id]);
  assert.deepEqual(webEni.groups, [vpc.defaultSecurityGroupId]);
  const webIp = [...net.addresses.values()].find((a) => a.logicalId === 'WebIp')!;
  assert.deepEqual([o.WebIpRef, o.WebIpAlloc, o.WebIpPublic, o.WebPublic], [webIp.publicIp.text, webIp.allocationId, webIp.publicIp.text, webIp.publicIp.text]);
  assert.equal(webIp.eniId, webEni.id);
  assert.equal(id('WebIp'), webIp.publicIp.text);

  assert.deepEqual([o.EniId, o.EniPrimary, o.EniSecondary, o.EniV6], [eni.id, '10.0.0.6', [], '']);
  assert.deepEqual([eni.instanceId, eni.deviceIndex, eni.attachmentId, eni.description], [web.id, 1, id('EniAttach'), 'second leg']);
  assert.deepEqual(web.eniIds, [webEni.id, eni.id]);
  const eniIp = [...net.addresses.values()].find((a) => a.logicalId === 'EniIp')!;
  assert.equal(eni.publicIp?.text, eniIp.publicIp.text);
  assert.equal(eniIp.associationId, id('EniIpAssoc'));

  const nat = net.natGateways.get(id('Nat'))!;
  assert.equal(o.NatId, nat.id);
  assert.equal(net.interfaces.get(nat.eniId)!.publicIp?.text, id('NatIp'));
  const privateNat = net.natGateways.get(id('PrivateNat'))!;
  assert.deepEqual([privateNat.connectivity, net.interfaces.get(privateNat.eniId)!.privateIps[0]!.text], ['private', '10.0.1.200']);

  const rt = net.routeTables.get(id('Rt'))!;
  assert.equal(o.RtId, rt.id);
  assert.deepEqual(rt.routes.map((r) => [r.dest.text, r.target.kind, r.target.id]), [
    ['10.0.0.0/16', 'local', undefined], ['0.0.0.0/0', 'igw', id('Igw')], ['172.16.0.0/12', 'pcx', 'pcx-0123456789abcdef0'],
    ['192.168.0.0/16', 'tgw', 'tgw-0123456789abcdef0'], ['100.64.0.0/10', 'nat', nat.id], ['198.18.0.0/15', 'eni', eni.id],
  ]);
  assert.equal(id('ToIgw'), `${rt.id}|0.0.0.0/0`);
  assert.equal(o.RouteCidr, '0.0.0.0/0');
  assert.equal(net.subnets.get(id('SubnetA'))!.routeTableAssociationId, id('RtAssoc'));
  assert.equal(net.internetGateways.get(id('Igw'))!.vpcId, vpc.id);
  assert.equal(o.IgwId, id('Igw'));
  assert.ok(warnings.some((w) => /Resources\.Vpn: VpnGatewayId vgw-0123456789abcdef0 is not modelled/.test(w)));

  const acl = net.networkAcls.get(id('Acl'))!;
  assert.equal(o.AclId, acl.id);
  assert.deepEqual(acl.entries.map((e) => [e.ruleNumber, e.protocol, e.icmpType, e.icmpCode]), [[120, 1, 8, -1]]);

  const sg = net.securityGroups.get(id('Sg'))!;
  assert.equal(sg.name, 'app');
  assert.deepEqual(sg.ingress.map((r) => [r.fromPort, r.peer, r.description]), [[8080, { kind: 'sg', groupId: sg.id, userId: undefined }, 'self']]);
  assert.equal(id('SgIn'), sg.ingress[0]!.id);
  assert.ok(warnings.some((w) => /Resources\.SgInNothing: no source is given, so no rule is added/.test(w)));

  assert.deepEqual([o.LogsRef, o.LogsArn], ['/vpc/flows', 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc/flows:*']);
  assert.deepEqual([o.BucketRef, o.BucketArn, o.BucketDomain], ['flow-bucket', 'arn:aws:s3:::flow-bucket', 'flow-bucket.s3.amazonaws.com']);
  assert.match(String(o.StreamRef), /^test-Stream-[A-Z0-9]{12}$/);
  assert.equal(o.StreamArn, `arn:aws:firehose:us-east-1:123456789012:deliverystream/${o.StreamRef}`);
  assert.ok(net.deliveryStreams.has(String(o.StreamRef)) && net.buckets.has('flow-bucket') && net.logGroups.has('/vpc/flows'));
  const flow = net.flowLogs.get(id('Flow'))!;
  assert.deepEqual([o.FlowId, flow.resourceType, flow.resourceId, flow.trafficType, flow.destinationType, flow.logDestination],
    [flow.id, 'NetworkInterface', eni.id, 'ACCEPT', 'kinesis-data-firehose', o.StreamArn]);
  assert.deepEqual(built.ignored, []);
});

test('generated names: CloudFormation\'s <stack>-<LogicalId>-<suffix>, fitted to each type\'s rules', () => {
  const { net } = buildYaml(`Resources:
  Igw:
    Type: AWS::EC2::InternetGateway
    Properties:
  B:
    Type: AWS::S3::Bucket
  ThisLogicalIdIsRatherLongForADeliveryStreamNameAndMustBeShortened:
    Type: AWS::KinesisFirehose::DeliveryStream
`, { name: '!My Demo_Stack' });
  const bucket = net.logical.get('B')!.physicalId;
  assert.match(bucket, /^my-demo-stack-b-[a-z0-9]{12}$/);
  const stream = net.logical.get('ThisLogicalIdIsRatherLongForADeliveryStreamNameAndMustBeShortened')!.physicalId;
  assert.ok(stream.length <= 64, stream);
  assert.match(stream, /^My-Demo-Stack-ThisLogical[A-Za-z]*-[A-Z0-9]{12}$/);
});
