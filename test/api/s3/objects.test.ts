import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import {
  DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { expectAwsError } from '../support/errors.ts';
import { type S3TestServer, objectFile, startS3ServerWithBucket } from './support.ts';

const B = 'objects-bucket';
let t: S3TestServer;
before(async () => { t = await startS3ServerWithBucket(B); });
after(async () => { await t.close(); });

const text = async (body: { transformToString(): Promise<string> } | undefined): Promise<string> => (body ? body.transformToString() : '');

test('PutObject and GetObject round-trip bytes, type, metadata and the MD5 ETag; the file is at s3/<bucket>/<key>', async () => {
  const put = await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'dir/a b+ü.txt', Body: 'hello world', ContentType: 'text/plain', Metadata: { owner: 'me' } }));
  assert.equal(put.ETag, '"5eb63bbbe01eeed093cb22bb8f5acdc3"');
  assert.ok(put.ChecksumCRC32, 'the SDK checksum is echoed');
  const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'dir/a b+ü.txt' }));
  assert.equal(await text(got.Body), 'hello world');
  assert.equal(got.ContentType, 'text/plain');
  assert.equal(got.ContentLength, 11);
  assert.equal(got.ETag, put.ETag);
  assert.deepEqual(got.Metadata, { owner: 'me' });
  assert.ok(got.LastModified instanceof Date);
  assert.equal(readFileSync(objectFile(t.dataDir, B, 'dir/a b+ü.txt'), 'utf8'), 'hello world');
});

test('PutObject with a stream body (aws-chunked, trailing CRC32) stores the decoded bytes', async () => {
  const body = Readable.from([Buffer.from('hello '), Buffer.from('stream')]);
  await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'streamed.txt', Body: body, ContentLength: 12 }));
  const head = await t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'streamed.txt' }));
  assert.equal(head.ContentLength, 12);
  const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'streamed.txt', ChecksumMode: 'ENABLED' }));
  assert.equal(await text(got.Body), 'hello stream');
  assert.equal(got.ChecksumCRC32, 'gtnkmQ==');
});

test('a larger stream upload (3 MiB in 64 KiB pieces) comes back byte for byte', async () => {
  const pieces = Array.from({ length: 48 }, (_, i) => Buffer.alloc(65536, i));
  await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'big.bin', Body: Readable.from(pieces), ContentLength: 48 * 65536, ChecksumAlgorithm: 'SHA256' }));
  const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'big.bin' }));
  assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(pieces)));
});

test('PutObject error: a wrong x-amz-checksum-crc32 is BadDigest, a wrong Content-MD5 BadDigest, a malformed one InvalidDigest; nothing is stored', async () => {
  await expectAwsError(t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'bad.txt', Body: 'abc', ChecksumCRC32: 'AAAAAA==' })), 'BadDigest');
  await expectAwsError(t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'bad.txt', Body: 'abc', ContentMD5: Buffer.alloc(16).toString('base64') })), 'BadDigest');
  await expectAwsError(t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'bad.txt', Body: 'abc', ContentMD5: 'nope' })), 'InvalidDigest');
  await expectAwsError(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'bad.txt' })), 'NotFound');
});

test('PutObject error: a missing bucket is NoSuchBucket; a key over 1024 bytes KeyTooLongError', async () => {
  await expectAwsError(t.s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })), 'NoSuchBucket');
  await expectAwsError(t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'k'.repeat(1025), Body: 'x' })), 'KeyTooLongError');
});

test('GetObject ranges: a-b, a-, -n answer 206 with Content-Range; past the end is InvalidRange', async () => {
  await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'digits', Body: '0123456789' }));
  for (const [range, want, cr] of [['bytes=2-4', '234', 'bytes 2-4/10'], ['bytes=7-', '789', 'bytes 7-9/10'], ['bytes=-3', '789', 'bytes 7-9/10'], ['bytes=8-100', '89', 'bytes 8-9/10']] as const) {
    const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'digits', Range: range }));
    assert.equal(await text(got.Body), want, range);
    assert.equal(got.ContentRange, cr);
    assert.equal(got.$metadata.httpStatusCode, 206);
  }
  const e = await expectAwsError(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'digits', Range: 'bytes=10-' })), 'InvalidRange');
  assert.equal(e.$metadata?.httpStatusCode, 416);
});

test('GetObject conditionals: If-None-Match with the ETag is 304, If-Match with another is PreconditionFailed', async () => {
  const put = await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'cond', Body: 'c' }));
  // A 304 has no body, so the SDK cannot name it; its status is what counts.
  await assert.rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'cond', IfNoneMatch: put.ETag })),
    (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode === 304);
  const fresh = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'cond', IfNoneMatch: '"other"' }));
  assert.equal(await text(fresh.Body), 'c');
  await expectAwsError(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'cond', IfMatch: '"0000"' })), 'PreconditionFailed');
});

test('GetObject error: NoSuchKey; HeadObject error: NotFound (a 404 with no body)', async () => {
  await expectAwsError(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'missing' })), 'NoSuchKey');
  await expectAwsError(t.s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'missing' })), 'NoSuchBucket');
  const e = await expectAwsError(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'missing' })), 'NotFound');
  assert.equal(e.$metadata?.httpStatusCode, 404);
});

test('HeadObject gives the size, ETag and type without the body', async () => {
  await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'h.json', Body: '{}', ContentType: 'application/json' }));
  const h = await t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'h.json' }));
  assert.equal(h.ContentLength, 2);
  assert.equal(h.ContentType, 'application/json');
  assert.equal(h.ETag, '"99914b932bd37a50b983c5e7c90ae93b"');
});

test('keys with .., empty segments, a trailing slash or a file-and-folder clash are stored and never leave the bucket', async () => {
  const keys = ['../../escape', 'x/./y', 'x//y', 'folder/', 'clash', 'clash/inner', '.hidden.1.2.tmp'];
  for (const key of keys) await t.s3.send(new PutObjectCommand({ Bucket: B, Key: key, Body: `v:${key}` }));
  for (const key of keys) {
    const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: key }));
    assert.equal(await text(got.Body), `v:${key}`);
  }
  assert.throws(() => readFileSync(objectFile(t.dataDir, '..', 'escape')));
});

test('DeleteObject is idempotent; DeleteObject error: NoSuchBucket', async () => {
  await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'gone', Body: 'x' }));
  await t.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'gone' }));
  await t.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'gone' }));
  await expectAwsError(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'gone' })), 'NotFound');
  await expectAwsError(t.s3.send(new DeleteObjectCommand({ Bucket: 'no-such-bucket', Key: 'gone' })), 'NoSuchBucket');
});

test('DeleteObjects deletes a list, reports Deleted (none in Quiet mode) and per-key errors', async () => {
  for (const k of ['d1', 'd2', 'd3']) await t.s3.send(new PutObjectCommand({ Bucket: B, Key: k, Body: k }));
  const r = await t.s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'd1' }, { Key: 'never-was' }, { Key: 'd2', VersionId: 'v123' }] } }));
  assert.deepEqual(r.Deleted?.map((d) => d.Key), ['d1', 'never-was']);
  assert.deepEqual(r.Errors?.map((e) => [e.Key, e.Code]), [['d2', 'NoSuchVersion']]);
  const quiet = await t.s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Quiet: true, Objects: [{ Key: 'd2' }, { Key: 'd3' }] } }));
  assert.equal(quiet.Deleted, undefined);
  await expectAwsError(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'd3' })), 'NotFound');
});

test('DeleteObjects error: NoSuchBucket', async () => {
  await expectAwsError(t.s3.send(new DeleteObjectsCommand({ Bucket: 'no-such-bucket', Delete: { Objects: [{ Key: 'a' }] } })), 'NoSuchBucket');
});

test('concurrent PutObjects of one key and of many keys: every one acknowledged, the key holds one whole version', async () => {
  const bodies = Array.from({ length: 20 }, (_, i) => `version ${i} `.repeat(1000));
  await Promise.all([
    ...bodies.map((Body) => t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'contended', Body }))),
    ...bodies.map((Body, i) => t.s3.send(new PutObjectCommand({ Bucket: B, Key: `many/${i}`, Body }))),
  ]);
  const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'contended' }));
  const body = await text(got.Body);
  assert.ok(bodies.includes(body));
  const head = await t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'contended' }));
  assert.equal(head.ContentLength, Buffer.byteLength(body));
  for (let i = 0; i < bodies.length; i++) {
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: `many/${i}` }))).Body), bodies[i]);
  }
});
