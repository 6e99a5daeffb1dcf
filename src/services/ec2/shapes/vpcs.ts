/** VPCs and subnets: botocore's Vpc, Subnet and their request/response shapes (the members vpcflow uses). */
import { B, I, S, at, list, struct } from './dsl.ts';
import { Filters, NextToken, TagSpecifications, Tags } from './common.ts';

const CidrState = struct({ State: at('state', S), StatusMessage: at('statusMessage', S) });
const VpcCidrBlockAssociation = struct({ AssociationId: at('associationId', S), CidrBlock: at('cidrBlock', S), CidrBlockState: at('cidrBlockState', CidrState) });
const VpcIpv6CidrBlockAssociation = struct({
  AssociationId: at('associationId', S), Ipv6CidrBlock: at('ipv6CidrBlock', S), Ipv6CidrBlockState: at('ipv6CidrBlockState', CidrState),
  NetworkBorderGroup: at('networkBorderGroup', S), Ipv6Pool: at('ipv6Pool', S),
});

export const Vpc = struct({
  CidrBlock: at('cidrBlock', S), DhcpOptionsId: at('dhcpOptionsId', S), State: at('state', S), VpcId: at('vpcId', S),
  OwnerId: at('ownerId', S), InstanceTenancy: at('instanceTenancy', S),
  Ipv6CidrBlockAssociationSet: at('ipv6CidrBlockAssociationSet', list(VpcIpv6CidrBlockAssociation)),
  CidrBlockAssociationSet: at('cidrBlockAssociationSet', list(VpcCidrBlockAssociation)),
  IsDefault: at('isDefault', B), Tags,
});

export const CreateVpcRequest = struct({
  CidrBlock: S, AmazonProvidedIpv6CidrBlock: at('amazonProvidedIpv6CidrBlock', B), Ipv6CidrBlock: S,
  InstanceTenancy: at('instanceTenancy', S), Ipv6CidrBlockNetworkBorderGroup: S, TagSpecifications,
});
export const CreateVpcResult = struct({ Vpc: at('vpc', Vpc) });
export const DescribeVpcsRequest = struct({ Filters, VpcIds: at('VpcId', list(S)), NextToken: S, MaxResults: I });
export const DescribeVpcsResult = struct({ Vpcs: at('vpcSet', list(Vpc)), NextToken });
export const DeleteVpcRequest = struct({ VpcId: S }, ['VpcId']);
export const AssociateVpcCidrBlockRequest = struct({
  AmazonProvidedIpv6CidrBlock: at('amazonProvidedIpv6CidrBlock', B), CidrBlock: S, VpcId: at('vpcId', S), Ipv6CidrBlock: S,
  Ipv6CidrBlockNetworkBorderGroup: S,
}, ['VpcId']);
export const AssociateVpcCidrBlockResult = struct({
  Ipv6CidrBlockAssociation: at('ipv6CidrBlockAssociation', VpcIpv6CidrBlockAssociation),
  CidrBlockAssociation: at('cidrBlockAssociation', VpcCidrBlockAssociation), VpcId: at('vpcId', S),
});

const SubnetIpv6CidrBlockAssociation = struct({ AssociationId: at('associationId', S), Ipv6CidrBlock: at('ipv6CidrBlock', S), Ipv6CidrBlockState: at('ipv6CidrBlockState', CidrState) });

export const Subnet = struct({
  AvailabilityZone: at('availabilityZone', S), AvailabilityZoneId: at('availabilityZoneId', S),
  AvailableIpAddressCount: at('availableIpAddressCount', I), CidrBlock: at('cidrBlock', S), DefaultForAz: at('defaultForAz', B),
  MapPublicIpOnLaunch: at('mapPublicIpOnLaunch', B), State: at('state', S), SubnetId: at('subnetId', S), VpcId: at('vpcId', S),
  OwnerId: at('ownerId', S), AssignIpv6AddressOnCreation: at('assignIpv6AddressOnCreation', B),
  Ipv6CidrBlockAssociationSet: at('ipv6CidrBlockAssociationSet', list(SubnetIpv6CidrBlockAssociation)), Tags,
  SubnetArn: at('subnetArn', S), EnableDns64: at('enableDns64', B), Ipv6Native: at('ipv6Native', B),
});

export const CreateSubnetRequest = struct({ TagSpecifications, AvailabilityZone: S, AvailabilityZoneId: S, CidrBlock: S, Ipv6CidrBlock: S, VpcId: S }, ['VpcId']);
export const CreateSubnetResult = struct({ Subnet: at('subnet', Subnet) });
export const DescribeSubnetsRequest = struct({ Filters, SubnetIds: at('SubnetId', list(S)), NextToken: S, MaxResults: I });
export const DescribeSubnetsResult = struct({ Subnets: at('subnetSet', list(Subnet)), NextToken });
export const DeleteSubnetRequest = struct({ SubnetId: S }, ['SubnetId']);
const AttributeBooleanValue = struct({ Value: at('value', B) });
export const ModifySubnetAttributeRequest = struct({
  AssignIpv6AddressOnCreation: AttributeBooleanValue, MapPublicIpOnLaunch: AttributeBooleanValue, SubnetId: at('subnetId', S),
}, ['SubnetId']);
