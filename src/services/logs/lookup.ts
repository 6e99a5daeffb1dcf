/** Finding the group and stream a request names (by name, or by `logGroupIdentifier`: name or ARN). */
import type { LogGroup, LogStream } from '../../adapters/logs-store/index.ts';
import type { LogsCall } from './context.ts';
import { groupNotFound, invalidParameter, streamNotFound } from './errors.ts';
import { GROUP_NAME, type Params, STREAM_NAME, optStr, reqStr } from './params.ts';

/** The name in `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]`, or the text itself. */
export function groupNameOfIdentifier(id: string): string {
  const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(id);
  return m ? m[1]! : id;
}

/** `logGroupName` or `logGroupIdentifier` (exactly one when `either`), as a name. */
export function groupNameParam(p: Params, either = false): string {
  if (!either) return reqStr(p, 'logGroupName', GROUP_NAME);
  const name = optStr(p, 'logGroupName', GROUP_NAME);
  const id = optStr(p, 'logGroupIdentifier', { min: 1, max: 2048 });
  if (name !== undefined && id !== undefined) throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  if (name === undefined && id === undefined) throw invalidParameter('Should provide either name or ARN of the log group.');
  return name ?? groupNameOfIdentifier(id!);
}

export function needGroup(c: LogsCall, name: string): LogGroup {
  const g = c.store.group(name);
  if (!g) throw groupNotFound();
  return g;
}

export function needStream(g: LogGroup, p: Params): LogStream {
  const s = g.streams.get(reqStr(p, 'logStreamName', STREAM_NAME));
  if (!s) throw streamNotFound();
  return s;
}
