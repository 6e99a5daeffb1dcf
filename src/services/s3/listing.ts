/**
 * One page of a bucket listing, as ListObjects and ListObjectsV2 compute it:
 * keys after a marker, under a prefix, with keys that share a part up to the
 * delimiter rolled up into one common prefix. Each key and each common prefix
 * counts once toward max-keys.
 */
import { compareKeys, firstAfter, lowerBound } from '../../adapters/s3-store/index.ts';

export interface ListQuery {
  prefix: string;
  delimiter: string;
  /** List only what sorts after this (a marker, start-after, or a page's last entry). */
  after: string;
  maxKeys: number;
}

export interface ListPage {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix of the page: where the next page starts after. */
  last: string | undefined;
}

export function listPage(sorted: readonly string[], q: ListQuery): ListPage {
  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let isTruncated = false;
  const from = Math.max(firstAfter(sorted, q.after), lowerBound(sorted, q.prefix));
  for (let i = from; i < sorted.length; i++) {
    const key = sorted[i]!;
    if (!key.startsWith(q.prefix)) {
      if (compareKeys(key, q.prefix) > 0) break;
      continue;
    }
    let entry = key;
    let isPrefix = false;
    if (q.delimiter !== '') {
      const at = key.indexOf(q.delimiter, q.prefix.length);
      if (at >= 0) {
        entry = key.slice(0, at + q.delimiter.length);
        isPrefix = true;
        if (entry === last || compareKeys(entry, q.after) <= 0) continue;
      }
    }
    if (keys.length + commonPrefixes.length >= q.maxKeys) { isTruncated = true; break; }
    (isPrefix ? commonPrefixes : keys).push(entry);
    last = entry;
  }
  return { keys, commonPrefixes, isTruncated, last };
}

/** `encoding-type=url`: what botocore undoes with unquote_plus (`/` kept, space as `+`). */
export function urlEncodeKey(s: string): string {
  return encodeURIComponent(s).replace(/%2F/g, '/').replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
