/**
 * A whole network through the SDK, as a user would build it: a VPC with a
 * public and a private subnet, an internet gateway and route, a network ACL
 * with entries, web and database security groups, two instances, flow logs to
 * a log group and to a bucket, then DescribeFlowLogs with filters and paging.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  AssociateRouteTableCommand, AttachInternetGatewayCommand, AuthorizeSecurityGroupIngressCommand, CreateFlowLogsCommand,
  CreateInternetGatewayCommand, CreateNetworkAclCommand, CreateNetworkAclEntryCommand, CreateRouteCommand, CreateRouteTableCommand,
  CreateSecurityGroupCommand, CreateSubnetCommand, CreateTagsCommand, CreateVpcCommand, DescribeFlowLogsCommand, DescribeInstancesCommand,
  DescribeNetworkAclsCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, ReplaceNetworkAclAssociationCommand,
  RunInstancesCommand, paginateDescribeFlowLogs,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../s3/support.ts';
import { startTestServer } from '../support/server.ts';

const t = await startTestServer();
const { ec2 } = t;
const s3 = s3Client(t.server.url);
after(async () => { s3.destroy(); await t.close(); });

test('a two-tier VPC with flow logs, built and read back through the SDK', async () => {
  const tag = (name: string) => [{ ResourceType: 'vpc' as const, Tags: [{ Key: 'Name', Value: name }] }];
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '172.31.0.0/16', TagSpecifications: tag('journey') }))).Vpc!.VpcId!;
  const subnet = async (cidr: string, az: string) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }))).Subnet!.SubnetId!;
  const pub = await subnet('172.31.1.0/24', 'us-east-1a');
  const priv = await subnet('172.31.2.0/24', 'us-east-1a');
  await ec2.send(new CreateTagsCommand({ Resources: [pub, priv], Tags: [{ Key: 'tier', Value: 'app' }] }));

  const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
  const rtb = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: pub }));

  const acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!.NetworkAclId!;
  const entry = (n: number, egress: boolean, from: number, to: number, cidr: string) =>
    ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: n, Egress: egress, Protocol: '6', RuleAction: 'allow', CidrBlock: cidr, PortRange: { From: from, To: to } }));
  await entry(100, false, 5432, 5432, '172.31.1.0/24');
  await entry(100, true, 1024, 65535, '172.31.1.0/24');
  const current = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [priv] }] }));
  const assoc = current.NetworkAcls![0]!.Associations!.find((a) => a.SubnetId === priv)!.NetworkAclAssociationId!;
  await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: assoc, NetworkAclId: acl }));

  const group = async (name: string) => (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: name, Description: name }))).GroupId!;
  const web = await group('web');
  const db = await group('db');
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: db, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web }] }] }));

  const launch = async (subnetId: string, sg: string, ip: string) => (await ec2.send(new RunInstancesCommand({
    ImageId: 'ami-0abcdef1234567890', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1,
    NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, Groups: [sg], PrivateIpAddress: ip, AssociatePublicIpAddress: subnetId === pub }],
  }))).Instances![0]!;
  const webI = await launch(pub, web, '172.31.1.10');
  const dbI = await launch(priv, db, '172.31.2.10');
  assert.match(webI.PublicIpAddress!, /^\d+\.\d+\.\d+\.\d+$/);
  assert.equal(dbI.PublicIpAddress, undefined);

  const cw = await ec2.send(new CreateFlowLogsCommand({
    ResourceIds: [vpcId], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: '/vpc/journey',
    DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow-logs', MaxAggregationInterval: 60,
  }));
  await s3.send(new CreateBucketCommand({ Bucket: 'journey-flow-logs' }));
  const toS3 = await ec2.send(new CreateFlowLogsCommand({
    ResourceIds: [pub, priv], ResourceType: 'Subnet', TrafficType: 'REJECT', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::journey-flow-logs/vpc/',
  }));
  assert.deepEqual([cw.FlowLogIds!.length, toS3.FlowLogIds!.length, toS3.Unsuccessful!.length], [1, 2, 0]);

  // Read everything back.
  const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'tag:tier', Values: ['app'] }] }));
  assert.deepEqual(subnets.Subnets!.map((s) => s.AvailableIpAddressCount), [250, 250]);
  const dbGroup = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [db] }))).SecurityGroups![0]!;
  assert.equal(dbGroup.IpPermissions![0]!.UserIdGroupPairs![0]!.GroupId, web);
  const running = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'instance-state-name', Values: ['running'] }] }));
  assert.deepEqual(running.Reservations!.flatMap((r) => r.Instances!.map((i) => i.PrivateIpAddress)), ['172.31.1.10', '172.31.2.10']);
  const aclNow = (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [acl] }))).NetworkAcls![0]!;
  assert.deepEqual(aclNow.Associations!.map((a) => a.SubnetId), [priv]);

  const bucketLogs = await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'log-destination-type', Values: ['s3'] }, { Name: 'traffic-type', Values: ['REJECT'] }] }));
  assert.deepEqual(bucketLogs.FlowLogs!.map((f) => f.ResourceId), [pub, priv]);
  const groupLogs = await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'log-group-name', Values: ['/vpc/journey'] }] }));
  assert.deepEqual(groupLogs.FlowLogs!.map((f) => [f.ResourceId, f.MaxAggregationInterval]), [[vpcId, 60]]);

  // The SDK's own paginator walks MaxResults/NextToken.
  const ids: string[] = [];
  for await (const page of paginateDescribeFlowLogs({ client: ec2, pageSize: 2 }, {})) ids.push(...page.FlowLogs!.map((f) => f.FlowLogId!));
  assert.deepEqual(ids, [...cw.FlowLogIds!, ...toS3.FlowLogIds!]);
});
