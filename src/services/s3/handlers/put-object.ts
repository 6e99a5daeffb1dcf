/**
 * PutObject: the body streams to a temporary file (decoded first when it is
 * aws-chunked) while its checksums are computed; only a body that arrived
 * whole and matches every checksum sent is committed under its key.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { type ObjectAttributes, etagOf } from '../../../adapters/s3-store/index.ts';
import { isErrorLike } from '../../../server/errors.ts';
import type { ServiceResponse } from '../../../server/types.ts';
import { decodeAwsChunked } from '../aws-chunked.ts';
import { type S3Context, existingBucket } from '../context.ts';
import { S3Error, noSuchBucket } from '../errors.ts';
import { UploadChecks } from '../upload-checks.ts';

/** S3's largest single PUT. */
export const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
export const MAX_KEY_BYTES = 1024;

const one = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

function isAwsChunked(h: IncomingHttpHeaders): boolean {
  const enc = one(h, 'content-encoding') ?? '';
  return enc.split(',').some((e) => e.trim() === 'aws-chunked') || (one(h, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-');
}

export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError', 'Your key is too long', 400, { Size: String(Buffer.byteLength(key)), MaxSizeAllowed: String(MAX_KEY_BYTES) });
}

function attributes(h: IncomingHttpHeaders, checksums: Record<string, string>): ObjectAttributes {
  const userMetadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(h)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') userMetadata[name.slice('x-amz-meta-'.length)] = value;
  }
  const encoding = (one(h, 'content-encoding') ?? '').split(',').map((e) => e.trim()).filter((e) => e && e !== 'aws-chunked').join(', ');
  return {
    contentType: one(h, 'content-type') || 'binary/octet-stream',
    ...(encoding ? { contentEncoding: encoding } : {}),
    ...(one(h, 'content-disposition') ? { contentDisposition: one(h, 'content-disposition')! } : {}),
    ...(one(h, 'cache-control') ? { cacheControl: one(h, 'cache-control')! } : {}),
    userMetadata, checksums,
  };
}

export async function putObject(ctx: S3Context): Promise<ServiceResponse> {
  const raw = ctx.req.raw;
  const h = ctx.req.headers;
  const bucket = existingBucket(ctx);
  const key = ctx.key!;
  checkKey(key);
  if (one(h, 'if-none-match') === '*' && ctx.store.getObject(bucket, key)) {
    throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: 'If-None-Match' });
  }
  const checks = new UploadChecks(h);
  const chunked = isAwsChunked(h);
  const declared = one(h, chunked ? 'x-amz-decoded-content-length' : 'content-length');
  if (declared !== undefined && Number(declared) > MAX_OBJECT_BYTES) {
    throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, { ProposedSize: declared, MaxSizeAllowed: String(MAX_OBJECT_BYTES) });
  }
  const trailers = new Map<string, string>();
  const source: AsyncIterable<Buffer> = chunked ? decodeAwsChunked(raw, trailers) : raw;
  const upload = ctx.store.beginUpload(bucket, key);
  let checksums: Record<string, string>;
  try {
    for await (const chunk of source) {
      if (upload.size + chunk.length > MAX_OBJECT_BYTES) throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400);
      upload.write(chunk);
      checks.update(chunk);
    }
    if (!raw.complete) throw new S3Error('IncompleteBody', 'The request body terminated unexpectedly');
    if (chunked && declared !== undefined && Number(declared) !== upload.size) {
      throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header', 400);
    }
    checksums = checks.verify(upload.finish(), trailers);
    // The bucket was deleted while the bytes arrived (it was empty then).
    if (!ctx.store.bucketExists(bucket)) throw noSuchBucket(bucket);
  } catch (err) {
    upload.abort();
    raw.resume();
    // The client went away mid-body: its error, not ours.
    if (!isErrorLike(err) && !raw.complete) throw new S3Error('IncompleteBody', 'The request body terminated unexpectedly');
    throw err;
  }
  const meta = ctx.store.commitUpload(bucket, key, upload, attributes(h, checksums));
  const headers: Record<string, string> = { etag: etagOf(meta) };
  for (const [alg, v] of Object.entries(checksums)) headers[`x-amz-checksum-${alg}`] = v;
  if (Object.keys(checksums).length > 0) headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  return { status: 200, headers };
}
