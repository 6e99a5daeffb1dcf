/** CreateVpc, DescribeVpcs, DeleteVpc, AssociateVpcCidrBlock and the subnet actions. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { notFound } from '../../../core/ec2/errors.ts';
import type { Cidr } from '../../../core/net/cidr.ts';
import type { Subnet, Vpc } from '../../../core/model/types.ts';
import { done, onlyDefault } from './common.ts';
import { type ActionTable, viaCore } from '../action.ts';
import { RETURN_ONLY } from '../shapes/common.ts';
import * as sh from '../shapes/vpcs.ts';
import { SUBNET_FILTERS, subnetView } from '../views/subnets.ts';
import { VPC_FILTERS, cidrAssociationView, vpcView } from '../views/vpcs.ts';
import { describeNet } from './describe.ts';

const describeVpcs = describeNet({
  items: (net) => net.vpcs.values(), table: VPC_FILTERS, result: 'Vpcs', view: vpcView,
  ids: 'VpcIds', missing: (id) => notFound('InvalidVpcID.NotFound', 'vpc', id),
});

const describeSubnets = describeNet({
  items: (net) => net.subnets.values(), table: SUBNET_FILTERS, result: 'Subnets', view: subnetView,
  ids: 'SubnetIds', missing: (id) => notFound('InvalidSubnetID.NotFound', 'subnet', id),
});

export const VPC_ACTIONS: ActionTable = {
  CreateVpc: {
    input: sh.CreateVpcRequest, output: sh.CreateVpcResult,
    run: (c, p) => {
      onlyDefault(p, 'InstanceTenancy', 'default');
      onlyDefault(p, 'Ipv6CidrBlockNetworkBorderGroup', c.state.region);
      return { Vpc: vpcView(viaCore<Vpc>(c, p), c.state.net) };
    },
  },
  DescribeVpcs: {
    input: sh.DescribeVpcsRequest, output: sh.DescribeVpcsResult, run: describeVpcs,
    filters: filterNames(VPC_FILTERS, true),
  },
  DeleteVpc: { input: sh.DeleteVpcRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  AssociateVpcCidrBlock: {
    input: sh.AssociateVpcCidrBlockRequest, output: sh.AssociateVpcCidrBlockResult, dryRun: false,
    run: (c, p) => {
      onlyDefault(p, 'Ipv6CidrBlockNetworkBorderGroup', c.state.region);
      const { vpc, cidr } = viaCore<{ vpc: Vpc; cidr: Cidr }>(c, p);
      const assoc = cidrAssociationView(vpc, cidr, c.state.region);
      return cidr.fam === 4 ? { VpcId: vpc.id, CidrBlockAssociation: assoc } : { VpcId: vpc.id, Ipv6CidrBlockAssociation: assoc };
    },
  },
  CreateSubnet: {
    input: sh.CreateSubnetRequest, output: sh.CreateSubnetResult,
    run: (c, p) => ({ Subnet: subnetView(viaCore<Subnet>(c, p), c.state.net) }),
  },
  DescribeSubnets: {
    input: sh.DescribeSubnetsRequest, output: sh.DescribeSubnetsResult, run: describeSubnets,
    filters: filterNames(SUBNET_FILTERS, true),
  },
  DeleteSubnet: { input: sh.DeleteSubnetRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  ModifySubnetAttribute: { input: sh.ModifySubnetAttributeRequest, output: RETURN_ONLY, dryRun: false, run: (c, p) => (viaCore(c, p), done()) },
};
