/** Internet gateways, Elastic IPs and NAT gateways: botocore's shapes (the members vpcflow uses). */
import { B, I, S, T, at, list, struct } from './dsl.ts';
import { Filter, Filters, NextToken, TagSpecifications, Tags } from './common.ts';

const InternetGatewayAttachment = struct({ State: at('state', S), VpcId: at('vpcId', S) });
export const InternetGateway = struct({
  Attachments: at('attachmentSet', list(InternetGatewayAttachment)), InternetGatewayId: at('internetGatewayId', S),
  OwnerId: at('ownerId', S), Tags,
});

export const CreateInternetGatewayRequest = struct({ TagSpecifications });
export const CreateInternetGatewayResult = struct({ InternetGateway: at('internetGateway', InternetGateway) });
const gatewayAndVpc = struct({ InternetGatewayId: at('internetGatewayId', S), VpcId: at('vpcId', S) }, ['InternetGatewayId', 'VpcId']);
export const AttachInternetGatewayRequest = gatewayAndVpc;
export const DetachInternetGatewayRequest = gatewayAndVpc;
export const DeleteInternetGatewayRequest = struct({ InternetGatewayId: at('internetGatewayId', S) }, ['InternetGatewayId']);
export const DescribeInternetGatewaysRequest = struct({ Filters, InternetGatewayIds: at('internetGatewayId', list(S)), NextToken: S, MaxResults: I });
export const DescribeInternetGatewaysResult = struct({ InternetGateways: at('internetGatewaySet', list(InternetGateway)), NextToken });

export const AllocateAddressRequest = struct({ Domain: S, Address: S, PublicIpv4Pool: S, NetworkBorderGroup: S, TagSpecifications });
export const AllocateAddressResult = struct({
  PublicIp: at('publicIp', S), AllocationId: at('allocationId', S), PublicIpv4Pool: at('publicIpv4Pool', S),
  NetworkBorderGroup: at('networkBorderGroup', S), Domain: at('domain', S),
});
export const AssociateAddressRequest = struct({
  AllocationId: S, InstanceId: S, PublicIp: S, AllowReassociation: at('allowReassociation', B),
  NetworkInterfaceId: at('networkInterfaceId', S), PrivateIpAddress: at('privateIpAddress', S),
});
export const AssociateAddressResult = struct({ AssociationId: at('associationId', S) });
export const DisassociateAddressRequest = struct({ AssociationId: S });
export const ReleaseAddressRequest = struct({ AllocationId: S, NetworkBorderGroup: S });

const NatGatewayAddress = struct({
  AllocationId: at('allocationId', S), NetworkInterfaceId: at('networkInterfaceId', S), PrivateIp: at('privateIp', S), PublicIp: at('publicIp', S),
});
export const NatGateway = struct({
  CreateTime: at('createTime', T), DeleteTime: at('deleteTime', T), NatGatewayAddresses: at('natGatewayAddressSet', list(NatGatewayAddress)),
  NatGatewayId: at('natGatewayId', S), State: at('state', S), SubnetId: at('subnetId', S), VpcId: at('vpcId', S), Tags,
  ConnectivityType: at('connectivityType', S),
});

export const CreateNatGatewayRequest = struct({ AllocationId: S, ClientToken: S, SubnetId: S, TagSpecifications, ConnectivityType: S, PrivateIpAddress: S }, ['SubnetId']);
export const CreateNatGatewayResult = struct({ ClientToken: at('clientToken', S), NatGateway: at('natGateway', NatGateway) });
export const DeleteNatGatewayRequest = struct({ NatGatewayId: S }, ['NatGatewayId']);
export const DeleteNatGatewayResult = struct({ NatGatewayId: at('natGatewayId', S) });
export const DescribeNatGatewaysRequest = struct({ Filter: list(Filter), MaxResults: I, NatGatewayIds: at('NatGatewayId', list(S)), NextToken: S });
export const DescribeNatGatewaysResult = struct({ NatGateways: at('natGatewaySet', list(NatGateway)), NextToken });
