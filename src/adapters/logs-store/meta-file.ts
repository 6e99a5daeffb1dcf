/** A group's `.group.json`, replaced atomically (temporary file, fsync, rename). */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { syncDirSync } from '../destinations/atomic.ts';
import type { GroupMeta } from './types.ts';

export function writeMeta(path: string, meta: GroupMeta): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(meta)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDirSync(dirname(path));
}

/** The metadata, or undefined when the file is missing or unreadable (the group then gets defaults). */
export function readMeta(path: string): GroupMeta | undefined {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const m = v as Partial<GroupMeta>;
  if (typeof m.logGroupName !== 'string' || typeof m.creationTime !== 'number') return undefined;
  return {
    logGroupName: m.logGroupName, creationTime: m.creationTime,
    ...(typeof m.retentionInDays === 'number' ? { retentionInDays: m.retentionInDays } : {}),
    tags: typeof m.tags === 'object' && m.tags !== null ? m.tags : {},
    metricFilters: Array.isArray(m.metricFilters) ? m.metricFilters : [],
    streams: typeof m.streams === 'object' && m.streams !== null ? m.streams : {},
  };
}
