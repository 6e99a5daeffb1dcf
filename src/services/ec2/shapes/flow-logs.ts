/** Flow logs: botocore's CreateFlowLogs, DescribeFlowLogs and DeleteFlowLogs shapes. */
import { B, I, S, T, at, list, struct } from './dsl.ts';
import { Filter, NextToken, TagSpecifications, Tags } from './common.ts';

const UnsuccessfulItem = struct({
  Error: at('error', struct({ Code: at('code', S), Message: at('message', S) })), ResourceId: at('resourceId', S),
});
const DestinationOptionsResponse = struct({
  FileFormat: at('fileFormat', S), HiveCompatiblePartitions: at('hiveCompatiblePartitions', B), PerHourPartition: at('perHourPartition', B),
});

export const FlowLog = struct({
  CreationTime: at('creationTime', T), DeliverLogsErrorMessage: at('deliverLogsErrorMessage', S),
  DeliverLogsPermissionArn: at('deliverLogsPermissionArn', S), DeliverCrossAccountRole: at('deliverCrossAccountRole', S),
  DeliverLogsStatus: at('deliverLogsStatus', S), FlowLogId: at('flowLogId', S), FlowLogStatus: at('flowLogStatus', S),
  LogGroupName: at('logGroupName', S), ResourceId: at('resourceId', S), TrafficType: at('trafficType', S),
  LogDestinationType: at('logDestinationType', S), LogDestination: at('logDestination', S), LogFormat: at('logFormat', S), Tags,
  MaxAggregationInterval: at('maxAggregationInterval', I), DestinationOptions: at('destinationOptions', DestinationOptionsResponse),
});

export const CreateFlowLogsRequest = struct({
  ClientToken: S, DeliverLogsPermissionArn: S, LogGroupName: S, ResourceIds: at('ResourceId', list(S)), ResourceType: S,
  TrafficType: S, LogDestinationType: S, LogDestination: S, LogFormat: S, TagSpecifications, MaxAggregationInterval: I,
  DestinationOptions: struct({ FileFormat: S, HiveCompatiblePartitions: B, PerHourPartition: B }),
}, ['ResourceIds', 'ResourceType']);
export const CreateFlowLogsResult = struct({
  ClientToken: at('clientToken', S), FlowLogIds: at('flowLogIdSet', list(S)), Unsuccessful: at('unsuccessful', list(UnsuccessfulItem)),
});
export const DescribeFlowLogsRequest = struct({ Filter: list(Filter), FlowLogIds: at('FlowLogId', list(S)), MaxResults: I, NextToken: S });
export const DescribeFlowLogsResult = struct({ FlowLogs: at('flowLogSet', list(FlowLog)), NextToken });
export const DeleteFlowLogsRequest = struct({ FlowLogIds: at('FlowLogId', list(S)) }, ['FlowLogIds']);
export const DeleteFlowLogsResult = struct({ Unsuccessful: at('unsuccessful', list(UnsuccessfulItem)) });
