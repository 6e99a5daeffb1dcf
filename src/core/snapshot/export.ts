/**
 * A Network printed as `aws ec2 describe-*` would print it, merged into one
 * snapshot object: the inverse of importSnapshot (tests, fixtures, and a way
 * to hand a modelled network to `vpcflow diagnose --config`).
 */
import type { Network } from '../model/network.ts';
import type { NaclEntry, SgRule, Tag } from '../model/types.ts';
import { protocolName } from '../net/protocol.ts';

const tags = (t: Tag[]) => (t.length ? { Tags: t } : {});

function entry(e: NaclEntry): Record<string, unknown> {
  return {
    RuleNumber: e.ruleNumber, Protocol: String(e.protocol), RuleAction: e.action, Egress: e.egress,
    ...(e.cidr.fam === 4 ? { CidrBlock: e.cidr.text } : { Ipv6CidrBlock: e.cidr.text }),
    ...(e.portFrom !== undefined ? { PortRange: { From: e.portFrom, To: e.portTo } } : {}),
    ...(e.icmpType !== undefined ? { IcmpTypeCode: { Type: e.icmpType, Code: e.icmpCode } } : {}),
  };
}

function catchAll(egress: boolean, v6: boolean): Record<string, unknown> {
  return { RuleNumber: v6 ? 32768 : 32767, Protocol: '-1', RuleAction: 'deny', Egress: egress, ...(v6 ? { Ipv6CidrBlock: '::/0' } : { CidrBlock: '0.0.0.0/0' }) };
}

function permission(r: SgRule, account: string): Record<string, unknown> {
  const p = r.peer;
  const d = r.description !== undefined ? { Description: r.description } : {};
  const ports = r.protocol === -1 ? {} : { FromPort: r.fromPort, ToPort: r.toPort };
  return {
    IpProtocol: r.protocol === -1 ? '-1' : protocolName(r.protocol), ...ports,
    IpRanges: p.kind === 'cidr' && p.cidr.fam === 4 ? [{ CidrIp: p.cidr.text, ...d }] : [],
    Ipv6Ranges: p.kind === 'cidr' && p.cidr.fam === 6 ? [{ CidrIpv6: p.cidr.text, ...d }] : [],
    PrefixListIds: p.kind === 'prefix-list' ? [{ PrefixListId: p.id, ...d }] : [],
    UserIdGroupPairs: p.kind === 'sg' ? [{ GroupId: p.groupId, UserId: p.userId ?? account, ...d }] : [],
  };
}

export function toSnapshot(net: Network): Record<string, unknown> {
  const owner = { OwnerId: net.account };
  const vpcs = [...net.vpcs.values()];
  const mainOf = new Set(vpcs.map((v) => v.mainRouteTableId));
  return {
    Vpcs: vpcs.map((v) => ({
      VpcId: v.id, ...owner, CidrBlock: v.cidrs[0]!.text, State: 'available', IsDefault: false,
      CidrBlockAssociationSet: v.cidrs.map((c) => ({ CidrBlock: c.text, CidrBlockState: { State: 'associated' } })),
      Ipv6CidrBlockAssociationSet: v.ipv6Cidrs.map((c) => ({ Ipv6CidrBlock: c.text, Ipv6CidrBlockState: { State: 'associated' } })),
      ...tags(v.tags),
    })),
    InternetGateways: [...net.internetGateways.values()].map((g) => ({
      InternetGatewayId: g.id, ...owner, Attachments: g.vpcId ? [{ VpcId: g.vpcId, State: 'available' }] : [], ...tags(g.tags),
    })),
    Subnets: [...net.subnets.values()].map((s) => ({
      SubnetId: s.id, VpcId: s.vpcId, ...owner, CidrBlock: s.cidr.text, AvailabilityZone: s.az, AvailabilityZoneId: s.azId,
      MapPublicIpOnLaunch: s.mapPublicIpOnLaunch, AssignIpv6AddressOnCreation: s.assignIpv6AddressOnCreation, State: 'available',
      Ipv6CidrBlockAssociationSet: s.ipv6Cidr ? [{ Ipv6CidrBlock: s.ipv6Cidr.text }] : [], ...tags(s.tags),
    })),
    RouteTables: [...net.routeTables.values()].map((t) => ({
      RouteTableId: t.id, VpcId: t.vpcId, ...owner,
      Associations: [
        ...(mainOf.has(t.id) ? [{ Main: true, RouteTableAssociationId: `rtbassoc-main-${t.id.slice(4)}`, RouteTableId: t.id }] : []),
        ...[...net.subnets.values()].filter((s) => s.routeTableId === t.id)
          .map((s) => ({ Main: false, RouteTableAssociationId: s.routeTableAssociationId, RouteTableId: t.id, SubnetId: s.id })),
      ],
      Routes: t.routes.map((r) => {
        const dest = r.dest.fam === 4 ? { DestinationCidrBlock: r.dest.text } : { DestinationIpv6CidrBlock: r.dest.text };
        const key = { local: 'GatewayId', igw: 'GatewayId', vgw: 'GatewayId', vpce: 'GatewayId', nat: 'NatGatewayId', eni: 'NetworkInterfaceId',
          instance: 'InstanceId', pcx: 'VpcPeeringConnectionId', tgw: 'TransitGatewayId', eigw: 'EgressOnlyInternetGatewayId', other: 'GatewayId' }[r.target.kind];
        return { ...dest, [key]: r.target.kind === 'local' ? 'local' : r.target.id, Origin: r.origin, State: 'active' };
      }),
      ...tags(t.tags),
    })),
    NetworkAcls: [...net.networkAcls.values()].map((a) => ({
      NetworkAclId: a.id, VpcId: a.vpcId, ...owner, IsDefault: a.isDefault,
      Associations: [...net.subnets.values()].filter((s) => s.networkAclId === a.id)
        .map((s) => ({ NetworkAclAssociationId: s.networkAclAssociationId, NetworkAclId: a.id, SubnetId: s.id })),
      Entries: [
        ...a.entries.map(entry), catchAll(false, false), catchAll(true, false),
        ...(a.entries.some((e) => e.cidr.fam === 6) ? [catchAll(false, true), catchAll(true, true)] : []),
      ],
      ...tags(a.tags),
    })),
    SecurityGroups: [...net.securityGroups.values()].map((g) => ({
      GroupId: g.id, GroupName: g.name, Description: g.description, VpcId: g.vpcId, ...owner,
      IpPermissions: g.ingress.map((r) => permission(r, net.account)), IpPermissionsEgress: g.egress.map((r) => permission(r, net.account)),
      ...tags(g.tags),
    })),
    NetworkInterfaces: [...net.interfaces.values()].map((e) => {
      const assoc = e.publicIp ? { Association: { PublicIp: e.publicIp.text, IpOwnerId: 'amazon', ...(e.publicIpAllocationId ? { AllocationId: e.publicIpAllocationId } : {}) } } : {};
      return {
        NetworkInterfaceId: e.id, SubnetId: e.subnetId, VpcId: e.vpcId, OwnerId: net.account, InterfaceType: e.interfaceType,
        Description: e.description, RequesterManaged: e.requesterManaged, SourceDestCheck: e.sourceDestCheck, Status: 'in-use',
        AvailabilityZone: net.subnets.get(e.subnetId)?.az, PrivateIpAddress: e.privateIps[0]!.text,
        PrivateIpAddresses: e.privateIps.map((p, i) => ({ PrivateIpAddress: p.text, Primary: i === 0, ...(i === 0 ? assoc : {}) })),
        Ipv6Addresses: e.ipv6Ips.map((p) => ({ Ipv6Address: p.text })),
        Groups: e.groups.map((g) => ({ GroupId: g, GroupName: net.securityGroups.get(g)?.name })),
        ...(e.instanceId ? { Attachment: { AttachmentId: e.attachmentId, InstanceId: e.instanceId, DeviceIndex: e.deviceIndex ?? 0, Status: 'attached' } } : {}),
        ...assoc, TagSet: e.tags,
      };
    }),
    Reservations: [...net.instances.values()].filter((i) => i.state === 'running').map((i) => ({
      ReservationId: `r-${i.id.slice(2)}`, OwnerId: net.account,
      Instances: [{
        InstanceId: i.id, InstanceType: i.instanceType, SubnetId: i.subnetId, State: { Code: 16, Name: 'running' },
        NetworkInterfaces: i.eniIds.map((id) => ({ NetworkInterfaceId: id, Attachment: { DeviceIndex: net.interfaces.get(id)?.deviceIndex ?? 0 } })),
        ...tags(i.tags.length ? i.tags : i.logicalId ? [{ Key: 'Name', Value: i.logicalId }] : []),
      }],
    })),
    NatGateways: [...net.natGateways.values()].filter((n) => n.state === 'available').map((n) => {
      const eni = net.interfaces.get(n.eniId);
      return {
        NatGatewayId: n.id, SubnetId: n.subnetId, VpcId: net.subnets.get(n.subnetId)?.vpcId, State: 'available', ConnectivityType: n.connectivity,
        NatGatewayAddresses: [{ AllocationId: n.allocationId, NetworkInterfaceId: n.eniId, PrivateIp: eni?.privateIps[0]?.text, PublicIp: eni?.publicIp?.text, IsPrimary: true }],
        ...tags(n.tags),
      };
    }),
  };
}
