/** AWS::EC2::Subnet. */
import { createSubnet } from '../../ec2/subnets.ts';
import type { Subnet } from '../../model/types.ts';
import { describeValue } from '../../scenario/describe.ts';
import { defineHandler } from '../handler.ts';
import { any, bool, int, required, str, tags } from '../shapes.ts';

export const subnetHandler = defineHandler<Subnet>({
  properties: {
    VpcId: required(str), CidrBlock: str, Ipv6CidrBlock: str, AvailabilityZone: str, AvailabilityZoneId: str,
    MapPublicIpOnLaunch: bool, AssignIpv6AddressOnCreation: bool, Ipv6Native: bool, EnableDns64: bool,
    EnableLniAtDeviceIndex: int, PrivateDnsNameOptionsOnLaunch: any, OutpostArn: str,
    Ipv4IpamPoolId: str, Ipv4NetmaskLength: int, Ipv6IpamPoolId: str, Ipv6NetmaskLength: int, Tags: tags,
  },
  pins: { id: 'subnet' },
  create(run) {
    for (const name of ['Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'Ipv6IpamPoolId', 'Ipv6NetmaskLength']) {
      if (run.props[name] !== undefined) run.fail([name], 'a literal CIDR block (vpcflow does not model IPAM pools)', describeValue(run.props[name]));
    }
    if (run.props.Ipv6Native === true) run.fail(['Ipv6Native'], 'a subnet with an IPv4 CidrBlock (vpcflow does not model IPv6-only subnets)', 'true');
    const p = run.props;
    return run.ec2('CreateSubnet', () => createSubnet(run.ctx, {
      VpcId: p.VpcId, CidrBlock: p.CidrBlock, Ipv6CidrBlock: p.Ipv6CidrBlock, AvailabilityZone: p.AvailabilityZone,
      AvailabilityZoneId: p.AvailabilityZoneId, MapPublicIpOnLaunch: p.MapPublicIpOnLaunch,
      AssignIpv6AddressOnCreation: p.AssignIpv6AddressOnCreation, Tags: p.Tags,
    }, { logicalId: run.logicalId, id: run.pins.id }), (e) => {
      if (/ipv6/i.test(e.message)) return ['Ipv6CidrBlock'];
      if (/availability ?zone/i.test(e.message)) return [p.AvailabilityZone !== undefined ? 'AvailabilityZone' : 'AvailabilityZoneId'];
      return ['CidrBlock'];
    });
  },
  ref: (s) => s.id,
  attributes: {
    AvailabilityZone: (s) => s.az,
    AvailabilityZoneId: (s) => s.azId,
    CidrBlock: (s) => s.cidr.text,
    Ipv6CidrBlocks: (s) => (s.ipv6Cidr ? [s.ipv6Cidr.text] : []),
    NetworkAclAssociationId: (s) => s.networkAclAssociationId,
    SubnetId: (s) => s.id,
    VpcId: (s) => s.vpcId,
  },
});
