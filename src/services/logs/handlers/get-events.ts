/**
 * GetLogEvents: one page of a stream's events in [startTime, endTime), from
 * the head, from the tail, or from a token. A page holds up to `limit`
 * events (10,000) and 1 MB. At either end the same token comes back, which
 * is how the SDK's paginator knows it is done.
 */
import type { LogStream, StoredEvent } from '../../../adapters/logs-store/index.ts';
import type { LogsActionTable } from '../action.ts';
import { END_KEY, type EventKey, START_KEY, eventToken, readEventToken } from '../event-tokens.ts';
import { groupNameParam, needGroup, needStream } from '../lookup.ts';
import { NEXT_TOKEN, optBool, optInt, optStr } from '../params.ts';

const MAX_PAGE_BYTES = 1_048_576;

const keyOf = (e: StoredEvent): EventKey => ({ timestamp: e.timestamp, seq: e.seq });
const eventBytes = (e: StoredEvent): number => Buffer.byteLength(e.message, 'utf8') + 26;

/** Indexes [lo, hi) of the events in the time range. */
function rangeOf(s: LogStream, start: number | undefined, end: number | undefined): [number, number] {
  const lo = start === undefined ? 0 : s.lowerBound(start, -Infinity);
  const hi = end === undefined ? s.events.length : s.lowerBound(end, -Infinity);
  return [lo, Math.max(lo, hi)];
}

function forward(s: LogStream, from: number, hi: number, limit: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  let bytes = 0;
  for (let i = from; i < hi && out.length < limit; i++) {
    bytes += eventBytes(s.events[i]!);
    if (bytes > MAX_PAGE_BYTES && out.length > 0) break;
    out.push(s.events[i]!);
  }
  return out;
}

function backward(s: LogStream, lo: number, before: number, limit: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  let bytes = 0;
  for (let i = before - 1; i >= lo && out.length < limit; i--) {
    bytes += eventBytes(s.events[i]!);
    if (bytes > MAX_PAGE_BYTES && out.length > 0) break;
    out.push(s.events[i]!);
  }
  return out.reverse();
}

export const GET_EVENTS_ACTIONS: LogsActionTable = {
  GetLogEvents: (c, p) => {
    const g = needGroup(c, groupNameParam(p, true));
    const s = needStream(g, p);
    const start = optInt(p, 'startTime', 0);
    const end = optInt(p, 'endTime', 0);
    const limit = optInt(p, 'limit', 1, 10000) ?? 10000;
    const token = optStr(p, 'nextToken', NEXT_TOKEN);
    optBool(p, 'unmask');
    const head = optBool(p, 'startFromHead') ?? false;
    const place = token !== undefined ? readEventToken(token) : head ? { dir: 'f' as const, key: START_KEY } : { dir: 'b' as const, key: END_KEY };
    const [lo, hi] = rangeOf(s, start, end);
    let events: StoredEvent[];
    if (place.dir === 'f') {
      const from = Math.max(lo, s.lowerBound(place.key.timestamp, place.key.seq + 1));
      events = forward(s, from, hi, limit);
    } else {
      const before = Math.min(hi, s.lowerBound(place.key.timestamp, place.key.seq));
      events = backward(s, lo, before, limit);
    }
    let next: string, prev: string;
    if (events.length > 0) {
      next = eventToken('f', keyOf(events.at(-1)!));
      prev = eventToken('b', keyOf(events[0]!));
    } else if (place.dir === 'f') {
      next = token ?? eventToken('f', place.key);
      prev = eventToken('b', { timestamp: place.key.timestamp, seq: place.key.seq + 1 });
    } else {
      prev = token ?? eventToken('b', place.key);
      // From an empty tail, reading forward starts after the last event there is.
      const last = s.events.at(-1);
      next = eventToken('f', token === undefined ? (last ? keyOf(last) : START_KEY) : { timestamp: place.key.timestamp, seq: place.key.seq - 1 });
    }
    return {
      events: events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
      nextForwardToken: next, nextBackwardToken: prev,
    };
  },
};
