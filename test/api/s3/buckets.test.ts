import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateBucketCommand, DeleteBucketCommand, GetBucketLocationCommand, HeadBucketCommand, ListBucketsCommand, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { expectAwsError } from '../support/errors.ts';
import { type S3TestServer, s3Client, startS3Server } from './support.ts';

let t: S3TestServer;
before(async () => { t = await startS3Server(); });
after(async () => { await t.close(); });

test('CreateBucket, HeadBucket, ListBuckets, GetBucketLocation', async () => {
  await t.s3.send(new CreateBucketCommand({ Bucket: 'alpha-bucket' }));
  const head = await t.s3.send(new HeadBucketCommand({ Bucket: 'alpha-bucket' }));
  assert.equal(head.BucketRegion, 'us-east-1');
  const list = await t.s3.send(new ListBucketsCommand({}));
  assert.ok(list.Buckets?.some((b) => b.Name === 'alpha-bucket' && b.CreationDate instanceof Date));
  assert.match(list.Owner?.ID ?? '', /^[0-9a-f]{64}$/);
  const loc = await t.s3.send(new GetBucketLocationCommand({ Bucket: 'alpha-bucket' }));
  assert.equal(loc.LocationConstraint, undefined);
});

test('in us-east-1 re-creating your own bucket succeeds (as AWS); elsewhere it is BucketAlreadyOwnedByYou', async () => {
  await t.s3.send(new CreateBucketCommand({ Bucket: 'alpha-bucket' }));
  const west = s3Client(t.server.url, { region: 'eu-west-1' });
  try {
    await west.send(new CreateBucketCommand({ Bucket: 'west-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const loc = await west.send(new GetBucketLocationCommand({ Bucket: 'west-bucket' }));
    assert.equal(loc.LocationConstraint, 'eu-west-1');
    await expectAwsError(west.send(new CreateBucketCommand({ Bucket: 'west-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })), 'BucketAlreadyOwnedByYou');
    // (the SDK fills LocationConstraint with the client's region when it is not us-east-1)
    await expectAwsError(west.send(new CreateBucketCommand({ Bucket: 'west-bucket-2', CreateBucketConfiguration: { LocationConstraint: 'ap-south-1' } })), 'IllegalLocationConstraintException');
    const inWest = await west.send(new ListBucketsCommand({ BucketRegion: 'eu-west-1' }));
    assert.deepEqual(inWest.Buckets?.map((b) => b.Name), ['west-bucket']);
  } finally { west.destroy(); }
});

test('bad bucket names are InvalidBucketName', async () => {
  for (const name of ['ab', 'Upper-Case', 'has..dots', '192.168.1.1', '-dash-first', 'x'.repeat(64)]) {
    await expectAwsError(t.s3.send(new CreateBucketCommand({ Bucket: name })), 'InvalidBucketName');
  }
});

test('HeadBucket of a missing bucket is NotFound; DeleteBucket NoSuchBucket, BucketNotEmpty, then works', async () => {
  const e = await expectAwsError(t.s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })), 'NotFound');
  assert.equal(e.$metadata?.httpStatusCode, 404);
  await expectAwsError(t.s3.send(new DeleteBucketCommand({ Bucket: 'no-such-bucket' })), 'NoSuchBucket');
  await t.s3.send(new CreateBucketCommand({ Bucket: 'to-delete' }));
  await t.s3.send(new PutObjectCommand({ Bucket: 'to-delete', Key: 'k', Body: 'x' }));
  await expectAwsError(t.s3.send(new DeleteBucketCommand({ Bucket: 'to-delete' })), 'BucketNotEmpty');
});

test('DeleteBucket of an empty bucket', async () => {
  await t.s3.send(new CreateBucketCommand({ Bucket: 'empty-one' }));
  await t.s3.send(new DeleteBucketCommand({ Bucket: 'empty-one' }));
  await expectAwsError(t.s3.send(new HeadBucketCommand({ Bucket: 'empty-one' })), 'NotFound');
});

test('ListBuckets error: a max-buckets out of range is InvalidArgument; GetBucketLocation error: NoSuchBucket', async () => {
  await expectAwsError(t.s3.send(new ListBucketsCommand({ MaxBuckets: 0 })), 'InvalidArgument');
  await expectAwsError(t.s3.send(new GetBucketLocationCommand({ Bucket: 'no-such-bucket' })), 'NoSuchBucket');
});

test('ListBuckets pages with max-buckets and a continuation token, and filters by prefix', async () => {
  for (const b of ['page-a', 'page-b', 'page-c']) await t.s3.send(new CreateBucketCommand({ Bucket: b }));
  const first = await t.s3.send(new ListBucketsCommand({ Prefix: 'page-', MaxBuckets: 2 }));
  assert.deepEqual(first.Buckets?.map((b) => b.Name), ['page-a', 'page-b']);
  assert.ok(first.ContinuationToken);
  const rest = await t.s3.send(new ListBucketsCommand({ Prefix: 'page-', MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
  assert.deepEqual(rest.Buckets?.map((b) => b.Name), ['page-c']);
  assert.equal(rest.ContinuationToken, undefined);
});
