/** Every implemented S3 action, by its API name (COVERAGE.md reads this table). */
import type { S3Handler } from '../context.ts';
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './buckets.ts';
import { deleteObject, deleteObjects } from './delete-objects.ts';
import { getObject, headObject } from './get-object.ts';
import { listObjects, listObjectsV2 } from './list-objects.ts';
import { deleteBucketPolicy, getBucketPolicy, putBucketPolicy } from './policy.ts';
import { putObject } from './put-object.ts';

export const S3_ACTIONS: Readonly<Record<string, S3Handler>> = {
  CreateBucket: createBucket,
  DeleteBucket: deleteBucket,
  DeleteBucketPolicy: deleteBucketPolicy,
  DeleteObject: deleteObject,
  DeleteObjects: deleteObjects,
  GetBucketLocation: getBucketLocation,
  GetBucketPolicy: getBucketPolicy,
  GetObject: getObject,
  HeadBucket: headBucket,
  HeadObject: headObject,
  ListBuckets: listBuckets,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  PutBucketPolicy: putBucketPolicy,
  PutObject: putObject,
};

/** Notes for COVERAGE.md. */
export const S3_NOTES: Readonly<Record<string, string>> = {
  GetObject: 'Range, If-Match/If-None-Match/If-Modified-Since/If-Unmodified-Since, x-amz-checksum-mode',
  ListObjectsV2: 'prefix, delimiter, max-keys, continuation-token, start-after, encoding-type=url, fetch-owner',
  ListObjects: 'prefix, delimiter, marker, max-keys, encoding-type=url',
  PutObject: 'plain and aws-chunked bodies; Content-MD5, x-amz-checksum-* (header or trailer) and x-amz-content-sha256 verified; If-None-Match: *',
};
