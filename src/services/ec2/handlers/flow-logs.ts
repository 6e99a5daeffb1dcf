/**
 * CreateFlowLogs (per-resource failures in `unsuccessful`), DescribeFlowLogs,
 * DeleteFlowLogs. Through the server, CreateFlowLogs to S3 also looks at the
 * account's S3 store: a missing bucket fails each resource, and a created flow
 * log gets AWS's delivery statements into the bucket policy.
 */
import type { S3Store } from '../../../adapters/s3-store/index.ts';
import { runAction } from '../../../core/ec2/actions.ts';
import type { Ec2Context } from '../../../core/ec2/context.ts';
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { type CreateFlowLogsResult, type DestinationCheck, type DestinationProblem, parseBucketArn } from '../../../core/ec2/flow-logs.ts';
import { type Params, optBool, optStr } from '../../../core/ec2/params.ts';
import { s3StoreOf } from '../../s3/context.ts';
import { grantLogDelivery } from '../../s3/delivery-policy.ts';
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

/**
 * What CreateFlowLogs answers for a bucket the account does not have. AWS's
 * troubleshooting page names the failure `LogDestinationNotFoundException`
 * but shows no response; a real response quoted in Terraform's provider
 * (PR #7528) reports a bucket failure per resource in `unsuccessful`, its
 * message naming the bucket. The `400` code and this wording are moto's for
 * this very case. docs/LIMITATIONS.md records the choice.
 */
export function missingBucket(bucket: string): DestinationProblem {
  return { code: '400', message: `LogDestination: ${bucket} does not exist.` };
}

function bucketProblem(store: S3Store, destination: string): DestinationProblem | undefined {
  const b = parseBucketArn(destination);
  return b && !store.bucketExists(b.bucket) ? missingBucket(b.bucket) : undefined;
}

/**
 * CreateFlowLogs through core's one implementation, with the S3 store behind
 * it when the call came through the server. Scenarios (`vpcflow run`) have no
 * store: their buckets need no CreateBucket, so they never reach this check.
 */
function createFlowLogs(c: Ec2Call, p: Params): CreateFlowLogsResult {
  const server = c.server;
  if (!server) return viaCore<CreateFlowLogsResult>(c, p);
  // Opened only for an S3 destination: a server that never sees S3 keeps no S3 folder.
  const store = (): S3Store => s3StoreOf(server);
  // The region's own context underneath (ids, clock), with the check on top.
  const check: DestinationCheck = {
    checkFlowLogDestination: (type, destination) => (type === 's3' ? bucketProblem(store(), destination) : undefined),
  };
  const ctx: Ec2Context & DestinationCheck = Object.assign(Object.create(c.state.ec2) as Ec2Context, check);
  const r = runAction(ctx, c.action, p) as CreateFlowLogsResult;
  const bucket = optStr(p, 'LogDestinationType') === 's3' ? parseBucketArn(optStr(p, 'LogDestination') ?? '') : undefined;
  if (bucket && r.flowLogIds.length > 0) {
    const hive = optBool((p.DestinationOptions ?? {}) as Params, 'HiveCompatiblePartitions') ?? false;
    grantLogDelivery(store(), { ...bucket, hive, account: c.state.account, region: c.state.region });
  }
  return r;
}

export const FLOW_LOG_ACTIONS: ActionTable = {
  CreateFlowLogs: {
    input: sh.CreateFlowLogsRequest, output: sh.CreateFlowLogsResult,
    run: (c, p) => {
      const r = createFlowLogs(c, p);
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
