/** One log group in memory: settings, metric filters, tags and streams. */
import { LogStream } from './log-stream.ts';
import type { GroupMeta, MetricFilterRecord } from './types.ts';

export class LogGroup {
  readonly streams = new Map<string, LogStream>();
  retentionInDays: number | undefined;
  tags: Record<string, string> = {};
  metricFilters: MetricFilterRecord[] = [];

  constructor(readonly name: string, readonly creationTime: number) {}

  get storedBytes(): number {
    let n = 0;
    for (const s of this.streams.values()) n += s.storedBytes;
    return n;
  }

  /** Streams sorted by name. */
  sortedStreams(): LogStream[] {
    return [...this.streams.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  meta(): GroupMeta {
    const streams: Record<string, number> = {};
    for (const s of this.streams.values()) streams[s.name] = s.creationTime;
    return {
      logGroupName: this.name, creationTime: this.creationTime,
      ...(this.retentionInDays !== undefined ? { retentionInDays: this.retentionInDays } : {}),
      tags: this.tags, metricFilters: this.metricFilters, streams,
    };
  }
}
