/**
 * Whether a key's natural path (`s3/<bucket>/<key>`) is usable right now:
 * every folder on the way must be a real folder (or not exist yet) and the
 * name itself must not be a folder. S3 allows both `a` and `a/b` as keys; the
 * file system does not, so the second one to arrive is kept hashed.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

function kind(path: string): 'none' | 'dir' | 'other' {
  try {
    const st = lstatSync(path);
    return st.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'none';
  }
}

/** Creates the folders of a natural path and returns it, or undefined if the key must be hashed. */
export function prepareNaturalPath(bucketDir: string, segments: readonly string[]): string | undefined {
  let dir = bucketDir;
  for (const seg of segments.slice(0, -1)) {
    dir = join(dir, seg);
    const k = kind(dir);
    if (k === 'other') return undefined;
    if (k === 'none') {
      try { mkdirSync(dir); } catch { if (kind(dir) !== 'dir') return undefined; }
    }
  }
  const path = join(dir, segments[segments.length - 1]!);
  return kind(path) === 'dir' ? undefined : path;
}
