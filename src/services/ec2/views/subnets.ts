/** A subnet as DescribeSubnets reports it, and the filters DescribeSubnets takes. */
import type { FilterTable } from '../../../core/ec2/describe/filters.ts';
import type { Params } from '../../../core/ec2/params.ts';
import { cidrSize } from '../../../core/net/cidr.ts';
import type { Network } from '../../../core/model/network.ts';
import type { Subnet } from '../../../core/model/types.ts';
import { tagsOut } from '../handlers/describe.ts';
import { arn, derivedId } from './ids.ts';

/** AWS keeps five addresses of every subnet (the first four and the last). */
export function availableIpv4(subnet: Subnet, net: Network): number {
  let used = 0;
  for (const e of net.interfaces.values()) if (e.subnetId === subnet.id) used += e.privateIps.length;
  return Number(cidrSize(subnet.cidr)) - 5 - used;
}

const ipv6AssociationId = (s: Subnet) => derivedId('subnet-cidr-assoc', `${s.id}/${s.ipv6Cidr?.text ?? ''}`);

export function subnetView(s: Subnet, net: Network): Params {
  return {
    SubnetId: s.id, VpcId: s.vpcId, CidrBlock: s.cidr.text, AvailabilityZone: s.az, AvailabilityZoneId: s.azId,
    AvailableIpAddressCount: availableIpv4(s, net), DefaultForAz: false, MapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    State: 'available', OwnerId: net.account, AssignIpv6AddressOnCreation: s.assignIpv6AddressOnCreation,
    Ipv6CidrBlockAssociationSet: s.ipv6Cidr
      ? [{ AssociationId: ipv6AssociationId(s), Ipv6CidrBlock: s.ipv6Cidr.text, Ipv6CidrBlockState: { State: 'associated' } }]
      : [],
    Tags: tagsOut(s.tags), SubnetArn: arn(net.region, net.account, 'subnet', s.id), EnableDns64: false, Ipv6Native: false,
  };
}

export const SUBNET_FILTERS: FilterTable<Subnet, Network> = {
  'subnet-id': (s) => s.id,
  'vpc-id': (s) => s.vpcId,
  'cidr-block': (s) => s.cidr.text,
  'availability-zone': (s) => s.az,
  'availability-zone-id': (s) => s.azId,
  'available-ip-address-count': (s, net) => availableIpv4(s, net),
  'default-for-az': () => false,
  'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
  'ipv6-cidr-block-association.ipv6-cidr-block': (s) => s.ipv6Cidr?.text,
  'ipv6-cidr-block-association.association-id': (s) => (s.ipv6Cidr ? ipv6AssociationId(s) : undefined),
  'ipv6-cidr-block-association.state': (s) => (s.ipv6Cidr ? 'associated' : undefined),
  'owner-id': (_, net) => net.account,
  state: () => 'available',
  'subnet-arn': (s, net) => arn(net.region, net.account, 'subnet', s.id),
};
