/**
 * FilterLogEvents: the events of a group's streams (all, named, or by
 * prefix) in [startTime, endTime], matching a filter pattern (the metric
 * filter language), interleaved in timestamp order, `limit` (10,000) and
 * 1 MB a page. `nextToken` names the last event returned.
 */
import { compilePattern, PatternSyntaxError } from '../../../core/metric-filters/index.ts';
import type { LogStream } from '../../../adapters/logs-store/index.ts';
import type { LogsActionTable } from '../action.ts';
import { invalidParameter } from '../errors.ts';
import { groupNameParam, needGroup } from '../lookup.ts';
import { type Cursor, Merge } from '../merge.ts';
import { NEXT_TOKEN, STREAM_NAME, optBool, optInt, optStr, strList } from '../params.ts';

const MAX_PAGE_BYTES = 1_048_576;

interface Last { t: number; s: string; q: number }

function readToken(token: string): Last {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Last>;
    if (typeof v.t === 'number' && typeof v.s === 'string' && typeof v.q === 'number') return { t: v.t, s: v.s, q: v.q };
  } catch { /* falls through */ }
  throw invalidParameter('The specified nextToken is invalid.');
}

const writeToken = (l: Last): string => Buffer.from(JSON.stringify(l), 'utf8').toString('base64url');

function hash16(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return String(h).padStart(16, '0');
}

/** Where a stream's cursor starts after the event `last` of the merged order. */
function startAfter(s: LogStream, lo: number, last: Last | undefined): number {
  if (!last) return lo;
  const at = s.name < last.s ? s.lowerBound(last.t + 1, -Infinity) : s.name === last.s ? s.lowerBound(last.t, last.q + 1) : s.lowerBound(last.t, -Infinity);
  return Math.max(lo, at);
}

export const FILTER_EVENTS_ACTIONS: LogsActionTable = {
  FilterLogEvents: (c, p) => {
    const g = needGroup(c, groupNameParam(p, true));
    const names = strList(p, 'logStreamNames', STREAM_NAME, 1, 100);
    const prefix = optStr(p, 'logStreamNamePrefix', STREAM_NAME);
    if (names && prefix !== undefined) throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    const start = optInt(p, 'startTime', 0);
    const end = optInt(p, 'endTime', 0);
    if (start !== undefined && end !== undefined && end < start) throw invalidParameter('endTime must be greater than or equal to startTime.');
    const text = optStr(p, 'filterPattern', { max: 1024 }) ?? '';
    const limit = optInt(p, 'limit', 1, 10000) ?? 10000;
    const token = optStr(p, 'nextToken', NEXT_TOKEN);
    optBool(p, 'interleaved');
    optBool(p, 'unmask');
    let pattern;
    try {
      pattern = compilePattern(text);
    } catch (e) {
      if (e instanceof PatternSyntaxError) throw invalidParameter(`Invalid filter pattern: ${e.message}`);
      throw e;
    }
    const last = token === undefined ? undefined : readToken(token);
    const wanted = names ? new Set(names) : undefined;
    const streams = g.sortedStreams().filter((s) => (wanted ? wanted.has(s.name) : prefix === undefined || s.name.startsWith(prefix)));
    const cursors: Cursor[] = streams.map((s) => {
      const lo = start === undefined ? 0 : s.lowerBound(start, -Infinity);
      const end1 = end === undefined ? s.events.length : s.lowerBound(end + 1, -Infinity);
      return { stream: s, at: startAfter(s, lo, last), end: end1 };
    });
    const merge = new Merge(cursors);
    const events: Record<string, unknown>[] = [];
    let bytes = 0;
    let lastOut: Last | undefined;
    let more = false;
    for (let n = merge.next(); n; n = merge.next()) {
      if (!pattern.test(n.event.message)) continue;
      const size = Buffer.byteLength(n.event.message, 'utf8') + 26;
      if (events.length >= limit || (bytes + size > MAX_PAGE_BYTES && events.length > 0)) { more = true; break; }
      bytes += size;
      events.push({
        logStreamName: n.stream.name, timestamp: n.event.timestamp, message: n.event.message, ingestionTime: n.event.ingestionTime,
        eventId: `${String(n.event.timestamp).padStart(20, '0')}${String(n.event.seq).padStart(20, '0')}${hash16(n.stream.name)}`,
      });
      lastOut = { t: n.event.timestamp, s: n.stream.name, q: n.event.seq };
    }
    return {
      events,
      searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: !more })),
      ...(more && lastOut ? { nextToken: writeToken(lastOut) } : {}),
    };
  },
};
