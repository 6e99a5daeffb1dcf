/** GetBucketPolicy, PutBucketPolicy, DeleteBucketPolicy: the policy is kept as the JSON text it was put with. */
import type { ServiceResponse } from '../../../server/types.ts';
import { type S3Context, existingBucket } from '../context.ts';
import { S3Error } from '../errors.ts';

const malformed = (why: string): S3Error => new S3Error('MalformedPolicy', why, 400);

/** The checks S3 makes before it looks at a policy's meaning: JSON, an object, with statements. */
export function checkPolicy(text: string): void {
  if (!text.trimStart().startsWith('{')) throw malformed("Policies must be valid JSON and the first byte must be '{'");
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { throw malformed('This policy contains invalid Json'); }
  const statement = (doc as { Statement?: unknown }).Statement;
  if (statement === undefined) throw malformed('Missing required field Statement');
  const list = Array.isArray(statement) ? statement : [statement];
  if (list.length === 0 || list.some((s) => typeof s !== 'object' || s === null)) throw malformed('Statement is invalid');
}

export function getBucketPolicy(ctx: S3Context): ServiceResponse {
  const name = existingBucket(ctx);
  const policy = ctx.store.getBucketPolicy(name);
  if (policy === undefined) throw new S3Error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: name });
  return { status: 200, headers: { 'content-type': 'application/json' }, body: policy };
}

export async function putBucketPolicy(ctx: S3Context): Promise<ServiceResponse> {
  const name = existingBucket(ctx);
  const text = (await ctx.req.body()).toString('utf8');
  checkPolicy(text);
  ctx.store.setBucketPolicy(name, text);
  return { status: 204 };
}

export function deleteBucketPolicy(ctx: S3Context): ServiceResponse {
  ctx.store.setBucketPolicy(existingBucket(ctx), undefined);
  return { status: 204 };
}
