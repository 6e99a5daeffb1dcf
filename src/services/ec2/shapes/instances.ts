/** Instances: botocore's RunInstances, Reservation and Instance shapes (the members vpcflow uses). */
import { B, I, S, at, list, struct } from './dsl.ts';
import { Filters, TagSpecifications, Tags } from './common.ts';
import { GroupIdentifier, InstanceIpv6Address, PrivateIpAddressSpecification } from './interfaces.ts';

const Placement = struct({ AvailabilityZone: at('availabilityZone', S), Tenancy: at('tenancy', S) });
const InstanceState = struct({ Code: at('code', I), Name: at('name', S) });

const InstanceNetworkInterfaceSpecification = struct({
  AssociatePublicIpAddress: at('associatePublicIpAddress', B), DeleteOnTermination: at('deleteOnTermination', B),
  Description: at('description', S), DeviceIndex: at('deviceIndex', I), Groups: at('SecurityGroupId', list(S)),
  Ipv6AddressCount: at('ipv6AddressCount', I), Ipv6Addresses: at('ipv6AddressesSet', list(InstanceIpv6Address), 'Ipv6Addresses'),
  NetworkInterfaceId: at('networkInterfaceId', S), PrivateIpAddress: at('privateIpAddress', S),
  PrivateIpAddresses: at('privateIpAddressesSet', list(PrivateIpAddressSpecification), 'PrivateIpAddresses'),
  SecondaryPrivateIpAddressCount: at('secondaryPrivateIpAddressCount', I), SubnetId: at('subnetId', S),
});

const InstanceNetworkInterfaceAssociation = struct({ IpOwnerId: at('ipOwnerId', S), PublicDnsName: at('publicDnsName', S), PublicIp: at('publicIp', S) });
const InstanceNetworkInterface = struct({
  Association: at('association', InstanceNetworkInterfaceAssociation),
  Attachment: at('attachment', struct({
    AttachmentId: at('attachmentId', S), DeleteOnTermination: at('deleteOnTermination', B), DeviceIndex: at('deviceIndex', I), Status: at('status', S),
  })),
  Description: at('description', S), Groups: at('groupSet', list(GroupIdentifier)), Ipv6Addresses: at('ipv6AddressesSet', list(InstanceIpv6Address)),
  MacAddress: at('macAddress', S), NetworkInterfaceId: at('networkInterfaceId', S), OwnerId: at('ownerId', S),
  PrivateDnsName: at('privateDnsName', S), PrivateIpAddress: at('privateIpAddress', S),
  PrivateIpAddresses: at('privateIpAddressesSet', list(struct({
    Association: at('association', InstanceNetworkInterfaceAssociation), Primary: at('primary', B),
    PrivateDnsName: at('privateDnsName', S), PrivateIpAddress: at('privateIpAddress', S),
  }))),
  SourceDestCheck: at('sourceDestCheck', B), Status: at('status', S), SubnetId: at('subnetId', S), VpcId: at('vpcId', S),
  InterfaceType: at('interfaceType', S),
});

export const Instance = struct({
  AmiLaunchIndex: at('amiLaunchIndex', I), ImageId: at('imageId', S), InstanceId: at('instanceId', S), InstanceType: at('instanceType', S),
  KeyName: at('keyName', S), Placement: at('placement', Placement), PrivateDnsName: at('privateDnsName', S),
  PrivateIpAddress: at('privateIpAddress', S), PublicDnsName: at('dnsName', S), PublicIpAddress: at('ipAddress', S),
  State: at('instanceState', InstanceState), SubnetId: at('subnetId', S), VpcId: at('vpcId', S),
  NetworkInterfaces: at('networkInterfaceSet', list(InstanceNetworkInterface)), SecurityGroups: at('groupSet', list(GroupIdentifier)),
  SourceDestCheck: at('sourceDestCheck', B), Tags,
});

export const Reservation = struct({
  Groups: at('groupSet', list(GroupIdentifier)), Instances: at('instancesSet', list(Instance)), OwnerId: at('ownerId', S),
  ReservationId: at('reservationId', S),
});

export const RunInstancesRequest = struct({
  ImageId: S, InstanceType: S, Ipv6AddressCount: I, Ipv6Addresses: at('Ipv6Address', list(InstanceIpv6Address)), KeyName: S,
  MaxCount: I, MinCount: I, Placement, SecurityGroupIds: at('SecurityGroupId', list(S)), SubnetId: S, UserData: S,
  ClientToken: at('clientToken', S), DisableApiTermination: at('disableApiTermination', B), EbsOptimized: at('ebsOptimized', B),
  InstanceInitiatedShutdownBehavior: at('instanceInitiatedShutdownBehavior', S),
  NetworkInterfaces: at('networkInterface', list(InstanceNetworkInterfaceSpecification)), PrivateIpAddress: at('privateIpAddress', S),
  TagSpecifications, Monitoring: struct({ Enabled: at('enabled', B) }), DisableApiStop: B,
}, ['MaxCount', 'MinCount']);
export const DescribeInstancesRequest = struct({
  Filters, InstanceIds: at('InstanceId', list(S)), MaxResults: at('maxResults', I), NextToken: at('nextToken', S),
});
export const DescribeInstancesResult = struct({ Reservations: at('reservationSet', list(Reservation)), NextToken: at('nextToken', S) });
export const TerminateInstancesRequest = struct({ InstanceIds: at('InstanceId', list(S)) }, ['InstanceIds']);
export const TerminateInstancesResult = struct({
  TerminatingInstances: at('instancesSet', list(struct({
    CurrentState: at('currentState', InstanceState), InstanceId: at('instanceId', S), PreviousState: at('previousState', InstanceState),
  }))),
});
