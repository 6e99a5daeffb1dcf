/** Internet gateways, Elastic IPs and NAT gateways. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { Ec2Error, notFound } from '../../../core/ec2/errors.ts';
import { optStr } from '../../../core/ec2/params.ts';
import type { Address, InternetGateway, NatGateway } from '../../../core/model/types.ts';
import { done, onlyDefault } from './common.ts';
import { type ActionTable, viaCore } from '../action.ts';
import { RETURN_ONLY } from '../shapes/common.ts';
import * as sh from '../shapes/gateways.ts';
import { INTERNET_GATEWAY_FILTERS, NAT_GATEWAY_FILTERS, addressView, internetGatewayView, natGatewayView } from '../views/gateways.ts';
import { describeNet } from './describe.ts';

const describeInternetGateways = describeNet({
  items: (net) => net.internetGateways.values(), table: INTERNET_GATEWAY_FILTERS, result: 'InternetGateways', view: internetGatewayView,
  ids: 'InternetGatewayIds', missing: (id) => notFound('InvalidInternetGatewayID.NotFound', 'internet gateway', id),
});

const describeNatGateways = describeNet({
  items: (net) => net.natGateways.values(), table: NAT_GATEWAY_FILTERS, result: 'NatGateways', view: natGatewayView,
  ids: 'NatGatewayIds', missing: (id) => new Ec2Error('NatGatewayNotFound', `NAT gateway ${id} was not found`),
  filterMember: 'Filter',
});

export const GATEWAY_ACTIONS: ActionTable = {
  CreateInternetGateway: {
    input: sh.CreateInternetGatewayRequest, output: sh.CreateInternetGatewayResult,
    run: (c, p) => ({ InternetGateway: internetGatewayView(viaCore<InternetGateway>(c, p), c.state.net) }),
  },
  AttachInternetGateway: { input: sh.AttachInternetGatewayRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  DetachInternetGateway: { input: sh.DetachInternetGatewayRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  DeleteInternetGateway: { input: sh.DeleteInternetGatewayRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  DescribeInternetGateways: {
    input: sh.DescribeInternetGatewaysRequest, output: sh.DescribeInternetGatewaysResult, run: describeInternetGateways,
    filters: filterNames(INTERNET_GATEWAY_FILTERS, true),
  },
  AllocateAddress: {
    input: sh.AllocateAddressRequest, output: sh.AllocateAddressResult,
    run: (c, p) => {
      onlyDefault(p, 'Domain', 'vpc');
      onlyDefault(p, 'PublicIpv4Pool', 'amazon');
      onlyDefault(p, 'NetworkBorderGroup', c.state.region);
      return addressView(viaCore<Address>(c, p), c.state.net);
    },
  },
  AssociateAddress: { input: sh.AssociateAddressRequest, output: sh.AssociateAddressResult, run: (c, p) => ({ AssociationId: viaCore<string>(c, p) }) },
  DisassociateAddress: { input: sh.DisassociateAddressRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  ReleaseAddress: {
    input: sh.ReleaseAddressRequest, output: RETURN_ONLY,
    run: (c, p) => (onlyDefault(p, 'NetworkBorderGroup', c.state.region), viaCore(c, p), done()),
  },
  CreateNatGateway: {
    input: sh.CreateNatGatewayRequest, output: sh.CreateNatGatewayResult,
    run: (c, p) => ({ ClientToken: optStr(p, 'ClientToken'), NatGateway: natGatewayView(viaCore<NatGateway>(c, p), c.state.net) }),
  },
  DeleteNatGateway: {
    input: sh.DeleteNatGatewayRequest, output: sh.DeleteNatGatewayResult,
    run: (c, p) => (viaCore(c, p), { NatGatewayId: optStr(p, 'NatGatewayId') }),
  },
  DescribeNatGateways: {
    input: sh.DescribeNatGatewaysRequest, output: sh.DescribeNatGatewaysResult, run: describeNatGateways,
    filters: filterNames(NAT_GATEWAY_FILTERS, true),
  },
};
