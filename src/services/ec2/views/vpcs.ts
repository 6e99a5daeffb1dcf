/** A VPC as DescribeVpcs reports it, and the filters DescribeVpcs takes. */
import type { FilterTable } from '../../../core/ec2/describe/filters.ts';
import type { Params } from '../../../core/ec2/params.ts';
import type { Cidr } from '../../../core/net/cidr.ts';
import type { Network } from '../../../core/model/network.ts';
import type { Vpc } from '../../../core/model/types.ts';
import { tagsOut } from '../handlers/describe.ts';
import { derivedId } from './ids.ts';

/** vpcflow keeps no DHCP options sets; AWS reports `default` for a VPC without one. */
const DHCP_OPTIONS = 'default';

export const cidrAssociationId = (vpc: Vpc, c: Cidr): string => derivedId('vpc-cidr-assoc', `${vpc.id}/${c.text}`);

export function cidrAssociationView(vpc: Vpc, c: Cidr, region: string): Params {
  const state = { State: 'associated' };
  return c.fam === 4
    ? { AssociationId: cidrAssociationId(vpc, c), CidrBlock: c.text, CidrBlockState: state }
    : { AssociationId: cidrAssociationId(vpc, c), Ipv6CidrBlock: c.text, Ipv6CidrBlockState: state, NetworkBorderGroup: region, Ipv6Pool: 'Amazon' };
}

export function vpcView(vpc: Vpc, net: Network): Params {
  return {
    VpcId: vpc.id, OwnerId: net.account, State: 'available', CidrBlock: vpc.cidrs[0]?.text, DhcpOptionsId: DHCP_OPTIONS,
    InstanceTenancy: 'default', IsDefault: false,
    CidrBlockAssociationSet: vpc.cidrs.map((c) => cidrAssociationView(vpc, c, net.region)),
    Ipv6CidrBlockAssociationSet: vpc.ipv6Cidrs.length ? vpc.ipv6Cidrs.map((c) => cidrAssociationView(vpc, c, net.region)) : undefined,
    Tags: tagsOut(vpc.tags),
  };
}

export const VPC_FILTERS: FilterTable<Vpc, Network> = {
  'vpc-id': (v) => v.id,
  cidr: (v) => v.cidrs[0]?.text,
  'cidr-block-association.cidr-block': (v) => v.cidrs.map((c) => c.text),
  'cidr-block-association.association-id': (v) => v.cidrs.map((c) => cidrAssociationId(v, c)),
  'cidr-block-association.state': (v) => v.cidrs.map(() => 'associated'),
  'ipv6-cidr-block-association.ipv6-cidr-block': (v) => v.ipv6Cidrs.map((c) => c.text),
  'ipv6-cidr-block-association.association-id': (v) => v.ipv6Cidrs.map((c) => cidrAssociationId(v, c)),
  'ipv6-cidr-block-association.state': (v) => v.ipv6Cidrs.map(() => 'associated'),
  'dhcp-options-id': () => DHCP_OPTIONS,
  'is-default': () => false,
  'owner-id': (_, net) => net.account,
  state: () => 'available',
};
