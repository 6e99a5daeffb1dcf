import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateBucketCommand, GetBucketPolicyCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { expectAwsError } from '../support/errors.ts';
import { ACCOUNT, newDataDir, objectFile, startS3Server } from './support.ts';

const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"delivery.logs.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::keep-bucket/AWSLogs/123456789012/*"}]}';

test('buckets, objects (odd keys too), metadata and policies survive a restart over the same data folder', async () => {
  const dir = newDataDir();
  const first = await startS3Server(dir);
  await first.s3.send(new CreateBucketCommand({ Bucket: 'keep-bucket' }));
  await first.s3.send(new PutObjectCommand({ Bucket: 'keep-bucket', Key: 'AWSLogs/x.log', Body: 'line\n', ContentType: 'text/plain', Metadata: { a: 'b' } }));
  await first.s3.send(new PutObjectCommand({ Bucket: 'keep-bucket', Key: 'odd/../key/', Body: 'odd' }));
  await first.s3.send(new PutBucketPolicyCommand({ Bucket: 'keep-bucket', Policy: POLICY }));
  const etag = (await first.s3.send(new HeadObjectCommand({ Bucket: 'keep-bucket', Key: 'AWSLogs/x.log' }))).ETag;
  await first.stop();

  const second = await startS3Server(dir);
  try {
    await second.s3.send(new HeadBucketCommand({ Bucket: 'keep-bucket' }));
    const list = await second.s3.send(new ListObjectsV2Command({ Bucket: 'keep-bucket' }));
    assert.deepEqual(list.Contents?.map((c) => c.Key), ['AWSLogs/x.log', 'odd/../key/']);
    const got = await second.s3.send(new GetObjectCommand({ Bucket: 'keep-bucket', Key: 'AWSLogs/x.log' }));
    assert.equal(await got.Body!.transformToString(), 'line\n');
    assert.equal(got.ETag, etag);
    assert.equal(got.ContentType, 'text/plain');
    assert.deepEqual(got.Metadata, { a: 'b' });
    assert.equal(await (await second.s3.send(new GetObjectCommand({ Bucket: 'keep-bucket', Key: 'odd/../key/' }))).Body!.transformToString(), 'odd');
    assert.equal((await second.s3.send(new GetBucketPolicyCommand({ Bucket: 'keep-bucket' }))).Policy, POLICY);
  } finally { await second.close(); }
});

/** A signed-looking PUT (the server routes on the credential scope and checks no signature) that sends part of its body, then dies. */
function cutUpload(url: string, path: string, sent: string, declared: number): Promise<void> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const req = request({
      host: u.hostname, port: u.port, method: 'PUT', path,
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
        'content-encoding': 'aws-chunked', 'transfer-encoding': 'chunked', 'x-amz-decoded-content-length': String(declared),
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-crc32',
      },
    });
    req.on('error', () => resolve());
    req.write(sent, () => setTimeout(() => { req.destroy(); resolve(); }, 100));
  });
}

function tempFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.tmp')) out.push(e.name);
  return out;
}

test('an upload cut off mid-body leaves nothing under its name, and the previous version intact', async () => {
  const t = await startS3Server();
  try {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'crash-bucket' }));
    await cutUpload(t.server.url, '/crash-bucket/new.log', '400\r\n' + 'x'.repeat(500), 1024);
    await t.s3.send(new PutObjectCommand({ Bucket: 'crash-bucket', Key: 'old.log', Body: 'version 1' }));
    await cutUpload(t.server.url, '/crash-bucket/old.log', '400\r\n' + 'y'.repeat(500), 1024);
    for (let i = 0; i < 50 && tempFiles(join(t.dataDir, ACCOUNT)).length > 0; i++) await sleep(20);
    assert.deepEqual(tempFiles(join(t.dataDir, ACCOUNT)), []);
    await expectAwsError(t.s3.send(new HeadObjectCommand({ Bucket: 'crash-bucket', Key: 'new.log' })), 'NotFound');
    assert.equal(existsSync(objectFile(t.dataDir, 'crash-bucket', 'new.log')), false);
    const old = await t.s3.send(new GetObjectCommand({ Bucket: 'crash-bucket', Key: 'old.log' }));
    assert.equal(await old.Body!.transformToString(), 'version 1');
  } finally { await t.close(); }
});

test('after a crash: temporary files are removed at startup and files without a sidecar (vpcflow run output) are adopted', async () => {
  const dir = newDataDir();
  const first = await startS3Server(dir);
  await first.s3.send(new CreateBucketCommand({ Bucket: 'crashed-bucket' }));
  await first.stop();
  const torn = join(dirname(objectFile(dir, 'crashed-bucket', 'AWSLogs/a.log')), '.a.log.4242.1.tmp');
  mkdirSync(dirname(torn), { recursive: true });
  writeFileSync(torn, 'half a rec');
  writeFileSync(objectFile(dir, 'crashed-bucket', 'AWSLogs/b.log'), 'complete\n');
  // A bucket folder `vpcflow run` wrote, with no metadata at all.
  mkdirSync(dirname(objectFile(dir, 'run-bucket', 'AWSLogs/c.log')), { recursive: true });
  writeFileSync(objectFile(dir, 'run-bucket', 'AWSLogs/c.log'), 'from run\n');

  const second = await startS3Server(dir);
  try {
    // The store is reloaded when first used (here, by this listing).
    const list = await second.s3.send(new ListObjectsV2Command({ Bucket: 'crashed-bucket' }));
    assert.equal(existsSync(torn), false);
    assert.deepEqual(list.Contents?.map((c) => [c.Key, c.ETag]), [['AWSLogs/b.log', `"${createHash('md5').update('complete\n').digest('hex')}"`]]);
    const run = await second.s3.send(new GetObjectCommand({ Bucket: 'run-bucket', Key: 'AWSLogs/c.log' }));
    assert.equal(await run.Body!.transformToString(), 'from run\n');
  } finally {
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
