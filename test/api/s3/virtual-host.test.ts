import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, test } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { expectAwsError } from '../support/errors.ts';
import { type S3TestServer, s3Client, startS3Server } from './support.ts';

/** Every host name resolves to loopback, so `bucket.localhost` reaches the test server whatever the resolver does. */
const loopback = new Agent({
  lookup: ((_host: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) =>
    (opts?.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4))) as never,
});

let t: S3TestServer;
before(async () => { t = await startS3Server(); });
after(async () => { await t.close(); loopback.destroy(); });

test('virtual-host style (Host: bucket.localhost:PORT): CreateBucket, PutObject, ListObjectsV2, GetObject', async () => {
  const vhost = s3Client(`http://localhost:${t.server.port}`, { forcePathStyle: false, requestHandler: { httpAgent: loopback } });
  const hosts: string[] = [];
  vhost.middlewareStack.add((next) => async (args) => {
    hosts.push((args.request as { hostname: string }).hostname);
    return next(args);
  }, { step: 'finalizeRequest' });
  try {
    await vhost.send(new CreateBucketCommand({ Bucket: 'vhost-bucket' }));
    await vhost.send(new PutObjectCommand({ Bucket: 'vhost-bucket', Key: 'a/../b c.txt', Body: 'by host' }));
    const list = await vhost.send(new ListObjectsV2Command({ Bucket: 'vhost-bucket' }));
    assert.deepEqual(list.Contents?.map((c) => c.Key), ['a/../b c.txt']);
    const got = await vhost.send(new GetObjectCommand({ Bucket: 'vhost-bucket', Key: 'a/../b c.txt' }));
    assert.equal(await got.Body!.transformToString(), 'by host');
    await expectAwsError(vhost.send(new GetObjectCommand({ Bucket: 'other-bucket', Key: 'x' })), 'NoSuchBucket');
    assert.ok(hosts.length > 0 && hosts.every((h) => h.endsWith('-bucket.localhost')), hosts.join(' '));
    // The same bucket in path style.
    const path = await t.s3.send(new GetObjectCommand({ Bucket: 'vhost-bucket', Key: 'a/../b c.txt' }));
    assert.equal(await path.Body!.transformToString(), 'by host');
  } finally { vhost.destroy(); }
});
