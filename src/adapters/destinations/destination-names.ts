/**
 * Names of CloudWatch and Firehose destinations, read from a flow log the way
 * CreateFlowLogs accepts them, and the folder names they get on disk.
 */
import type { FlowLog } from '../../core/model/types.ts';
import { UnsafePathError } from './errors.ts';

const LOG_GROUP_ARN = /^arn:[^:]+:logs:([^:]*):[^:]*:log-group:(.+?)(?::\*)?$/;

/** `LogGroupName`, or the name inside `arn:aws:logs:region:account:log-group:NAME[:*]`. */
export function logGroupName(fl: FlowLog): string {
  if (fl.logGroupName) return fl.logGroupName;
  const m = LOG_GROUP_ARN.exec(fl.logDestination);
  if (!m) throw new Error(`flow log ${fl.id}: no log group name and no log-group ARN in ${JSON.stringify(fl.logDestination)}`);
  return m[2]!;
}

/** The region a log-group ARN destination names, if it names one (a `LogGroupName` is in the flow log's own region). */
export function logGroupRegion(fl: FlowLog): string | undefined {
  if (fl.logGroupName) return undefined;
  return LOG_GROUP_ARN.exec(fl.logDestination)?.[1] || undefined;
}

/** The name in `arn:aws:firehose:region:account:deliverystream/NAME` (`:NAME` is accepted too). */
export function deliveryStreamName(fl: FlowLog): string {
  const m = /^arn:[^:]+:firehose:[^:]*:[^:]*:deliverystream[/:](.+)$/.exec(fl.logDestination);
  if (!m) throw new Error(`flow log ${fl.id}: ${JSON.stringify(fl.logDestination)} is not a Firehose delivery stream ARN`);
  return safeSegment('delivery stream name', m[1]!);
}

/** The CloudWatch stream AWS creates per interface. */
export function logStreamName(eniId: string): string {
  return safeSegment('log stream name', `${eniId}-all`);
}

/** Log-group names hold `/`; URI-encoding makes one folder of each (`/vpc/flow-logs` → `%2Fvpc%2Fflow-logs`). */
export function logGroupFolder(group: string): string {
  return safeSegment('log group name', encodeURIComponent(group));
}

/** A single path segment that cannot climb out of its parent folder. */
export function safeSegment(what: string, name: string): string {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) throw new UnsafePathError(what, name);
  return name;
}
