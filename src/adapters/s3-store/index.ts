/**
 * The S3 object store, for the S3 API and for flow log delivery:
 * `openS3Store({ root, account, region })`, then `bucketExists`,
 * `putObject(bucket, key, bytes, attrs)`, `getBucketPolicy`/`setBucketPolicy`.
 */
export { S3Store, type StoredObject } from './store.ts';
export { openS3Store, type OpenOptions } from './load.ts';
export { bucketNameProblem, isValidBucketName } from './bucket-name.ts';
export { compareKeys, firstAfter, lowerBound } from './keys.ts';
export { ObjectUpload } from './upload.ts';
export { type BucketInfo, type ObjectAttributes, type ObjectMeta, etagOf } from './types.ts';
