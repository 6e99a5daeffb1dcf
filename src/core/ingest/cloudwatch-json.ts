/**
 * The JSON shapes flow log records travel in, told apart by their keys:
 * - a CloudWatch Logs subscription payload (`messageType` DATA_MESSAGE with
 *   `logGroup`, `logStream`, `logEvents`; CONTROL_MESSAGE is a connectivity
 *   check without records), or the Lambda event wrapping one (`awslogs.data`,
 *   base64 of gzip);
 * - `aws logs get-log-events` / `filter-log-events` output (`events`), or a
 *   PutLogEvents body (`logGroupName`, `logStreamName`, `logEvents`);
 * - one event per line (`{"message": …}`, as forwarders and `vpcflow run`'s
 *   CloudWatch files write them);
 * - a record as an object keyed by field names (`srcaddr`, `log_status`, …).
 */
import { fieldForColumn } from './columns.ts';

export interface LogEvent {
  message: string;
  /** Event time and ingestion time, epoch milliseconds, when given. */
  timestamp: number | null;
  ingestionTime: number | null;
  logGroup: string | null;
  logStream: string | null;
}

export type JsonItem =
  | { kind: 'events'; events: (LogEvent | { error: string })[] }
  | { kind: 'control' }
  | { kind: 'awslogs'; data: string }
  | { kind: 'row'; row: Record<string, unknown> }
  | { kind: 'invalid'; reason: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function millis(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && v.trim() !== '') {
    if (/^\d+$/.test(v)) return Number(v);
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

function event(e: unknown, i: number, logGroup: string | null, logStream: string | null, where: string): LogEvent | { error: string } {
  if (!isObj(e)) return { error: `${where}[${i}] is not an object` };
  const message = e.message;
  if (typeof message !== 'string') return { error: `${where}[${i}] has no string "message"` };
  return {
    message,
    timestamp: millis(e.timestamp),
    ingestionTime: millis(e.ingestionTime),
    logGroup: str(e.logGroupName) ?? logGroup,
    logStream: str(e.logStreamName) ?? logStream,
  };
}

function keysOf(o: Obj): string {
  const ks = Object.keys(o);
  return ks.length ? ks.slice(0, 6).map((k) => JSON.stringify(k)).join(', ') + (ks.length > 6 ? ', …' : '') : 'no keys';
}

const NOT_CLOUDWATCH = 'not a CloudWatch Logs payload';

export function interpretJson(v: unknown): JsonItem {
  if (!isObj(v)) return { kind: 'invalid', reason: `${NOT_CLOUDWATCH}: a JSON ${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v} where an object was expected` };
  if ('messageType' in v) {
    if (v.messageType === 'CONTROL_MESSAGE') return { kind: 'control' };
    if (v.messageType !== 'DATA_MESSAGE') return { kind: 'invalid', reason: `${NOT_CLOUDWATCH}: messageType ${JSON.stringify(v.messageType)} is neither DATA_MESSAGE nor CONTROL_MESSAGE` };
    if (!Array.isArray(v.logEvents)) return { kind: 'invalid', reason: `${NOT_CLOUDWATCH}: a DATA_MESSAGE without a logEvents array` };
    const group = str(v.logGroup), stream = str(v.logStream);
    if (group === null || stream === null) return { kind: 'invalid', reason: `${NOT_CLOUDWATCH}: a DATA_MESSAGE without string logGroup and logStream` };
    return { kind: 'events', events: v.logEvents.map((e, i) => event(e, i, group, stream, 'logEvents')) };
  }
  if (isObj(v.awslogs) && typeof v.awslogs.data === 'string') return { kind: 'awslogs', data: v.awslogs.data };
  if (Array.isArray(v.events)) {
    return { kind: 'events', events: v.events.map((e, i) => event(e, i, str(v.logGroupName), str(v.logStreamName), 'events')) };
  }
  if (Array.isArray(v.logEvents) && (typeof v.logGroupName === 'string' || typeof v.logStreamName === 'string')) {
    return { kind: 'events', events: v.logEvents.map((e, i) => event(e, i, str(v.logGroupName), str(v.logStreamName), 'logEvents')) };
  }
  if (typeof v.message === 'string') {
    return {
      kind: 'events',
      events: [{
        message: v.message,
        timestamp: millis(v.timestamp ?? v['@timestamp']),
        ingestionTime: millis(v.ingestionTime),
        logGroup: str(v.logGroup) ?? str(v.logGroupName),
        logStream: str(v.logStream) ?? str(v.logStreamName),
      }],
    };
  }
  const keys = Object.keys(v);
  if (keys.length > 0 && keys.every((k) => fieldForColumn(k) !== undefined)) return { kind: 'row', row: v };
  return { kind: 'invalid', reason: `${NOT_CLOUDWATCH}: an object with ${keysOf(v)} (expected messageType and logEvents, events, message, or flow log field names)` };
}
