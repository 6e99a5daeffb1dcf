/** Instances as RunInstances and DescribeInstances report them, and the filters DescribeInstances takes. */
import type { FilterTable } from '../../../core/ec2/describe/filters.ts';
import type { Params } from '../../../core/ec2/params.ts';
import type { Network } from '../../../core/model/network.ts';
import type { Instance } from '../../../core/model/types.ts';
import { tagsOut } from '../handlers/describe.ts';
import { derivedId } from './ids.ts';
import { groupsOf, interfaceStatus, macAddress, privateDnsName, publicAssociation } from './interfaces.ts';

export const STATE_CODES: Record<Instance['state'], number> = { running: 16, terminated: 48 };
export const stateView = (s: Instance['state']): Params => ({ Code: STATE_CODES[s], Name: s });

/**
 * vpcflow keeps no reservations: each instance reports its own, derived from
 * its id (RunInstances names the reservation after its first instance).
 */
export const reservationIdOf = (instanceId: string): string => derivedId('r', instanceId);

function instanceInterfaces(inst: Instance, net: Network): Params[] {
  return inst.eniIds.flatMap((id) => {
    const e = net.interfaces.get(id);
    if (!e) return [];
    const assoc = publicAssociation(e, net);
    const shortAssoc = assoc && { PublicIp: assoc.PublicIp, PublicDnsName: assoc.PublicDnsName, IpOwnerId: assoc.IpOwnerId };
    return [{
      NetworkInterfaceId: e.id, SubnetId: e.subnetId, VpcId: e.vpcId, Description: e.description, OwnerId: net.account,
      Status: interfaceStatus(e), MacAddress: macAddress(e.id), PrivateIpAddress: e.privateIps[0]?.text,
      PrivateDnsName: privateDnsName(e.privateIps[0], net.region), SourceDestCheck: e.sourceDestCheck, InterfaceType: e.interfaceType,
      Groups: groupsOf(e.groups, net), Ipv6Addresses: e.ipv6Ips.map((a) => ({ Ipv6Address: a.text })), Association: shortAssoc,
      Attachment: { AttachmentId: e.attachmentId, DeviceIndex: e.deviceIndex, Status: 'attached', DeleteOnTermination: e.deviceIndex === 0 },
      PrivateIpAddresses: e.privateIps.map((a, i) => ({
        Primary: i === 0, PrivateIpAddress: a.text, PrivateDnsName: privateDnsName(a, net.region), Association: i === 0 ? shortAssoc : undefined,
      })),
    }];
  });
}

export function instanceView(inst: Instance, net: Network): Params {
  const primary = net.interfaces.get(inst.eniIds[0] ?? '');
  const live = inst.state === 'running' && primary !== undefined;
  return {
    InstanceId: inst.id, InstanceType: inst.instanceType, AmiLaunchIndex: 0, State: stateView(inst.state),
    Placement: { AvailabilityZone: net.subnets.get(inst.subnetId)?.az, Tenancy: 'default' },
    SubnetId: live ? primary.subnetId : undefined, VpcId: live ? primary.vpcId : undefined,
    PrivateIpAddress: live ? primary.privateIps[0]?.text : undefined,
    PrivateDnsName: live ? privateDnsName(primary.privateIps[0], net.region) : '',
    PublicIpAddress: live ? primary.publicIp?.text : undefined, PublicDnsName: '',
    NetworkInterfaces: live ? instanceInterfaces(inst, net) : [], SecurityGroups: live ? groupsOf(primary.groups, net) : [],
    SourceDestCheck: live ? primary.sourceDestCheck : undefined, Tags: tagsOut(inst.tags),
  };
}

export function reservationView(instances: readonly Instance[], net: Network): Params {
  const views = instances.map((i) => instanceView(i, net));
  return { ReservationId: reservationIdOf(instances[0]!.id), OwnerId: net.account, Groups: [], Instances: views };
}

const enis = (i: Instance, net: Network) => i.eniIds.flatMap((id) => net.interfaces.get(id) ?? []);
const primaryOf = (i: Instance, net: Network) => net.interfaces.get(i.eniIds[0] ?? '');

export const INSTANCE_FILTERS: FilterTable<Instance, Network> = {
  'instance-id': (i) => i.id,
  'instance-state-name': (i) => i.state,
  'instance-state-code': (i) => STATE_CODES[i.state],
  'instance-type': (i) => i.instanceType,
  'reservation-id': (i) => reservationIdOf(i.id),
  'owner-id': (_, net) => net.account,
  'availability-zone': (i, net) => net.subnets.get(i.subnetId)?.az,
  'subnet-id': (i, net) => primaryOf(i, net)?.subnetId,
  'vpc-id': (i, net) => primaryOf(i, net)?.vpcId,
  'private-ip-address': (i, net) => primaryOf(i, net)?.privateIps[0]?.text,
  'private-dns-name': (i, net) => privateDnsName(primaryOf(i, net)?.privateIps[0], net.region),
  'ip-address': (i, net) => primaryOf(i, net)?.publicIp?.text,
  'source-dest-check': (i, net) => primaryOf(i, net)?.sourceDestCheck,
  'instance.group-id': (i, net) => primaryOf(i, net)?.groups ?? [],
  'instance.group-name': (i, net) => (primaryOf(i, net)?.groups ?? []).map((g) => net.securityGroups.get(g)?.name),
  'group-id': (i, net) => primaryOf(i, net)?.groups ?? [],
  'group-name': (i, net) => (primaryOf(i, net)?.groups ?? []).map((g) => net.securityGroups.get(g)?.name),
  tenancy: () => 'default',
  'network-interface.network-interface-id': (i, net) => enis(i, net).map((e) => e.id),
  'network-interface.subnet-id': (i, net) => enis(i, net).map((e) => e.subnetId),
  'network-interface.vpc-id': (i, net) => enis(i, net).map((e) => e.vpcId),
  'network-interface.group-id': (i, net) => enis(i, net).flatMap((e) => e.groups),
  'network-interface.addresses.private-ip-address': (i, net) => enis(i, net).flatMap((e) => e.privateIps.map((a) => a.text)),
  'network-interface.association.public-ip': (i, net) => enis(i, net).map((e) => e.publicIp?.text),
  'network-interface.mac-address': (i, net) => enis(i, net).map((e) => macAddress(e.id)),
};
