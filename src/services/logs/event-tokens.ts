/**
 * GetLogEvents' tokens, shaped like AWS's (`f/` or `b/` and 56 digits). Each
 * names a place between events, as the key (timestamp, arrival) of one:
 * `f/K` reads the events after K, `b/K` the events before K. Keys do not
 * move when events arrive out of order, so tokens stay valid.
 */
import { invalidParameter } from './errors.ts';

export interface EventKey { timestamp: number; seq: number }

/** A key after every event (AWS accepts timestamps up to year 275760; none is this large). */
export const END_KEY: EventKey = { timestamp: 9_000_000_000_000_000, seq: 0 };
/** A key before every event (timestamps are never negative). */
export const START_KEY: EventKey = { timestamp: -1, seq: 0 };

const digits = (n: number, width: number): string => String(n).padStart(width, '0');

export function eventToken(dir: 'f' | 'b', k: EventKey): string {
  return `${dir}/${digits(k.timestamp + 1, 20)}${digits(k.seq + 1, 20)}${'0'.repeat(16)}`;
}

export function readEventToken(token: string): { dir: 'f' | 'b'; key: EventKey } {
  const m = /^([fb])\/(\d{20})(\d{20})0{16}$/.exec(token);
  if (!m) throw invalidParameter('The specified nextToken is invalid.');
  const timestamp = Number(m[2]) - 1, seq = Number(m[3]) - 1;
  if (!Number.isSafeInteger(timestamp) || !Number.isSafeInteger(seq)) throw invalidParameter('The specified nextToken is invalid.');
  return { dir: m[1] as 'f' | 'b', key: { timestamp, seq } };
}
