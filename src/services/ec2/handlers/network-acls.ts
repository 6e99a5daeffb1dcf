/** Network ACLs: create, describe, entries, association, delete. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { notFound } from '../../../core/ec2/errors.ts';
import type { NetworkAcl } from '../../../core/model/types.ts';
import { done } from './common.ts';
import { type ActionTable, viaCore } from '../action.ts';
import { RETURN_ONLY } from '../shapes/common.ts';
import * as sh from '../shapes/network-acls.ts';
import { NETWORK_ACL_FILTERS, networkAclView } from '../views/network-acls.ts';
import { describeNet } from './describe.ts';

const describeNetworkAcls = describeNet({
  items: (net) => net.networkAcls.values(), table: NETWORK_ACL_FILTERS, result: 'NetworkAcls', view: networkAclView,
  ids: 'NetworkAclIds', missing: (id) => notFound('InvalidNetworkAclID.NotFound', 'network ACL', id),
});

export const NETWORK_ACL_ACTIONS: ActionTable = {
  CreateNetworkAcl: {
    input: sh.CreateNetworkAclRequest, output: sh.CreateNetworkAclResult,
    run: (c, p) => ({ NetworkAcl: networkAclView(viaCore<NetworkAcl>(c, p), c.state.net) }),
  },
  DescribeNetworkAcls: {
    input: sh.DescribeNetworkAclsRequest, output: sh.DescribeNetworkAclsResult, run: describeNetworkAcls,
    filters: filterNames(NETWORK_ACL_FILTERS, true),
  },
  DeleteNetworkAcl: { input: sh.DeleteNetworkAclRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  CreateNetworkAclEntry: { input: sh.CreateNetworkAclEntryRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  ReplaceNetworkAclEntry: { input: sh.ReplaceNetworkAclEntryRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  DeleteNetworkAclEntry: { input: sh.DeleteNetworkAclEntryRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  ReplaceNetworkAclAssociation: {
    input: sh.ReplaceNetworkAclAssociationRequest, output: sh.ReplaceNetworkAclAssociationResult,
    run: (c, p) => ({ NewAssociationId: viaCore<string>(c, p) }),
  },
};
