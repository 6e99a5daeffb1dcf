/** A network interface as DescribeNetworkInterfaces reports it, and the filters it takes. */
import type { FilterTable } from '../../../core/ec2/describe/filters.ts';
import { DEFAULT_CONNTRACK } from '../../../core/ec2/interfaces.ts';
import type { Params } from '../../../core/ec2/params.ts';
import type { IpAddr } from '../../../core/net/ip.ts';
import type { Network } from '../../../core/model/network.ts';
import type { NetworkInterface } from '../../../core/model/types.ts';
import { hash128 } from '../../../core/random.ts';
import { tagsOut } from '../handlers/describe.ts';

/** `ip-10-0-1-5.ec2.internal` in us-east-1, `ip-10-0-1-5.<region>.compute.internal` elsewhere. */
export function privateDnsName(a: IpAddr | undefined, region: string): string | undefined {
  if (!a || a.fam !== 4) return undefined;
  return `ip-${a.text.replaceAll('.', '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`;
}

/** A locally administered unicast MAC derived from the interface id. */
export function macAddress(eniId: string): string {
  const [a, b] = hash128(`mac/${eniId}`);
  const bytes = [0x02, (a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255, b & 255];
  return bytes.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

export const groupsOf = (ids: readonly string[], net: Network): Params[] =>
  ids.map((id) => ({ GroupId: id, GroupName: net.securityGroups.get(id)?.name }));

/** The public address mapped onto the primary private address: an Elastic IP (owned by the account) or a launch-time one (`amazon`). */
export function publicAssociation(e: NetworkInterface, net: Network): Params | undefined {
  if (!e.publicIp) return undefined;
  const eip = e.publicIpAllocationId ? net.addresses.get(e.publicIpAllocationId) : undefined;
  return {
    PublicIp: e.publicIp.text, PublicDnsName: '', IpOwnerId: eip ? net.account : 'amazon',
    AllocationId: eip?.allocationId, AssociationId: eip?.associationId,
  };
}

export const interfaceStatus = (e: NetworkInterface): string => (e.instanceId || e.interfaceType === 'nat_gateway' ? 'in-use' : 'available');

export function interfaceView(e: NetworkInterface, net: Network): Params {
  const assoc = publicAssociation(e, net);
  const ct = e.connTracking;
  const customCt = ct.tcpEstablished !== DEFAULT_CONNTRACK.tcpEstablished || ct.udp !== DEFAULT_CONNTRACK.udp || ct.udpStream !== DEFAULT_CONNTRACK.udpStream;
  return {
    NetworkInterfaceId: e.id, SubnetId: e.subnetId, VpcId: e.vpcId, AvailabilityZone: net.subnets.get(e.subnetId)?.az,
    Description: e.description, Groups: groupsOf(e.groups, net), InterfaceType: e.interfaceType,
    Ipv6Addresses: e.ipv6Ips.map((a) => ({ Ipv6Address: a.text })), MacAddress: macAddress(e.id), OwnerId: net.account,
    PrivateDnsName: privateDnsName(e.privateIps[0], net.region), PrivateIpAddress: e.privateIps[0]?.text,
    PrivateIpAddresses: e.privateIps.map((a, i) => ({
      Primary: i === 0, PrivateIpAddress: a.text, PrivateDnsName: privateDnsName(a, net.region), Association: i === 0 ? assoc : undefined,
    })),
    RequesterManaged: e.requesterManaged, SourceDestCheck: e.sourceDestCheck, Status: interfaceStatus(e),
    Attachment: e.attachmentId ? {
      AttachmentId: e.attachmentId, DeleteOnTermination: e.deviceIndex === 0, DeviceIndex: e.deviceIndex,
      InstanceId: e.instanceId, InstanceOwnerId: net.account, Status: 'attached',
    } : undefined,
    Association: assoc, TagSet: tagsOut(e.tags),
    ConnectionTrackingConfiguration: customCt ? { TcpEstablishedTimeout: ct.tcpEstablished, UdpStreamTimeout: ct.udpStream, UdpTimeout: ct.udp } : undefined,
  };
}

const assocField = (name: string) => (e: NetworkInterface, net: Network) => publicAssociation(e, net)?.[name] as string | undefined;

export const INTERFACE_FILTERS: FilterTable<NetworkInterface, Network> = {
  'network-interface-id': (e) => e.id,
  'subnet-id': (e) => e.subnetId,
  'vpc-id': (e) => e.vpcId,
  'availability-zone': (e, net) => net.subnets.get(e.subnetId)?.az,
  description: (e) => e.description,
  'group-id': (e) => e.groups,
  'group-name': (e, net) => e.groups.map((g) => net.securityGroups.get(g)?.name),
  'interface-type': (e) => e.interfaceType,
  'private-ip-address': (e) => e.privateIps.map((a) => a.text),
  'addresses.private-ip-address': (e) => e.privateIps.map((a) => a.text),
  'private-dns-name': (e, net) => privateDnsName(e.privateIps[0], net.region),
  'ipv6-addresses.ipv6-address': (e) => e.ipv6Ips.map((a) => a.text),
  'mac-address': (e) => macAddress(e.id),
  'owner-id': (_, net) => net.account,
  'requester-managed': (e) => e.requesterManaged,
  'source-dest-check': (e) => e.sourceDestCheck,
  status: (e) => interfaceStatus(e),
  'attachment.attachment-id': (e) => e.attachmentId,
  'attachment.instance-id': (e) => e.instanceId,
  'attachment.instance-owner-id': (e, net) => (e.instanceId ? net.account : undefined),
  'attachment.device-index': (e) => e.deviceIndex,
  'attachment.status': (e) => (e.attachmentId ? 'attached' : undefined),
  'association.public-ip': assocField('PublicIp'),
  'association.allocation-id': assocField('AllocationId'),
  'association.association-id': assocField('AssociationId'),
  'association.ip-owner-id': assocField('IpOwnerId'),
};
