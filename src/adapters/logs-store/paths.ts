/**
 * Where a log store keeps its files, in the layout `vpcflow run` writes:
 *
 *   ROOT/cloudwatch/<encodeURIComponent(group)>/<encodeURIComponent(stream)>.jsonl
 *   ROOT/cloudwatch/<encodeURIComponent(group)>/.group.json   (hidden: the store's readers skip it)
 *
 * A leading `.` is written `%2E` so that no name becomes a hidden or a relative path.
 */
import { join } from 'node:path';

export const META_FILE = '.group.json';
export const EVENTS_SUFFIX = '.jsonl';

export function encodeSegment(name: string): string {
  const e = encodeURIComponent(name);
  return e.startsWith('.') ? `%2E${e.slice(1)}` : e;
}

/** The name a folder or file stands for; undefined when it is no encoding of ours. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export const cloudwatchDir = (root: string): string => join(root, 'cloudwatch');
export const groupDir = (root: string, group: string): string => join(cloudwatchDir(root), encodeSegment(group));
export const streamFile = (root: string, group: string, stream: string): string => join(groupDir(root, group), `${encodeSegment(stream)}${EVENTS_SUFFIX}`);
export const metaFile = (root: string, group: string): string => join(groupDir(root, group), META_FILE);
