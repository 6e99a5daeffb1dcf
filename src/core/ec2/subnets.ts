/** CreateSubnet, DeleteSubnet, ModifySubnetAttribute. */
import { cidrCoversCidr, cidrsOverlap } from '../net/cidr.ts';
import { azIdOf, azNames } from '../model/region.ts';
import type { Subnet } from '../model/types.ts';
import type { CreateOptions, Ec2Context } from './context.ts';
import { Ec2Error, invalidParam, notFound } from './errors.ts';
import { type Params, checkCidr, optBool, optStr, str, tagsFor } from './params.ts';
import { getVpc } from './vpcs.ts';

export function getSubnet(ctx: Ec2Context, id: string): Subnet {
  const s = ctx.net.subnets.get(id);
  if (!s) throw notFound('InvalidSubnetID.NotFound', 'subnet', id);
  return s;
}

export function createSubnet(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): Subnet {
  const vpc = getVpc(ctx, str(p, 'VpcId'));
  const net = ctx.net;
  const cidr = checkCidr(str(p, 'CidrBlock'), 'CidrBlock', 4);
  if (cidr.prefix < 16 || cidr.prefix > 28) {
    throw invalidParam(`The CIDR '${cidr.text}' is invalid. Subnet CIDR blocks must be between a /16 netmask and /28 netmask.`);
  }
  if (!vpc.cidrs.some((c) => cidrCoversCidr(c, cidr))) {
    throw new Ec2Error('InvalidSubnet.Range', `The CIDR '${cidr.text}' is invalid: it is not within the VPC's CIDR blocks (${vpc.cidrs.map((c) => c.text).join(', ')}).`);
  }
  for (const other of net.subnets.values()) {
    if (other.vpcId === vpc.id && cidrsOverlap(other.cidr, cidr)) {
      throw new Ec2Error('InvalidSubnet.Conflict', `The CIDR '${cidr.text}' conflicts with another subnet (${other.logicalId ?? other.id}, ${other.cidr.text}).`);
    }
  }
  let ipv6: Subnet['ipv6Cidr'];
  const v6 = optStr(p, 'Ipv6CidrBlock');
  if (v6) {
    ipv6 = checkCidr(v6, 'Ipv6CidrBlock', 6);
    if (ipv6.prefix !== 64) throw invalidParam(`The IPv6 CIDR '${ipv6.text}' is invalid: subnet IPv6 blocks must be /64.`);
    if (!vpc.ipv6Cidrs.some((c) => cidrCoversCidr(c, ipv6!))) {
      throw new Ec2Error('InvalidSubnet.Range', `The IPv6 CIDR '${ipv6.text}' is not within the VPC's IPv6 CIDR blocks.`);
    }
    for (const other of net.subnets.values()) {
      if (other.vpcId === vpc.id && other.ipv6Cidr && cidrsOverlap(other.ipv6Cidr, ipv6)) {
        throw new Ec2Error('InvalidSubnet.Conflict', `The IPv6 CIDR '${ipv6.text}' conflicts with another subnet.`);
      }
    }
  }
  let az = optStr(p, 'AvailabilityZone');
  const azIdParam = optStr(p, 'AvailabilityZoneId');
  if (!az && azIdParam) az = azNames(net.region, 26).find((n) => azIdOf(net.region, n) === azIdParam);
  az ??= `${net.region}a`;
  const azId = azIdOf(net.region, az);
  if (!azId) throw invalidParam(`Value (${az}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${azNames(net.region, 6).join(', ')}.`);
  const key = opts.logicalId ?? `subnet#${net.subnets.size}`;
  const id = opts.id ?? ctx.newId('subnet', key);
  const subnet: Subnet = {
    id, logicalId: opts.logicalId, tags: tagsFor(p, 'subnet'), vpcId: vpc.id, cidr, ipv6Cidr: ipv6, az, azId,
    mapPublicIpOnLaunch: optBool(p, 'MapPublicIpOnLaunch') ?? false,
    assignIpv6AddressOnCreation: optBool(p, 'AssignIpv6AddressOnCreation') ?? false,
    networkAclId: vpc.defaultNetworkAclId,
    networkAclAssociationId: ctx.newId('naclAssoc', `${id}/default`),
  };
  net.subnets.set(id, subnet);
  net.touch();
  return subnet;
}

export function modifySubnetAttribute(ctx: Ec2Context, p: Params): Subnet {
  const s = getSubnet(ctx, str(p, 'SubnetId'));
  const pub = optBool(p, 'MapPublicIpOnLaunch');
  if (pub !== undefined) s.mapPublicIpOnLaunch = pub;
  const v6 = optBool(p, 'AssignIpv6AddressOnCreation');
  if (v6 !== undefined) s.assignIpv6AddressOnCreation = v6;
  ctx.net.touch();
  return s;
}

export function deleteSubnet(ctx: Ec2Context, p: Params): void {
  const s = getSubnet(ctx, str(p, 'SubnetId'));
  const used = [...ctx.net.interfaces.values()].some((e) => e.subnetId === s.id);
  if (used) throw new Ec2Error('DependencyViolation', `The subnet '${s.id}' has dependencies and cannot be deleted.`);
  ctx.net.subnets.delete(s.id);
  ctx.net.touch();
}
