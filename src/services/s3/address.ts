/**
 * Which bucket and key a request addresses. Path style: `/bucket/key`.
 * Virtual-host style: `Host: bucket.localhost:4566`, `bucket.s3.localhost`,
 * `bucket.s3.<region>.localhost` or `bucket.s3[.<region>].amazonaws.com`,
 * with the whole path as the key. The path is read from the raw request line,
 * since URL parsing would resolve the `..` segments S3 keys may contain.
 */
import { S3Error } from './errors.ts';

export interface Address { bucket?: string; key?: string }

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.");
  }
}

/** The bucket named by a Host header, if it is virtual-host style. */
export function hostBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (name.startsWith('[') || /^[\d.]+$/.test(name)) return undefined;
  const s3 = /^(.+?)\.s3(?:[.-][a-z0-9-]+)*\.(?:localhost|amazonaws\.com)$/.exec(name);
  if (s3) return s3[1];
  const local = /^(.+)\.localhost$/.exec(name);
  if (local && !/^s3([.-]|$)/.test(local[1]!)) return local[1];
  return undefined;
}

export function addressOf(rawUrl: string, host: string | undefined): Address {
  const q = rawUrl.indexOf('?');
  let path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  if (/^https?:\/\//i.test(path)) path = path.replace(/^https?:\/\/[^/]*/i, '');
  const vhost = hostBucket(host);
  if (vhost !== undefined) {
    const key = decode(path.replace(/^\//, ''));
    return key === '' ? { bucket: vhost } : { bucket: vhost, key };
  }
  const rest = path.replace(/^\//, '');
  if (rest === '') return {};
  const slash = rest.indexOf('/');
  if (slash < 0) return { bucket: decode(rest) };
  const bucket = decode(rest.slice(0, slash));
  const key = decode(rest.slice(slash + 1));
  return key === '' ? { bucket } : { bucket, key };
}
