/** CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation. */
import { bucketNameProblem } from '../../../adapters/s3-store/index.ts';
import { type S3Context, XML_HEADERS, canonicalId, existingBucket, isoDate } from '../context.ts';
import { S3Error, invalidArgument } from '../errors.ts';
import { child, document, el, parseXml } from '../xml.ts';
import type { ServiceResponse } from '../../../server/types.ts';

const US_EAST_1 = 'us-east-1';

async function locationConstraint(ctx: S3Context): Promise<string | undefined> {
  const body = (await ctx.req.body()).toString('utf8').trim();
  if (body === '') return undefined;
  const root = parseXml(body);
  if (root.name !== 'CreateBucketConfiguration') throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const lc = child(root, 'LocationConstraint');
  return lc ? lc.text.trim() : undefined;
}

export async function createBucket(ctx: S3Context): Promise<ServiceResponse> {
  const name = ctx.bucket ?? '';
  const problem = bucketNameProblem(name);
  if (problem) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  const asked = await locationConstraint(ctx);
  const region = ctx.req.region;
  if (asked === US_EAST_1) throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: asked });
  const target = asked || US_EAST_1;
  if (target !== region) {
    const msg = asked
      ? `The ${asked} location constraint is incompatible for the region specific endpoint this request was sent to.`
      : 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.';
    throw new S3Error('IllegalLocationConstraintException', msg, 400);
  }
  const existing = ctx.store.getBucket(name);
  if (existing) {
    if (existing.owner !== ctx.req.account) {
      throw new S3Error('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409, { BucketName: name });
    }
    // In us-east-1 AWS answers 200 to the owner re-creating a bucket; elsewhere it refuses.
    if (existing.region !== US_EAST_1 || region !== US_EAST_1) {
      throw new S3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: name });
    }
  } else ctx.store.createBucket(name, target, ctx.req.account);
  return { status: 200, headers: { location: `/${name}` } };
}

export function headBucket(ctx: S3Context): ServiceResponse {
  const b = ctx.store.getBucket(existingBucket(ctx))!;
  return { status: 200, headers: { 'x-amz-bucket-region': b.region, 'x-amz-access-point-alias': 'false' } };
}

export function deleteBucket(ctx: S3Context): ServiceResponse {
  const name = existingBucket(ctx);
  if (ctx.store.objectCount(name) > 0) {
    throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: name });
  }
  ctx.store.deleteBucket(name);
  return { status: 204 };
}

export function listBuckets(ctx: S3Context): ServiceResponse {
  const prefix = ctx.query.get('prefix') ?? '';
  const regionFilter = ctx.query.get('bucket-region');
  const maxRaw = ctx.query.get('max-buckets');
  const max = maxRaw === null ? 10000 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 10000) throw invalidArgument('Invalid max-buckets', 'max-buckets', maxRaw ?? '');
  const after = ctx.query.get('continuation-token') ?? '';
  const all = ctx.store.listBuckets().filter((b) => b.name.startsWith(prefix) && (!regionFilter || b.region === regionFilter) && b.name > after);
  const page = all.slice(0, max);
  const more = all.length > page.length;
  const items = page.map((b) => `<Bucket>${el('Name', b.name)}${el('CreationDate', isoDate(b.created))}${el('BucketRegion', b.region)}</Bucket>`).join('');
  const inner = `<Owner>${el('ID', canonicalId(ctx.req.account))}</Owner><Buckets>${items}</Buckets>`
    + (more ? el('ContinuationToken', page[page.length - 1]!.name) : '') + (prefix ? el('Prefix', prefix) : '');
  return { status: 200, headers: XML_HEADERS, body: document('ListAllMyBucketsResult', inner) };
}

export function getBucketLocation(ctx: S3Context): ServiceResponse {
  const b = ctx.store.getBucket(existingBucket(ctx))!;
  const region = b.region === US_EAST_1 ? '' : b.region;
  return { status: 200, headers: XML_HEADERS, body: document('LocationConstraint', region.replace(/[&<>]/g, '')) };
}
