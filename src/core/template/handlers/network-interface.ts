/** AWS::EC2::NetworkInterface and AWS::EC2::NetworkInterfaceAttachment. */
import { attachNetworkInterface, createNetworkInterface, modifyNetworkInterfaceAttribute } from '../../ec2/interfaces.ts';
import type { NetworkInterface } from '../../model/types.ts';
import { defineHandler } from '../handler.ts';
import { bool, int, listOf, object, opaque, required, str, strList, tags } from '../shapes.ts';

export const networkInterfaceHandler = defineHandler<NetworkInterface>({
  properties: {
    SubnetId: required(str), Description: str, GroupSet: strList, PrivateIpAddress: str,
    PrivateIpAddresses: listOf({ fields: { PrivateIpAddress: required(str), Primary: required(bool) } }),
    SecondaryPrivateIpAddressCount: int, Ipv6AddressCount: int, Ipv6Addresses: listOf({ fields: { Ipv6Address: required(str) } }),
    SourceDestCheck: bool, InterfaceType: str, Tags: tags,
    ConnectionTrackingSpecification: object({ TcpEstablishedTimeout: int, UdpStreamTimeout: int, UdpTimeout: int }),
    ...opaque('EnablePrimaryIpv6', 'Ipv4PrefixCount', 'Ipv4Prefixes', 'Ipv6PrefixCount', 'Ipv6Prefixes'),
  },
  pins: { id: 'eni' },
  create(run) {
    const p = run.props;
    const eni = run.ec2('CreateNetworkInterface', () => createNetworkInterface(run.ctx, {
      SubnetId: p.SubnetId, Description: p.Description, Groups: p.GroupSet, PrivateIpAddress: p.PrivateIpAddress,
      PrivateIpAddresses: p.PrivateIpAddresses, SecondaryPrivateIpAddressCount: p.SecondaryPrivateIpAddressCount,
      Ipv6AddressCount: p.Ipv6AddressCount, Ipv6Addresses: p.Ipv6Addresses, Tags: p.Tags,
      ConnectionTrackingSpecification: p.ConnectionTrackingSpecification,
    }, { logicalId: run.logicalId, id: run.pins.id }), (e) => [
      /timeout/i.test(e.message) ? 'ConnectionTrackingSpecification' : /group/i.test(e.message) ? 'GroupSet' : /address/i.test(e.message) ? 'PrivateIpAddress' : 'SubnetId',
    ]);
    if (p.SourceDestCheck === false) modifyNetworkInterfaceAttribute(run.ctx, { NetworkInterfaceId: eni.id, SourceDestCheck: false });
    return eni;
  },
  ref: (e) => e.id,
  attributes: {
    Id: (e) => e.id,
    PrimaryPrivateIpAddress: (e) => e.privateIps[0]!.text,
    SecondaryPrivateIpAddresses: (e) => e.privateIps.slice(1).map((a) => a.text),
    PrimaryIpv6Address: (e) => e.ipv6Ips[0]?.text ?? '',
    Ipv6Address: (e) => e.ipv6Ips[0]?.text ?? '',
    VpcId: (e) => e.vpcId,
  },
});

interface Attachment { id: string }

export const networkInterfaceAttachmentHandler = defineHandler<Attachment>({
  properties: {
    DeviceIndex: required(int), InstanceId: required(str), NetworkInterfaceId: required(str),
    ...opaque('DeleteOnTermination', 'EnaSrdSpecification', 'EnaQueueCount'),
  },
  pins: { id: 'eni-attach' },
  create: (run) => ({
    id: run.ec2('AttachNetworkInterface', () => attachNetworkInterface(run.ctx, {
      DeviceIndex: run.props.DeviceIndex, InstanceId: run.props.InstanceId, NetworkInterfaceId: run.props.NetworkInterfaceId,
    }, { logicalId: run.logicalId, id: run.pins.id }), (e) => [/device index/i.test(e.message) ? 'DeviceIndex' : 'NetworkInterfaceId']),
  }),
  ref: (a) => a.id,
  attributes: { AttachmentId: (a) => a.id },
});
