/**
 * Reading a stream's `.jsonl` file back. A crash can leave at most a torn last
 * line (an append cut short): it is ignored and cut off the file, so the next
 * append starts on a clean line. Other lines that are not events are skipped
 * and counted.
 */
import { readFileSync, truncateSync } from 'node:fs';

export interface LoadedEvent { timestamp: number; ingestionTime: number; message: string }

export interface LoadedFile { events: LoadedEvent[]; skipped: number; tornBytes: number }

function parseEvent(line: string): LoadedEvent | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.timestamp !== 'number' || typeof o.message !== 'string') return undefined;
  const ingestionTime = typeof o.ingestionTime === 'number' ? o.ingestionTime : o.timestamp;
  return { timestamp: o.timestamp, ingestionTime, message: o.message };
}

export function loadEventsFile(path: string, repair: boolean): LoadedFile {
  const buf = readFileSync(path);
  const lastNewline = buf.lastIndexOf(0x0a);
  const whole = lastNewline + 1;
  const tornBytes = buf.length - whole;
  const events: LoadedEvent[] = [];
  let skipped = 0;
  if (whole > 0) {
    for (const line of buf.subarray(0, whole).toString('utf8').split('\n')) {
      if (line === '') continue;
      const e = parseEvent(line);
      if (e) events.push(e);
      else skipped++;
    }
  }
  if (tornBytes > 0 && repair) truncateSync(path, whole);
  return { events, skipped, tornBytes };
}

export const eventLine = (e: LoadedEvent): string =>
  `{"timestamp":${e.timestamp},"ingestionTime":${e.ingestionTime},"message":${JSON.stringify(e.message)}}\n`;
