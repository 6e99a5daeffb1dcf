/** A flow log as DescribeFlowLogs reports it, and the filters DescribeFlowLogs takes. */
import type { CreateFlowLogsResult } from '../../../core/ec2/flow-logs.ts';
import type { FilterTable } from '../../../core/ec2/describe/filters.ts';
import type { Params } from '../../../core/ec2/params.ts';
import type { FlowLog } from '../../../core/model/types.ts';
import { tagsOut } from '../handlers/describe.ts';

/** Delivery always succeeds in vpcflow: a missing log group is created on first delivery, as AWS does. */
const DELIVER_STATUS = 'SUCCESS';

export function flowLogView(f: FlowLog): Params {
  return {
    FlowLogId: f.id, CreationTime: f.creationTime, DeliverLogsStatus: DELIVER_STATUS, FlowLogStatus: 'ACTIVE',
    ResourceId: f.resourceId, TrafficType: f.trafficType, LogDestinationType: f.destinationType, LogDestination: f.logDestination,
    LogGroupName: f.logGroupName, DeliverLogsPermissionArn: f.deliverLogsPermissionArn, LogFormat: f.logFormat,
    MaxAggregationInterval: f.maxAggregationInterval, Tags: tagsOut(f.tags),
    DestinationOptions: f.destinationType === 's3'
      ? { FileFormat: f.fileFormat, HiveCompatiblePartitions: f.hiveCompatiblePartitions, PerHourPartition: f.perHourPartition }
      : undefined,
  };
}

export const unsuccessfulView = (r: CreateFlowLogsResult): Params[] =>
  r.unsuccessful.map((u) => ({ ResourceId: u.resourceId, Error: { Code: u.code, Message: u.message } }));

export const FLOW_LOG_FILTERS: FilterTable<FlowLog, undefined> = {
  'deliver-log-status': () => DELIVER_STATUS,
  'log-destination-type': (f) => f.destinationType,
  'flow-log-id': (f) => f.id,
  'log-group-name': (f) => f.logGroupName,
  'resource-id': (f) => f.resourceId,
  'traffic-type': (f) => f.trafficType,
};
