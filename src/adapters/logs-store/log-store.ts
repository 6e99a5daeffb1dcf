/**
 * CloudWatch Logs' data for one account and region: log groups, streams and
 * events, in memory and (when given a folder) on disk in the layout
 * `vpcflow run` writes, so `vpcflow query` and `vpcflow insights` read a
 * server's data folder as they read a run's output. See README.md.
 *
 * The API service validates requests and raises AWS's errors; the store only
 * keeps data. Flow log delivery calls `deliver`, which creates the group and
 * the stream when they do not exist, as AWS does.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { syncDirSync } from '../destinations/atomic.ts';
import { AppendFile } from './append-file.ts';
import { eventLine } from './load-events.ts';
import { type LoadReport, loadGroups } from './load-store.ts';
import { LogGroup } from './log-group.ts';
import { LogStream } from './log-stream.ts';
import { writeMeta } from './meta-file.ts';
import { groupDir, metaFile, streamFile } from './paths.ts';
import type { MetricFilterRecord, NewEvent } from './types.ts';

export interface LogStoreOptions {
  /** The account/region folder (`<dataDir>/<account>/<region>`); in memory only when absent. */
  readonly root?: string;
  /** Milliseconds since the epoch: creation and ingestion times. */
  readonly now?: () => number;
}

export class LogStore {
  readonly root: string | undefined;
  readonly now: () => number;
  /** What loading the folder found (torn last lines ignored, unreadable lines skipped). */
  readonly loaded: LoadReport;
  private readonly groupMap = new Map<string, LogGroup>();
  private readonly files = new Map<string, AppendFile>();

  constructor(opts: LogStoreOptions = {}) {
    this.root = opts.root;
    this.now = opts.now ?? Date.now;
    this.loaded = this.root ? loadGroups(this.root, this.groupMap) : { groups: 0, events: 0, skippedLines: 0, tornLines: 0 };
  }

  /** Every group, sorted by name. */
  groups(): LogGroup[] {
    return [...this.groupMap.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  group(name: string): LogGroup | undefined {
    return this.groupMap.get(name);
  }

  /** Creates a group; an existing one is returned unchanged (`created` false). */
  createGroup(name: string, tags: Record<string, string> = {}): { group: LogGroup; created: boolean } {
    const existing = this.groupMap.get(name);
    if (existing) return { group: existing, created: false };
    const g = new LogGroup(name, this.now());
    g.tags = { ...tags };
    this.groupMap.set(name, g);
    if (this.root) mkdirSync(groupDir(this.root, name), { recursive: true });
    this.saveMeta(g);
    return { group: g, created: true };
  }

  /** Removes a group, its streams and their files, once pending appends are done. */
  async deleteGroup(name: string): Promise<boolean> {
    const g = this.groupMap.get(name);
    if (!g) return false;
    this.groupMap.delete(name);
    for (const s of g.streams.values()) await this.closeFile(name, s.name);
    if (this.root) rmSync(groupDir(this.root, name), { recursive: true, force: true });
    return true;
  }

  /** Creates a stream in an existing group; an existing one is returned unchanged. */
  createStream(group: LogGroup, name: string): { stream: LogStream; created: boolean } {
    const existing = group.streams.get(name);
    if (existing) return { stream: existing, created: false };
    const s = new LogStream(name, this.now());
    group.streams.set(name, s);
    if (this.root) {
      writeFileSync(streamFile(this.root, group.name, name), '', { flag: 'a' });
      // The new file's name must outlive a power loss like the events later appended to it.
      syncDirSync(groupDir(this.root, group.name));
    }
    this.saveMeta(group);
    return { stream: s, created: true };
  }

  async deleteStream(group: LogGroup, name: string): Promise<boolean> {
    if (!group.streams.delete(name)) return false;
    await this.closeFile(group.name, name);
    if (this.root) rmSync(streamFile(this.root, group.name, name), { force: true });
    this.saveMeta(group);
    return true;
  }

  /**
   * Appends events (chronological within the call) to an existing stream:
   * visible at once, resolved once they are on disk.
   */
  appendEvents(group: LogGroup, stream: LogStream, events: readonly NewEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const now = this.now();
    const full = events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime ?? now }));
    stream.add(full);
    if (!this.root) return Promise.resolve();
    return this.file(group.name, stream.name).append(full.map(eventLine).join(''));
  }

  /** Flow log delivery: appends to `group`/`stream`, creating either when missing (as AWS does). */
  deliver(group: string, stream: string, events: readonly NewEvent[]): Promise<void> {
    const g = this.createGroup(group).group;
    const s = this.createStream(g, stream).stream;
    return this.appendEvents(g, s, events);
  }

  setRetention(group: LogGroup, days: number | undefined): void {
    group.retentionInDays = days;
    this.saveMeta(group);
  }

  setTags(group: LogGroup, tags: Record<string, string>): void {
    group.tags = { ...tags };
    this.saveMeta(group);
  }

  /** Adds or replaces (by name) a metric filter. */
  putMetricFilter(group: LogGroup, f: MetricFilterRecord): void {
    const i = group.metricFilters.findIndex((m) => m.filterName === f.filterName);
    if (i >= 0) group.metricFilters[i] = f;
    else group.metricFilters.push(f);
    this.saveMeta(group);
  }

  deleteMetricFilter(group: LogGroup, name: string): boolean {
    const i = group.metricFilters.findIndex((m) => m.filterName === name);
    if (i < 0) return false;
    group.metricFilters.splice(i, 1);
    this.saveMeta(group);
    return true;
  }

  /** Resolves once every acknowledged append is on disk; closes the files. */
  async close(): Promise<void> {
    for (const f of this.files.values()) await f.close();
    this.files.clear();
  }

  private file(group: string, stream: string): AppendFile {
    const key = `${group}\0${stream}`;
    let f = this.files.get(key);
    if (!f) this.files.set(key, (f = new AppendFile(streamFile(this.root!, group, stream))));
    return f;
  }

  private async closeFile(group: string, stream: string): Promise<void> {
    const key = `${group}\0${stream}`;
    const f = this.files.get(key);
    if (!f) return;
    this.files.delete(key);
    await f.close();
  }

  private saveMeta(g: LogGroup): void {
    if (this.root) writeMeta(metaFile(this.root, g.name), g.meta());
  }
}
