/** CreateFlowLogs / DeleteFlowLogs, with AWS's validation and per-resource partial success. */
import { DEFAULT_FORMAT, FormatError, parseLogFormat } from '../flows/fields.ts';
import type { FlowLog, FlowLogResourceType, LogDestinationType, TrafficType } from '../model/types.ts';
import type { CreateOptions, Ec2Context } from './context.ts';
import { Ec2Error } from './errors.ts';
import { type Params, optBool, optInt, optStr, str, strList, tagsFor } from './params.ts';

export interface CreateFlowLogsResult {
  flowLogIds: string[];
  unsuccessful: { resourceId: string; code: string; message: string }[];
}

/** Why a destination cannot take a flow log: reported for each resource, in `unsuccessful`. */
export interface DestinationProblem { code: string; message: string }

/**
 * What the API server adds to the context for CreateFlowLogs: a look at the
 * other services (is the bucket there?). The core knows no service, and a
 * scenario has none, so without the check every destination is taken to exist.
 */
export interface DestinationCheck {
  checkFlowLogDestination?(type: LogDestinationType, destination: string): DestinationProblem | undefined;
}

const RESOURCE_TYPES: readonly FlowLogResourceType[] = ['VPC', 'Subnet', 'NetworkInterface'];
const DEST_TYPES: readonly LogDestinationType[] = ['cloud-watch-logs', 's3', 'kinesis-data-firehose'];

function invalid(message: string): Ec2Error {
  return new Ec2Error('InvalidParameter', message);
}

/** Splits an S3 destination ARN into bucket and optional prefix ("folder"). */
export function parseBucketArn(arn: string): { bucket: string; prefix: string } | undefined {
  const m = /^arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(arn);
  if (!m) return undefined;
  const prefix = (m[2] ?? '').replace(/\/+$/, '');
  return { bucket: m[1]!, prefix };
}

export function parseLogGroupArn(arn: string): { region: string; account: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d+):log-group:([^:]+)(?::\*)?$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]! } : undefined;
}

export function parseFirehoseArn(arn: string): { name: string } | undefined {
  const m = /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d+:deliverystream\/(.+)$/.exec(arn);
  return m ? { name: m[1]! } : undefined;
}

export function createFlowLogs(ctx: Ec2Context & DestinationCheck, p: Params, opts: CreateOptions = {}): CreateFlowLogsResult {
  const net = ctx.net;
  const resourceIds = strList(p, 'ResourceIds').length ? strList(p, 'ResourceIds') : strList(p, 'ResourceId');
  if (resourceIds.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter ResourceIds');
  const resourceType = str(p, 'ResourceType') as FlowLogResourceType;
  if (!RESOURCE_TYPES.includes(resourceType)) {
    throw new Ec2Error('InvalidParameterValue', `Value (${resourceType}) for parameter ResourceType is invalid. vpcflow supports ${RESOURCE_TYPES.join(', ')}.`);
  }
  const trafficType = str(p, 'TrafficType') as TrafficType;
  if (!['ACCEPT', 'REJECT', 'ALL'].includes(trafficType)) throw new Ec2Error('InvalidParameterValue', `Value (${trafficType}) for parameter TrafficType is invalid. It must be ACCEPT, REJECT or ALL.`);
  const destinationType = (optStr(p, 'LogDestinationType') ?? 'cloud-watch-logs') as LogDestinationType;
  if (!DEST_TYPES.includes(destinationType)) throw new Ec2Error('InvalidParameterValue', `Value (${destinationType}) for parameter LogDestinationType is invalid. It must be one of ${DEST_TYPES.join(', ')}.`);
  let logDestination = optStr(p, 'LogDestination');
  let logGroupName = optStr(p, 'LogGroupName');
  const role = optStr(p, 'DeliverLogsPermissionArn');
  if (logGroupName && destinationType !== 'cloud-watch-logs') throw invalid('LogDestination type must be cloud-watch-logs if LogGroupName is provided.');
  if (!logGroupName && !logDestination) throw invalid("LogDestination can't be empty if LogGroupName is not provided.");
  if (logGroupName && logDestination) throw invalid('Only one of LogGroupName and LogDestination may be given.');
  if (destinationType === 'cloud-watch-logs') {
    if (!role) throw invalid("DeliverLogsPermissionArn can't be empty if LogDestinationType is cloud-watch-logs.");
    if (logDestination) {
      const g = parseLogGroupArn(logDestination);
      if (!g) throw invalid(`LogDestination '${logDestination}' is not a log group ARN (arn:aws:logs:region:account:log-group:name).`);
      logGroupName = g.name;
    } else {
      logDestination = `arn:aws:logs:${net.region}:${net.account}:log-group:${logGroupName}`;
    }
  } else if (destinationType === 's3') {
    const b = parseBucketArn(logDestination!);
    if (!b) throw invalid(`LogDestination '${logDestination}' is not an S3 bucket ARN (arn:aws:s3:::bucket[/prefix]).`);
    if (b.prefix.split('/').includes('AWSLogs')) throw invalid(`LogDestination '${logDestination}': AWSLogs is a reserved term and cannot be used as a subfolder name.`);
  } else if (!parseFirehoseArn(logDestination!)) {
    throw invalid(`LogDestination '${logDestination}' is not a Firehose delivery stream ARN (arn:aws:firehose:region:account:deliverystream/name).`);
  }
  const logFormat = optStr(p, 'LogFormat') ?? DEFAULT_FORMAT;
  try {
    parseLogFormat(logFormat);
  } catch (e) {
    if (e instanceof FormatError) throw new Ec2Error('InvalidParameter', e.message);
    throw e;
  }
  const interval = optInt(p, 'MaxAggregationInterval') ?? 600;
  if (interval !== 60 && interval !== 600) throw invalid(`Invalid Flow Log Max Aggregation Interval: ${interval} (must be 60 or 600).`);
  const dopts = (p.DestinationOptions ?? {}) as Params;
  const fileFormat = (optStr(dopts, 'FileFormat') ?? 'plain-text') as FlowLog['fileFormat'];
  if (fileFormat !== 'plain-text' && fileFormat !== 'parquet') throw new Ec2Error('InvalidParameterValue', `Value (${fileFormat}) for DestinationOptions.FileFormat is invalid. It must be plain-text or parquet.`);
  if (destinationType !== 's3' && p.DestinationOptions) throw invalid('DestinationOptions are only valid for the s3 destination type.');

  const result: CreateFlowLogsResult = { flowLogIds: [], unsuccessful: [] };
  // Asked once, and only when some resource exists: the answer is the same for all of them.
  let problem: DestinationProblem | undefined | null = null;
  for (const resourceId of resourceIds) {
    const exists = resourceType === 'VPC' ? net.vpcs.has(resourceId) : resourceType === 'Subnet' ? net.subnets.has(resourceId) : net.interfaces.has(resourceId);
    if (!exists) {
      const code = resourceType === 'VPC' ? 'InvalidVpcID.NotFound' : resourceType === 'Subnet' ? 'InvalidSubnetID.NotFound' : 'InvalidNetworkInterfaceID.NotFound';
      result.unsuccessful.push({ resourceId, code, message: `The ${resourceType === 'NetworkInterface' ? 'network interface' : resourceType.toLowerCase()} ID '${resourceId}' does not exist` });
      continue;
    }
    if (problem === null) problem = ctx.checkFlowLogDestination?.(destinationType, logDestination!);
    if (problem) {
      result.unsuccessful.push({ resourceId, code: problem.code, message: problem.message });
      continue;
    }
    const dup = [...net.flowLogs.values()].find((fl) => fl.resourceId === resourceId && fl.logDestination === logDestination && fl.trafficType === trafficType && fl.logFormat === logFormat);
    if (dup) {
      result.unsuccessful.push({ resourceId, code: 'FlowLogAlreadyExists', message: 'Error. There is an existing Flow Log with the same configuration and log destination.' });
      continue;
    }
    const key = opts.logicalId ? (resourceIds.length > 1 ? `${opts.logicalId}/${resourceId}` : opts.logicalId) : `fl#${net.flowLogs.size}`;
    const id = opts.id && resourceIds.length === 1 ? opts.id : ctx.newId('flowLog', key);
    const fl: FlowLog = {
      id, logicalId: opts.logicalId, tags: tagsFor(p, 'vpc-flow-log'), resourceType, resourceId, trafficType, destinationType,
      logDestination: logDestination!, logGroupName, deliverLogsPermissionArn: role, logFormat, maxAggregationInterval: interval,
      fileFormat, hiveCompatiblePartitions: optBool(dopts, 'HiveCompatiblePartitions') ?? false,
      perHourPartition: optBool(dopts, 'PerHourPartition') ?? false, creationTime: ctx.now(),
    };
    net.flowLogs.set(id, fl);
    result.flowLogIds.push(id);
  }
  net.touch();
  return result;
}

export function deleteFlowLogs(ctx: Ec2Context, p: Params): CreateFlowLogsResult {
  const result: CreateFlowLogsResult = { flowLogIds: [], unsuccessful: [] };
  const ids = strList(p, 'FlowLogIds').length ? strList(p, 'FlowLogIds') : strList(p, 'FlowLogId');
  if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter FlowLogIds');
  for (const id of ids) {
    if (!ctx.net.flowLogs.delete(id)) {
      result.unsuccessful.push({ resourceId: id, code: 'InvalidFlowLogId.NotFound', message: `These flow log ids in the input list are not found: [TotalCount: 1] ${id}` });
    }
  }
  ctx.net.touch();
  return result;
}
