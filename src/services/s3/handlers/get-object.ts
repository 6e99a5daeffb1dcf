/** GetObject and HeadObject: headers from the sidecar, bytes streamed from disk, ranges, conditional requests. */
import { createReadStream } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { type ObjectMeta, etagOf } from '../../../adapters/s3-store/index.ts';
import type { ServiceResponse } from '../../../server/types.ts';
import { type S3Context, existingBucket, httpDate } from '../context.ts';
import { S3Error, noSuchKey } from '../errors.ts';
import { parseRange } from '../range.ts';

const one = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

function etagMatches(list: string, meta: ObjectMeta): boolean {
  return list.split(',').map((s) => s.trim()).some((t) => t === '*' || t === etagOf(meta) || t === meta.md5);
}

/** Seconds resolution, as Last-Modified carries. */
const seconds = (ms: number): number => Math.floor(ms / 1000);

/** 304/412 as S3 answers conditional requests; undefined to go on. */
function conditional(h: IncomingHttpHeaders, meta: ObjectMeta): ServiceResponse | undefined {
  const ifMatch = one(h, 'if-match');
  const ifNoneMatch = one(h, 'if-none-match');
  const since = one(h, 'if-modified-since');
  const unmodified = one(h, 'if-unmodified-since');
  const failed = (c: string) => new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: c });
  if (ifMatch !== undefined && !etagMatches(ifMatch, meta)) throw failed('If-Match');
  if (ifMatch === undefined && unmodified !== undefined && !Number.isNaN(Date.parse(unmodified)) && seconds(meta.lastModified) > seconds(Date.parse(unmodified))) {
    throw failed('If-Unmodified-Since');
  }
  const notModified: ServiceResponse = { status: 304, headers: { etag: etagOf(meta), 'last-modified': httpDate(meta.lastModified) } };
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, meta) ? notModified : undefined;
  if (since !== undefined && !Number.isNaN(Date.parse(since)) && seconds(meta.lastModified) <= seconds(Date.parse(since))) return notModified;
  return undefined;
}

function objectHeaders(ctx: S3Context, meta: ObjectMeta, whole: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    etag: etagOf(meta), 'last-modified': httpDate(meta.lastModified), 'content-type': meta.contentType,
    'accept-ranges': 'bytes',
  };
  if (meta.contentEncoding) headers['content-encoding'] = meta.contentEncoding;
  if (meta.contentDisposition) headers['content-disposition'] = meta.contentDisposition;
  if (meta.cacheControl) headers['cache-control'] = meta.cacheControl;
  for (const [k, v] of Object.entries(meta.userMetadata)) headers[`x-amz-meta-${k}`] = v;
  // Checksums describe the whole object, so a range gets none (as in S3).
  if (whole && one(ctx.req.headers, 'x-amz-checksum-mode') === 'ENABLED') {
    for (const [alg, v] of Object.entries(meta.checksums)) headers[`x-amz-checksum-${alg}`] = v;
    if (Object.keys(meta.checksums).length > 0) headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  return headers;
}

function respond(ctx: S3Context, withBody: boolean): ServiceResponse {
  const bucket = existingBucket(ctx);
  const key = ctx.key!;
  const obj = ctx.store.getObject(bucket, key);
  if (!obj) throw noSuchKey(key);
  const { meta, path } = obj;
  const cond = conditional(ctx.req.headers, meta);
  if (cond) return cond;
  const range = parseRange(one(ctx.req.headers, 'range'), meta.size);
  const headers = objectHeaders(ctx, meta, range === undefined);
  const start = range?.start ?? 0;
  const end = range?.end ?? meta.size - 1;
  headers['content-length'] = String(end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${meta.size}`;
  const status = range ? 206 : 200;
  if (!withBody || end < start) return { status, headers, ...(withBody ? { body: new Uint8Array(0) } : {}) };
  return { status, headers, body: createReadStream(path, { start, end }) };
}

export const getObject = (ctx: S3Context): ServiceResponse => respond(ctx, true);
export const headObject = (ctx: S3Context): ServiceResponse => respond(ctx, false);
