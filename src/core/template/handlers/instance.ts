/** AWS::EC2::Instance: for the network, an instance is its interfaces. */
import { runInstance } from '../../ec2/instances.ts';
import { modifyNetworkInterfaceAttribute } from '../../ec2/interfaces.ts';
import type { Instance, NetworkInterface } from '../../model/types.ts';
import { describeValue } from '../../scenario/describe.ts';
import { type ResourceRun, defineHandler, prop } from '../handler.ts';
import { type Fields, bool, int, listOf, opaque, required, str, strList, tags } from '../shapes.ts';

const NETWORK_INTERFACE: Fields = {
  DeviceIndex: required(int), SubnetId: str, PrivateIpAddress: str, GroupSet: strList, NetworkInterfaceId: str,
  AssociatePublicIpAddress: bool, Description: str, SecondaryPrivateIpAddressCount: int, Ipv6AddressCount: int,
  Ipv6Addresses: listOf({ fields: { Ipv6Address: required(str) } }),
  PrivateIpAddresses: listOf({ fields: { PrivateIpAddress: required(str), Primary: required(bool) } }),
  ...opaque('AssociateCarrierIpAddress', 'DeleteOnTermination', 'NetworkCardIndex', 'EnaSrdSpecification', 'EnaQueueCount'),
};

export const instanceHandler = defineHandler<Instance>({
  properties: {
    SubnetId: str, PrivateIpAddress: str, SecurityGroupIds: strList, SecurityGroups: strList, InstanceType: str,
    AvailabilityZone: str, Ipv6AddressCount: int, Ipv6Addresses: listOf({ fields: { Ipv6Address: required(str) } }),
    NetworkInterfaces: listOf({ fields: NETWORK_INTERFACE }), SourceDestCheck: bool, Tags: tags,
    ...opaque(
      'AdditionalInfo', 'Affinity', 'BlockDeviceMappings', 'CpuOptions', 'CreditSpecification', 'DisableApiTermination',
      'EbsOptimized', 'ElasticGpuSpecifications', 'ElasticInferenceAccelerators', 'EnclaveOptions', 'HibernationOptions',
      'HostId', 'HostResourceGroupArn', 'IamInstanceProfile', 'ImageId', 'InstanceInitiatedShutdownBehavior', 'KernelId',
      'KeyName', 'LaunchTemplate', 'LicenseSpecifications', 'MetadataOptions', 'Monitoring', 'PlacementGroupName',
      'PrivateDnsNameOptions', 'PropagateTagsToVolumeOnCreation', 'RamdiskId', 'SsmAssociations', 'Tenancy', 'UserData', 'Volumes',
    ),
  },
  pins: { id: 'i', eni: true, publicIp: true },
  create(run) {
    const p = run.props;
    const nis = prop.list<Record<string, unknown>>(run, 'NetworkInterfaces').map((ni) => ({
      ...ni,
      PrivateIpAddress: ni.PrivateIpAddress ?? (ni.PrivateIpAddresses as Record<string, unknown>[] | undefined)?.find((a) => a.Primary)?.PrivateIpAddress,
    }));
    const inst = run.ec2('RunInstances', () => runInstance(run.ctx, {
      SubnetId: p.SubnetId, PrivateIpAddress: p.PrivateIpAddress, SecurityGroupIds: [...prop.list(run, 'SecurityGroupIds'), ...groupsByName(run)],
      NetworkInterfaces: nis, Ipv6AddressCount: p.Ipv6AddressCount, Ipv6Addresses: p.Ipv6Addresses, InstanceType: p.InstanceType, Tags: p.Tags,
    }, { logicalId: run.logicalId, id: run.pins.id, eniId: run.pins.eni, publicIp: run.pins.publicIp }), (e) => [
      /address/i.test(e.message) ? (nis.length ? 'NetworkInterfaces' : 'PrivateIpAddress') : /group/i.test(e.message) ? 'SecurityGroupIds' : nis.length ? 'NetworkInterfaces' : 'SubnetId',
    ]);
    const subnet = run.ctx.net.subnets.get(inst.subnetId)!;
    if (p.AvailabilityZone !== undefined && p.AvailabilityZone !== subnet.az) {
      run.fail(['AvailabilityZone'], `${subnet.az}, the availability zone of the instance's subnet`, describeValue(p.AvailabilityZone));
    }
    if (p.SourceDestCheck === false) {
      modifyNetworkInterfaceAttribute(run.ctx, { NetworkInterfaceId: inst.eniIds[0], SourceDestCheck: false });
    }
    return inst;
  },
  ref: (i) => i.id,
  attributes: {
    AvailabilityZone: (i, run) => run.ctx.net.subnets.get(i.subnetId)?.az ?? '',
    PrivateDnsName: (i, run) => privateDnsName(primary(i, run).privateIps[0]!.text, run.stack.region),
    PrivateIp: (i, run) => primary(i, run).privateIps[0]!.text,
    PublicDnsName: (i, run) => {
      const ip = primary(i, run).publicIp;
      return ip ? publicDnsName(ip.text, run.stack.region) : '';
    },
    PublicIp: (i, run) => primary(i, run).publicIp?.text ?? '',
    InstanceId: (i) => i.id,
    VpcId: (i, run) => primary(i, run).vpcId,
  },
});

function primary(i: Instance, run: ResourceRun): NetworkInterface {
  return run.ctx.net.interfaces.get(i.eniIds[0]!)!;
}

/** `SecurityGroups` holds names (ids are accepted too, as CloudFormation does) in the subnet's VPC. */
function groupsByName(run: ResourceRun): string[] {
  const names = prop.list<string>(run, 'SecurityGroups');
  if (!names.length) return [];
  const firstNi = prop.list<Record<string, unknown>>(run, 'NetworkInterfaces')[0];
  const subnetId = (run.props.SubnetId ?? firstNi?.SubnetId) as string | undefined;
  const vpcId = subnetId ? run.ctx.net.subnets.get(subnetId)?.vpcId : undefined;
  const groups = [...run.ctx.net.securityGroups.values()].filter((g) => g.vpcId === vpcId);
  return names.map((name, i) => {
    const g = groups.find((x) => x.id === name || x.name === name);
    if (!g) return run.fail(['SecurityGroups', i], `the name or id of a security group in the instance's VPC${vpcId ? ` (${vpcId})` : ''}`, describeValue(name));
    return g.id;
  });
}

export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

export function publicDnsName(ip: string, region: string): string {
  const host = `ec2-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${region}.compute.amazonaws.com`;
}
