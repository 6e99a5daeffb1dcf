/** ListObjectsV2 and ListObjects (v1) over `listPage`. */
import { etagOf } from '../../../adapters/s3-store/index.ts';
import type { ServiceResponse } from '../../../server/types.ts';
import { type S3Context, XML_HEADERS, canonicalId, existingBucket, isoDate } from '../context.ts';
import { invalidArgument } from '../errors.ts';
import { type ListPage, listPage, urlEncodeKey } from '../listing.ts';
import { document, el } from '../xml.ts';

interface Common { bucket: string; prefix: string; delimiter: string; maxKeys: number; encode: (s: string) => string; encodingType: string | undefined }

function common(ctx: S3Context): Common {
  const bucket = existingBucket(ctx);
  const raw = ctx.query.get('max-keys');
  const maxKeys = raw === null ? 1000 : Number(raw);
  if (raw !== null && (!/^\d+$/.test(raw) || !Number.isSafeInteger(maxKeys))) {
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  }
  const encodingType = ctx.query.get('encoding-type') ?? undefined;
  if (encodingType !== undefined && encodingType !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  return {
    bucket, prefix: ctx.query.get('prefix') ?? '', delimiter: ctx.query.get('delimiter') ?? '',
    maxKeys: Math.min(maxKeys, 1000), encodingType, encode: encodingType ? urlEncodeKey : (s) => s,
  };
}

function contents(ctx: S3Context, c: Common, page: ListPage, owner: boolean): string {
  const ownerXml = owner ? `<Owner>${el('ID', canonicalId(ctx.req.account))}</Owner>` : '';
  const items = page.keys.map((key) => {
    const m = ctx.store.getObject(c.bucket, key)!.meta;
    return `<Contents>${el('Key', c.encode(key))}${el('LastModified', isoDate(m.lastModified))}${el('ETag', etagOf(m))}${el('Size', m.size)}${ownerXml}${el('StorageClass', 'STANDARD')}</Contents>`;
  }).join('');
  return items + page.commonPrefixes.map((p) => `<CommonPrefixes>${el('Prefix', c.encode(p))}</CommonPrefixes>`).join('');
}

const opt = (name: string, v: string, encode: (s: string) => string): string => (v === '' ? '' : el(name, encode(v)));

function tokenOf(after: string): string { return Buffer.from(after, 'utf8').toString('base64url'); }

function afterToken(token: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  return Buffer.from(token, 'base64url').toString('utf8');
}

export function listObjectsV2(ctx: S3Context): ServiceResponse {
  const c = common(ctx);
  const token = ctx.query.get('continuation-token');
  const startAfter = ctx.query.get('start-after') ?? '';
  const after = token !== null ? afterToken(token) : startAfter;
  const page = listPage(ctx.store.sortedKeys(c.bucket), { prefix: c.prefix, delimiter: c.delimiter, after, maxKeys: c.maxKeys });
  const owner = ctx.query.get('fetch-owner') === 'true';
  const inner = el('Name', c.bucket) + el('Prefix', c.encode(c.prefix))
    + (token !== null ? el('ContinuationToken', token) : '')
    + (page.isTruncated && page.last !== undefined ? el('NextContinuationToken', tokenOf(page.last)) : '')
    + el('KeyCount', page.keys.length + page.commonPrefixes.length) + el('MaxKeys', c.maxKeys)
    + opt('Delimiter', c.delimiter, c.encode) + el('IsTruncated', page.isTruncated)
    + opt('StartAfter', startAfter, c.encode) + el('EncodingType', c.encodingType)
    + contents(ctx, c, page, owner);
  return { status: 200, headers: XML_HEADERS, body: document('ListBucketResult', inner) };
}

export function listObjects(ctx: S3Context): ServiceResponse {
  const c = common(ctx);
  const marker = ctx.query.get('marker') ?? '';
  const page = listPage(ctx.store.sortedKeys(c.bucket), { prefix: c.prefix, delimiter: c.delimiter, after: marker, maxKeys: c.maxKeys });
  // AWS gives NextMarker only with a delimiter; without one the client resumes after the last key.
  const next = c.delimiter !== '' && page.isTruncated && page.last !== undefined ? el('NextMarker', c.encode(page.last)) : '';
  const inner = el('Name', c.bucket) + el('Prefix', c.encode(c.prefix)) + el('Marker', c.encode(marker)) + next
    + el('MaxKeys', c.maxKeys) + opt('Delimiter', c.delimiter, c.encode) + el('IsTruncated', page.isTruncated)
    + el('EncodingType', c.encodingType) + contents(ctx, c, page, true);
  return { status: 200, headers: XML_HEADERS, body: document('ListBucketResult', inner) };
}
