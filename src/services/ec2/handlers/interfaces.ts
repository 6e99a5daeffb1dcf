/** Network interfaces: create, describe, attach, modify, delete. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { notFound } from '../../../core/ec2/errors.ts';
import { type Params, optStr } from '../../../core/ec2/params.ts';
import type { NetworkInterface } from '../../../core/model/types.ts';
import { type ActionTable, type Ec2Call, viaCore } from '../action.ts';
import { RETURN_ONLY } from '../shapes/common.ts';
import * as sh from '../shapes/interfaces.ts';
import { INTERFACE_FILTERS, interfaceView } from '../views/interfaces.ts';
import { done } from './common.ts';
import { LIMITS_5_1000, describe } from './describe.ts';

function describeNetworkInterfaces(c: Ec2Call, p: Params): Params {
  const net = c.state.net;
  const page = describe(p, {
    action: c.action, items: net.interfaces.values(), table: INTERFACE_FILTERS, ctx: net, tags: (e) => e.tags, limits: LIMITS_5_1000,
    ids: {
      member: 'NetworkInterfaceIds', idOf: (e) => e.id,
      missing: (id) => notFound('InvalidNetworkInterfaceID.NotFound', 'network interface', id),
    },
  });
  return { NetworkInterfaces: page.items.map((e) => interfaceView(e, net)), NextToken: page.nextToken };
}

export const INTERFACE_ACTIONS: ActionTable = {
  CreateNetworkInterface: {
    input: sh.CreateNetworkInterfaceRequest, output: sh.CreateNetworkInterfaceResult,
    run: (c, p) => ({ NetworkInterface: interfaceView(viaCore<NetworkInterface>(c, p), c.state.net), ClientToken: optStr(p, 'ClientToken') }),
  },
  DescribeNetworkInterfaces: {
    input: sh.DescribeNetworkInterfacesRequest, output: sh.DescribeNetworkInterfacesResult, run: describeNetworkInterfaces,
    filters: filterNames(INTERFACE_FILTERS, true),
  },
  AttachNetworkInterface: { input: sh.AttachNetworkInterfaceRequest, output: sh.AttachNetworkInterfaceResult, run: (c, p) => ({ AttachmentId: viaCore<string>(c, p) }) },
  ModifyNetworkInterfaceAttribute: { input: sh.ModifyNetworkInterfaceAttributeRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  DeleteNetworkInterface: { input: sh.DeleteNetworkInterfaceRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
};
