import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ListObjectsCommand, ListObjectsV2Command, PutObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { expectAwsError } from '../support/errors.ts';
import { type S3TestServer, startS3ServerWithBucket } from './support.ts';

const B = 'list-bucket';
const KEYS = [
  'AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/01/01/a.log.gz',
  'AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/01/02/b.log.gz',
  'AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/01/01/c.log.gz',
  'AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/01/01/d with space+plus.log.gz',
  'top.txt', 'ünï/code.txt', 'zz',
];
let t: S3TestServer;
before(async () => {
  t = await startS3ServerWithBucket(B);
  for (const Key of KEYS) await t.s3.send(new PutObjectCommand({ Bucket: B, Key, Body: Key }));
});
after(async () => { await t.close(); });

test('ListObjectsV2 lists every key in UTF-8 order with sizes and ETags', async () => {
  const r = await t.s3.send(new ListObjectsV2Command({ Bucket: B }));
  assert.equal(r.KeyCount, KEYS.length);
  assert.equal(r.IsTruncated, false);
  assert.deepEqual(r.Contents?.map((c) => c.Key), [...KEYS].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  const top = r.Contents?.find((c) => c.Key === 'top.txt');
  assert.equal(top?.Size, 7);
  assert.match(top?.ETag ?? '', /^"[0-9a-f]{32}"$/);
  assert.equal(top?.StorageClass, 'STANDARD');
});

test('ListObjectsV2 with prefix and delimiter rolls folders into CommonPrefixes', async () => {
  const r = await t.s3.send(new ListObjectsV2Command({ Bucket: B, Prefix: 'AWSLogs/123456789012/vpcflowlogs/', Delimiter: '/' }));
  assert.deepEqual(r.CommonPrefixes?.map((p) => p.Prefix), ['AWSLogs/123456789012/vpcflowlogs/eu-west-1/', 'AWSLogs/123456789012/vpcflowlogs/us-east-1/']);
  assert.equal(r.Contents, undefined);
  assert.equal(r.KeyCount, 2);
  const root = await t.s3.send(new ListObjectsV2Command({ Bucket: B, Delimiter: '/' }));
  assert.deepEqual(root.Contents?.map((c) => c.Key), ['top.txt', 'zz']);
  assert.deepEqual(root.CommonPrefixes?.map((p) => p.Prefix), ['AWSLogs/', 'ünï/']);
});

test('ListObjectsV2 pages with max-keys and continuation tokens; start-after skips', async () => {
  const seen: string[] = [];
  let pages = 0;
  for await (const page of paginateListObjectsV2({ client: t.s3, pageSize: 2 }, { Bucket: B })) {
    pages += 1;
    assert.ok((page.KeyCount ?? 0) <= 2);
    seen.push(...(page.Contents ?? []).map((c) => c.Key!));
  }
  assert.equal(pages, 4);
  assert.equal(seen.length, KEYS.length);
  const after = await t.s3.send(new ListObjectsV2Command({ Bucket: B, StartAfter: 'top.txt' }));
  assert.deepEqual(after.Contents?.map((c) => c.Key), ['zz', 'ünï/code.txt']);
  assert.equal(after.StartAfter, 'top.txt');
});

test('ListObjectsV2 with encoding-type=url encodes keys and prefixes (space as +, / kept)', async () => {
  const r = await t.s3.send(new ListObjectsV2Command({ Bucket: B, Prefix: 'AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/01/01/d', EncodingType: 'url' }));
  assert.equal(r.EncodingType, 'url');
  assert.deepEqual(r.Contents?.map((c) => c.Key), ['AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/01/01/d+with+space%2Bplus.log.gz']);
  const u = await t.s3.send(new ListObjectsV2Command({ Bucket: B, Prefix: 'ü', EncodingType: 'url' }));
  assert.deepEqual(u.Contents?.map((c) => c.Key), ['%C3%BCn%C3%AF/code.txt']);
  assert.equal(u.Prefix, '%C3%BC');
});

test('ListObjectsV2 error: NoSuchBucket; a bad max-keys or continuation token is InvalidArgument', async () => {
  await expectAwsError(t.s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })), 'NoSuchBucket');
  await expectAwsError(t.s3.send(new ListObjectsV2Command({ Bucket: B, ContinuationToken: '***' })), 'InvalidArgument');
});

test('ListObjects (v1) pages with marker; NextMarker comes with a delimiter', async () => {
  const first = await t.s3.send(new ListObjectsCommand({ Bucket: B, MaxKeys: 2 }));
  assert.equal(first.IsTruncated, true);
  assert.equal(first.NextMarker, undefined);
  assert.ok(first.Contents?.[0]?.Owner?.ID);
  const rest = await t.s3.send(new ListObjectsCommand({ Bucket: B, Marker: first.Contents![1]!.Key }));
  assert.equal((first.Contents?.length ?? 0) + (rest.Contents?.length ?? 0), KEYS.length);
  const d = await t.s3.send(new ListObjectsCommand({ Bucket: B, Delimiter: '/', MaxKeys: 1 }));
  assert.equal(d.NextMarker, 'AWSLogs/');
  const d2 = await t.s3.send(new ListObjectsCommand({ Bucket: B, Delimiter: '/', Marker: d.NextMarker }));
  assert.deepEqual(d2.Contents?.map((c) => c.Key), ['top.txt', 'zz']);
  assert.deepEqual(d2.CommonPrefixes?.map((p) => p.Prefix), ['ünï/']);
});

test('ListObjects error: NoSuchBucket', async () => {
  await expectAwsError(t.s3.send(new ListObjectsCommand({ Bucket: 'no-such-bucket' })), 'NoSuchBucket');
});
