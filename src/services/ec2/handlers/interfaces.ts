/** Network interfaces: create, describe, attach, modify, delete. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { notFound } from '../../../core/ec2/errors.ts';
import { optStr } from '../../../core/ec2/params.ts';
import type { NetworkInterface } from '../../../core/model/types.ts';
import { type ActionTable, viaCore } from '../action.ts';
import { RETURN_ONLY } from '../shapes/common.ts';
import * as sh from '../shapes/interfaces.ts';
import { INTERFACE_FILTERS, interfaceView } from '../views/interfaces.ts';
import { done } from './common.ts';
import { describeNet } from './describe.ts';

const describeNetworkInterfaces = describeNet({
  items: (net) => net.interfaces.values(), table: INTERFACE_FILTERS, result: 'NetworkInterfaces', view: interfaceView,
  ids: 'NetworkInterfaceIds', missing: (id) => notFound('InvalidNetworkInterfaceID.NotFound', 'network interface', id),
});

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
