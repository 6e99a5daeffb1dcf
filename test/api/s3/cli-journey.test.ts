import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { awsCli, awsJson, requireAwsCli } from '../support/aws-cli.ts';
import { type S3TestServer, startS3Server } from './support.ts';

let t: S3TestServer;
let work: string;
before(async () => {
  requireAwsCli();
  t = await startS3Server();
  work = mkdtempSync(join(tmpdir(), 'vpcflow-s3-cli-'));
});
after(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

test('the AWS CLI v2 journey: s3api and s3 cp/ls/rm against the server', { timeout: 120_000 }, async () => {
  const url = t.server.url;
  await awsJson(url, ['s3api', 'create-bucket', '--bucket', 'cli-bucket']);
  const local = join(work, 'records.log');
  writeFileSync(local, 'version account-id\n2 123456789012\n');
  // s3 cp sends Content-MD5; the key has a space and a non-ASCII letter.
  const cp = await awsCli(url, ['s3', 'cp', local, 's3://cli-bucket/AWSLogs/dir/réc ords.log']);
  assert.equal(cp.code, 0, cp.stderr);
  await awsJson(url, ['s3api', 'put-object', '--bucket', 'cli-bucket', '--key', 'top.txt', '--body', local, '--content-type', 'text/plain']);

  // list-objects-v2 always asks for encoding-type=url: the CLI decodes what the server encoded.
  const listed = await awsJson<{ Contents: { Key: string; Size: number }[] }>(url, ['s3api', 'list-objects-v2', '--bucket', 'cli-bucket']);
  assert.deepEqual(listed.Contents.map((c) => c.Key), ['AWSLogs/dir/réc ords.log', 'top.txt']);
  const withPrefix = await awsJson<{ Contents: { Key: string }[] }>(url, ['s3api', 'list-objects-v2', '--bucket', 'cli-bucket', '--prefix', 'AWSLogs/dir/r']);
  assert.deepEqual(withPrefix.Contents.map((c) => c.Key), ['AWSLogs/dir/réc ords.log']);

  const ls = await awsCli(url, ['s3', 'ls', 's3://cli-bucket/']);
  assert.equal(ls.code, 0, ls.stderr);
  assert.match(ls.stdout, /PRE AWSLogs\//);
  assert.match(ls.stdout, /\d+ top\.txt/);
  const lsDeep = await awsCli(url, ['s3', 'ls', '--recursive', 's3://cli-bucket/']);
  assert.match(lsDeep.stdout, /AWSLogs\/dir\/réc ords\.log/);
  const buckets = await awsCli(url, ['s3', 'ls']);
  assert.match(buckets.stdout, /cli-bucket/);

  const back = join(work, 'back.log');
  const down = await awsCli(url, ['s3', 'cp', 's3://cli-bucket/AWSLogs/dir/réc ords.log', back]);
  assert.equal(down.code, 0, down.stderr);
  assert.equal(readFileSync(back, 'utf8'), readFileSync(local, 'utf8'));
  const head = await awsJson<{ ContentLength: number; ContentType: string }>(url, ['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'top.txt']);
  assert.equal(head.ContentLength, Buffer.byteLength(readFileSync(local)));
  assert.equal(head.ContentType, 'text/plain');

  const missing = await awsCli(url, ['s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'nope', join(work, 'nope')]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /NoSuchKey/);
  const noPolicy = await awsCli(url, ['s3api', 'get-bucket-policy', '--bucket', 'cli-bucket']);
  assert.match(noPolicy.stderr, /NoSuchBucketPolicy/);

  const rm = await awsCli(url, ['s3', 'rm', '--recursive', 's3://cli-bucket/']);
  assert.equal(rm.code, 0, rm.stderr);
  await awsJson(url, ['s3api', 'delete-bucket', '--bucket', 'cli-bucket']);
  const gone = await awsCli(url, ['s3api', 'head-bucket', '--bucket', 'cli-bucket']);
  assert.notEqual(gone.code, 0);
  assert.match(gone.stderr, /404|Not Found/);
});
