/** AWS::EC2::VPC and AWS::EC2::VPCCidrBlock. */
import type { Vpc } from '../../model/types.ts';
import { associateVpcCidrBlock, createVpc } from '../../ec2/vpcs.ts';
import { describeValue } from '../../scenario/describe.ts';
import { type ResourceRun, defineHandler } from '../handler.ts';
import { bool, int, opaque, required, str, tags } from '../shapes.ts';

/** Association ids of each VPC's IPv4 blocks, in order (the primary one first), for CidrBlockAssociations. */
const associations = new WeakMap<Vpc, string[]>();

function refuseIpam(run: ResourceRun, ...names: string[]): void {
  for (const name of names) {
    if (run.props[name] !== undefined) run.fail([name], 'a literal CIDR block (vpcflow does not model IPAM pools)', describeValue(run.props[name]));
  }
}

export const vpcHandler = defineHandler<Vpc>({
  properties: {
    CidrBlock: str, EnableDnsHostnames: bool, EnableDnsSupport: bool, InstanceTenancy: str,
    Ipv4IpamPoolId: str, Ipv4NetmaskLength: int, Tags: tags,
  },
  pins: { id: 'vpc' },
  create(run) {
    refuseIpam(run, 'Ipv4IpamPoolId', 'Ipv4NetmaskLength');
    if (run.props.CidrBlock === undefined) run.fail([], 'the required property CidrBlock', 'none');
    const vpc = run.ec2('CreateVpc', () => createVpc(run.ctx, {
      CidrBlock: run.props.CidrBlock, EnableDnsSupport: run.props.EnableDnsSupport, Tags: run.props.Tags,
    }, { logicalId: run.logicalId, id: run.pins.id }), ['CidrBlock']);
    associations.set(vpc, [run.ctx.newId('vpcCidrAssoc', `${vpc.id}/${vpc.cidrs[0]!.text}`)]);
    return vpc;
  },
  ref: (vpc) => vpc.id,
  attributes: {
    CidrBlock: (vpc) => vpc.cidrs[0]!.text,
    CidrBlockAssociations: (vpc) => [...(associations.get(vpc) ?? [])],
    DefaultNetworkAcl: (vpc) => vpc.defaultNetworkAclId,
    DefaultSecurityGroup: (vpc) => vpc.defaultSecurityGroupId,
    Ipv6CidrBlocks: (vpc) => vpc.ipv6Cidrs.map((c) => c.text),
    VpcId: (vpc) => vpc.id,
  },
});

interface CidrAssociation { id: string; cidr: string }

export const vpcCidrBlockHandler = defineHandler<CidrAssociation>({
  properties: {
    VpcId: required(str), CidrBlock: str, AmazonProvidedIpv6CidrBlock: bool, Ipv6CidrBlock: str,
    ...opaque('Ipv6Pool', 'Ipv6CidrBlockNetworkBorderGroup', 'Ipv6AddressAttribute', 'IpSource'),
    Ipv4IpamPoolId: str, Ipv4NetmaskLength: int, Ipv6IpamPoolId: str, Ipv6NetmaskLength: int,
  },
  pins: { id: 'vpc-cidr-assoc' },
  create(run) {
    refuseIpam(run, 'Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'Ipv6IpamPoolId', 'Ipv6NetmaskLength');
    const { vpc, cidr } = run.ec2('AssociateVpcCidrBlock', () => associateVpcCidrBlock(run.ctx, {
      VpcId: run.props.VpcId, CidrBlock: run.props.CidrBlock,
      AmazonProvidedIpv6CidrBlock: run.props.AmazonProvidedIpv6CidrBlock, Ipv6CidrBlock: run.props.Ipv6CidrBlock,
    }), (e) => [/ipv6/i.test(e.message) || run.props.CidrBlock === undefined ? 'Ipv6CidrBlock' : 'CidrBlock']);
    const id = run.pins.id ?? run.ctx.newId('vpcCidrAssoc', `${vpc.id}/${cidr.text}`);
    if (cidr.fam === 4) associations.get(vpc)?.push(id);
    return { id, cidr: cidr.text };
  },
  ref: (a) => a.id,
  attributes: {
    Id: (a) => a.id,
    Ipv6CidrBlock: (a) => (a.cidr.includes(':') ? a.cidr : ''),
  },
});
