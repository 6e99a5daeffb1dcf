/** AWS::EC2::FlowLog. Its creation time is the scenario's start: the stack exists when the clock starts. */
import { createFlowLogs } from '../../ec2/flow-logs.ts';
import type { FlowLog } from '../../model/types.ts';
import { defineHandler } from '../handler.ts';
import { bool, int, object, required, str, tags } from '../shapes.ts';

export const flowLogHandler = defineHandler<FlowLog>({
  properties: {
    ResourceId: required(str), ResourceType: required(str), TrafficType: str, LogDestinationType: str, LogDestination: str,
    LogGroupName: str, DeliverLogsPermissionArn: str, DeliverCrossAccountRole: str, LogFormat: str, MaxAggregationInterval: int,
    DestinationOptions: object({ FileFormat: required(str), HiveCompatiblePartitions: required(bool), PerHourPartition: required(bool) }),
    Tags: tags,
  },
  pins: { id: 'fl' },
  create(run) {
    const p = run.props;
    const result = run.ec2('CreateFlowLogs', () => createFlowLogs(run.ctx, {
      ResourceIds: [p.ResourceId], ResourceType: p.ResourceType, TrafficType: p.TrafficType, LogDestinationType: p.LogDestinationType,
      LogDestination: p.LogDestination, LogGroupName: p.LogGroupName, DeliverLogsPermissionArn: p.DeliverLogsPermissionArn,
      LogFormat: p.LogFormat, MaxAggregationInterval: p.MaxAggregationInterval, DestinationOptions: p.DestinationOptions, Tags: p.Tags,
    }, { logicalId: run.logicalId, id: run.pins.id }), (e) => [/aggregation/i.test(e.message) ? 'MaxAggregationInterval' : /format/i.test(e.message) ? 'LogFormat' : 'LogDestination']);
    const failed = result.unsuccessful[0];
    if (failed) run.fail(['ResourceId'], `the id of an existing ${String(p.ResourceType)}`, `"${failed.resourceId}", refused with ${failed.code}: ${failed.message}`);
    return run.ctx.net.flowLogs.get(result.flowLogIds[0]!)!;
  },
  ref: (f) => f.id,
  attributes: { Id: (f) => f.id },
});
