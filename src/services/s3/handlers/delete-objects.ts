/** DeleteObject (idempotent) and DeleteObjects (XML list, Quiet mode, per-key errors). */
import { createHash } from 'node:crypto';
import type { ServiceResponse } from '../../../server/types.ts';
import { type S3Context, XML_HEADERS, existingBucket } from '../context.ts';
import { malformedXml } from '../errors.ts';
import { UploadChecks } from '../upload-checks.ts';
import { child, children, document, el, parseXml } from '../xml.ts';
import { MAX_KEY_BYTES } from './put-object.ts';

export function deleteObject(ctx: S3Context): ServiceResponse {
  const bucket = existingBucket(ctx);
  ctx.store.deleteObject(bucket, ctx.key!);
  return { status: 204 };
}

interface Outcome { key: string; error?: { code: string; message: string } }

export async function deleteObjects(ctx: S3Context): Promise<ServiceResponse> {
  const bucket = existingBucket(ctx);
  const body = await ctx.req.body();
  const checks = new UploadChecks(ctx.req.headers);
  checks.update(body);
  checks.verify(createHash('md5').update(body).digest('hex'), new Map());
  const root = parseXml(body.toString('utf8'));
  if (root.name !== 'Delete') throw malformedXml();
  const objects = children(root, 'Object');
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const quiet = child(root, 'Quiet')?.text.trim() === 'true';
  const outcomes: Outcome[] = objects.map((o) => {
    const keyNode = child(o, 'Key');
    if (!keyNode) throw malformedXml();
    const key = keyNode.text;
    const version = child(o, 'VersionId')?.text;
    if (Buffer.byteLength(key) > MAX_KEY_BYTES) return { key, error: { code: 'KeyTooLongError', message: 'Your key is too long' } };
    if (version !== undefined && version !== 'null') return { key, error: { code: 'NoSuchVersion', message: 'The specified version does not exist.' } };
    ctx.store.deleteObject(bucket, key);
    return { key };
  });
  const xml = outcomes.map((o) => (o.error
    ? `<Error>${el('Key', o.key)}${el('Code', o.error.code)}${el('Message', o.error.message)}</Error>`
    : quiet ? '' : `<Deleted>${el('Key', o.key)}</Deleted>`)).join('');
  return { status: 200, headers: XML_HEADERS, body: document('DeleteResult', xml) };
}
