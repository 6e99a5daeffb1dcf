/** CreateFlowLogs (per-resource failures in `unsuccessful`), DescribeFlowLogs, DeleteFlowLogs. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import type { CreateFlowLogsResult } from '../../../core/ec2/flow-logs.ts';
import { type Params, optStr } from '../../../core/ec2/params.ts';
import { type ActionTable, type Ec2Call, viaCore } from '../action.ts';
import * as sh from '../shapes/flow-logs.ts';
import { FLOW_LOG_FILTERS, flowLogView, unsuccessfulView } from '../views/flow-logs.ts';
import { describe } from './describe.ts';

function describeFlowLogs(c: Ec2Call, p: Params): Params {
  const page = describe(p, {
    action: c.action, items: c.state.net.flowLogs.values(), table: FLOW_LOG_FILTERS, ctx: undefined, tags: (f) => f.tags,
    filterMember: 'Filter', ids: { member: 'FlowLogIds', idOf: (f) => f.id },
  });
  return { FlowLogs: page.items.map(flowLogView), NextToken: page.nextToken };
}

export const FLOW_LOG_ACTIONS: ActionTable = {
  CreateFlowLogs: {
    input: sh.CreateFlowLogsRequest, output: sh.CreateFlowLogsResult,
    run: (c, p) => {
      const r = viaCore<CreateFlowLogsResult>(c, p);
      return { ClientToken: optStr(p, 'ClientToken'), FlowLogIds: r.flowLogIds, Unsuccessful: unsuccessfulView(r) };
    },
  },
  DescribeFlowLogs: {
    input: sh.DescribeFlowLogsRequest, output: sh.DescribeFlowLogsResult, run: describeFlowLogs,
    filters: filterNames(FLOW_LOG_FILTERS, true),
  },
  DeleteFlowLogs: {
    input: sh.DeleteFlowLogsRequest, output: sh.DeleteFlowLogsResult,
    run: (c, p) => ({ Unsuccessful: unsuccessfulView(viaCore<CreateFlowLogsResult>(c, p)) }),
  },
};
