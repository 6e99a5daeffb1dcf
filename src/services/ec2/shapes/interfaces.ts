/** Network interfaces: botocore's shapes (the members vpcflow uses), shared with instances. */
import { B, I, S, at, list, struct } from './dsl.ts';
import { Filter, NextToken, TagSpecifications, Tags } from './common.ts';

export const GroupIdentifier = struct({ GroupName: at('groupName', S), GroupId: at('groupId', S) });
export const InstanceIpv6Address = struct({ Ipv6Address: at('ipv6Address', S) });
export const PrivateIpAddressSpecification = struct({ Primary: at('primary', B), PrivateIpAddress: at('privateIpAddress', S) });

const NetworkInterfaceAssociation = struct({
  AllocationId: at('allocationId', S), AssociationId: at('associationId', S), IpOwnerId: at('ipOwnerId', S),
  PublicDnsName: at('publicDnsName', S), PublicIp: at('publicIp', S),
});
const NetworkInterfaceAttachment = struct({
  AttachmentId: at('attachmentId', S), DeleteOnTermination: at('deleteOnTermination', B), DeviceIndex: at('deviceIndex', I),
  InstanceId: at('instanceId', S), InstanceOwnerId: at('instanceOwnerId', S), Status: at('status', S),
});
const NetworkInterfacePrivateIpAddress = struct({
  Association: at('association', NetworkInterfaceAssociation), Primary: at('primary', B),
  PrivateDnsName: at('privateDnsName', S), PrivateIpAddress: at('privateIpAddress', S),
});
/** Newer than the awscli model the parity test reads (added to EC2 in 2023). */
const ConnectionTrackingConfiguration = struct({
  TcpEstablishedTimeout: at('tcpEstablishedTimeout', I), UdpStreamTimeout: at('udpStreamTimeout', I), UdpTimeout: at('udpTimeout', I),
});
const ConnectionTrackingSpecificationRequest = struct({ TcpEstablishedTimeout: I, UdpStreamTimeout: I, UdpTimeout: I });

export const NetworkInterface = struct({
  Association: at('association', NetworkInterfaceAssociation), Attachment: at('attachment', NetworkInterfaceAttachment),
  AvailabilityZone: at('availabilityZone', S), Description: at('description', S), Groups: at('groupSet', list(GroupIdentifier)),
  InterfaceType: at('interfaceType', S), Ipv6Addresses: at('ipv6AddressesSet', list(InstanceIpv6Address)), MacAddress: at('macAddress', S),
  NetworkInterfaceId: at('networkInterfaceId', S), OwnerId: at('ownerId', S), PrivateDnsName: at('privateDnsName', S),
  PrivateIpAddress: at('privateIpAddress', S), PrivateIpAddresses: at('privateIpAddressesSet', list(NetworkInterfacePrivateIpAddress)),
  RequesterId: at('requesterId', S), RequesterManaged: at('requesterManaged', B), SourceDestCheck: at('sourceDestCheck', B),
  Status: at('status', S), SubnetId: at('subnetId', S), TagSet: Tags,
  VpcId: at('vpcId', S), ConnectionTrackingConfiguration: at('connectionTrackingConfiguration', ConnectionTrackingConfiguration),
});

export const CreateNetworkInterfaceRequest = struct({
  Description: at('description', S), Groups: at('SecurityGroupId', list(S)), Ipv6AddressCount: at('ipv6AddressCount', I),
  Ipv6Addresses: at('ipv6Addresses', list(InstanceIpv6Address)), PrivateIpAddress: at('privateIpAddress', S),
  PrivateIpAddresses: at('privateIpAddresses', list(PrivateIpAddressSpecification)),
  SecondaryPrivateIpAddressCount: at('secondaryPrivateIpAddressCount', I), SubnetId: at('subnetId', S), TagSpecifications, ClientToken: S,
  ConnectionTrackingSpecification: ConnectionTrackingSpecificationRequest,
}, ['SubnetId']);
export const CreateNetworkInterfaceResult = struct({ NetworkInterface: at('networkInterface', NetworkInterface), ClientToken: at('clientToken', S) });
export const AttachNetworkInterfaceRequest = struct({ DeviceIndex: at('deviceIndex', I), InstanceId: at('instanceId', S), NetworkInterfaceId: at('networkInterfaceId', S) }, ['DeviceIndex', 'InstanceId', 'NetworkInterfaceId']);
export const AttachNetworkInterfaceResult = struct({ AttachmentId: at('attachmentId', S) });
export const ModifyNetworkInterfaceAttributeRequest = struct({
  Description: at('description', struct({ Value: at('value', S) })), Groups: at('SecurityGroupId', list(S)),
  NetworkInterfaceId: at('networkInterfaceId', S), SourceDestCheck: at('sourceDestCheck', struct({ Value: at('value', B) })),
  ConnectionTrackingSpecification: ConnectionTrackingSpecificationRequest,
}, ['NetworkInterfaceId']);
export const DeleteNetworkInterfaceRequest = struct({ NetworkInterfaceId: at('networkInterfaceId', S) }, ['NetworkInterfaceId']);
export const DescribeNetworkInterfacesRequest = struct({
  Filters: at('filter', list(Filter)), NetworkInterfaceIds: at('NetworkInterfaceId', list(S)),
  NextToken: S, MaxResults: I,
});
export const DescribeNetworkInterfacesResult = struct({ NetworkInterfaces: at('networkInterfaceSet', list(NetworkInterface)), NextToken });
