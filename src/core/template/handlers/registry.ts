/** The resource types vpcflow models, by CloudFormation type name. Any other type is reported as ignored. */
import type { AnyHandler } from '../handler.ts';
import { bucketHandler, deliveryStreamHandler, logGroupHandler } from './destinations.ts';
import { eipAssociationHandler, eipHandler } from './eip.ts';
import { flowLogHandler } from './flow-log.ts';
import { internetGatewayHandler, natGatewayHandler, vpcGatewayAttachmentHandler } from './gateways.ts';
import { instanceHandler } from './instance.ts';
import { networkAclEntryHandler, networkAclHandler, subnetNetworkAclAssociationHandler } from './nacl.ts';
import { networkInterfaceAttachmentHandler, networkInterfaceHandler } from './network-interface.ts';
import { routeHandler, routeTableHandler, subnetRouteTableAssociationHandler } from './routing.ts';
import { securityGroupEgressHandler, securityGroupHandler, securityGroupIngressHandler } from './security-groups.ts';
import { subnetHandler } from './subnet.ts';
import { vpcCidrBlockHandler, vpcHandler } from './vpc.ts';
import { alarmHandler } from './alarm.ts';
import { insightRuleHandler } from './insight-rule.ts';
import { metricFilterHandler } from './metric-filter.ts';
import { subscriptionHandler, topicHandler } from './sns.ts';

export const HANDLERS: Readonly<Record<string, AnyHandler>> = {
  'AWS::EC2::VPC': vpcHandler,
  'AWS::EC2::VPCCidrBlock': vpcCidrBlockHandler,
  'AWS::EC2::Subnet': subnetHandler,
  'AWS::EC2::RouteTable': routeTableHandler,
  'AWS::EC2::Route': routeHandler,
  'AWS::EC2::SubnetRouteTableAssociation': subnetRouteTableAssociationHandler,
  'AWS::EC2::InternetGateway': internetGatewayHandler,
  'AWS::EC2::VPCGatewayAttachment': vpcGatewayAttachmentHandler,
  'AWS::EC2::NatGateway': natGatewayHandler,
  'AWS::EC2::EIP': eipHandler,
  'AWS::EC2::EIPAssociation': eipAssociationHandler,
  'AWS::EC2::NetworkAcl': networkAclHandler,
  'AWS::EC2::NetworkAclEntry': networkAclEntryHandler,
  'AWS::EC2::SubnetNetworkAclAssociation': subnetNetworkAclAssociationHandler,
  'AWS::EC2::SecurityGroup': securityGroupHandler,
  'AWS::EC2::SecurityGroupIngress': securityGroupIngressHandler,
  'AWS::EC2::SecurityGroupEgress': securityGroupEgressHandler,
  'AWS::EC2::Instance': instanceHandler,
  'AWS::EC2::NetworkInterface': networkInterfaceHandler,
  'AWS::EC2::NetworkInterfaceAttachment': networkInterfaceAttachmentHandler,
  'AWS::EC2::FlowLog': flowLogHandler,
  'AWS::Logs::LogGroup': logGroupHandler,
  'AWS::S3::Bucket': bucketHandler,
  'AWS::KinesisFirehose::DeliveryStream': deliveryStreamHandler,
  'AWS::Logs::MetricFilter': metricFilterHandler,
  'AWS::CloudWatch::Alarm': alarmHandler,
  'AWS::CloudWatch::InsightRule': insightRuleHandler,
  'AWS::SNS::Topic': topicHandler,
  'AWS::SNS::Subscription': subscriptionHandler,
};
