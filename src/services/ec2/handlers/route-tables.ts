/** Route tables, routes and their subnet associations. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { notFound } from '../../../core/ec2/errors.ts';
import type { RouteTable } from '../../../core/model/types.ts';
import { done } from './common.ts';
import { type ActionTable, viaCore } from '../action.ts';
import { RETURN_ONLY } from '../shapes/common.ts';
import * as sh from '../shapes/route-tables.ts';
import { ROUTE_TABLE_FILTERS, routeTableView } from '../views/route-tables.ts';
import { describeNet } from './describe.ts';

const describeRouteTables = describeNet({
  items: (net) => net.routeTables.values(), table: ROUTE_TABLE_FILTERS, result: 'RouteTables', view: routeTableView,
  ids: 'RouteTableIds', missing: (id) => notFound('InvalidRouteTableID.NotFound', 'route table', id),
  limits: { min: 5, max: 100 },
});

export const ROUTE_TABLE_ACTIONS: ActionTable = {
  CreateRouteTable: {
    input: sh.CreateRouteTableRequest, output: sh.CreateRouteTableResult,
    run: (c, p) => ({ RouteTable: routeTableView(viaCore<RouteTable>(c, p), c.state.net) }),
  },
  DescribeRouteTables: {
    input: sh.DescribeRouteTablesRequest, output: sh.DescribeRouteTablesResult, run: describeRouteTables,
    filters: filterNames(ROUTE_TABLE_FILTERS, true),
  },
  DeleteRouteTable: { input: sh.DeleteRouteTableRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  CreateRoute: { input: sh.CreateRouteRequest, output: sh.CreateRouteResult, run: (c, p) => (viaCore(c, p), done()) },
  ReplaceRoute: { input: sh.ReplaceRouteRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  DeleteRoute: { input: sh.DeleteRouteRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  AssociateRouteTable: {
    input: sh.AssociateRouteTableRequest, output: sh.AssociateRouteTableResult,
    run: (c, p) => ({ AssociationId: viaCore<string>(c, p), AssociationState: { State: 'associated' } }),
  },
  DisassociateRouteTable: { input: sh.DisassociateRouteTableRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
};
