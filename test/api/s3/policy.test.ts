import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { expectAwsError } from '../support/errors.ts';
import { type S3TestServer, startS3ServerWithBucket } from './support.ts';

const B = 'policy-bucket';
/** The policy AWS adds for flow log delivery (aws-flow-logs.md §3.2). */
const DELIVERY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AWSLogDeliveryWrite', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${B}/AWSLogs/123456789012/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '123456789012' } } },
    { Sid: 'AWSLogDeliveryAclCheck', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: `arn:aws:s3:::${B}` },
  ],
});

let t: S3TestServer;
before(async () => { t = await startS3ServerWithBucket(B); });
after(async () => { await t.close(); });

test('GetBucketPolicy error: NoSuchBucketPolicy before one is put; NoSuchBucket for a missing bucket', async () => {
  await expectAwsError(t.s3.send(new GetBucketPolicyCommand({ Bucket: B })), 'NoSuchBucketPolicy');
  await expectAwsError(t.s3.send(new GetBucketPolicyCommand({ Bucket: 'no-such-bucket' })), 'NoSuchBucket');
});

test('PutBucketPolicy then GetBucketPolicy returns it as put; DeleteBucketPolicy removes it', async () => {
  await t.s3.send(new PutBucketPolicyCommand({ Bucket: B, Policy: DELIVERY_POLICY }));
  const got = await t.s3.send(new GetBucketPolicyCommand({ Bucket: B }));
  assert.deepEqual(JSON.parse(got.Policy!), JSON.parse(DELIVERY_POLICY));
  await t.s3.send(new DeleteBucketPolicyCommand({ Bucket: B }));
  await expectAwsError(t.s3.send(new GetBucketPolicyCommand({ Bucket: B })), 'NoSuchBucketPolicy');
});

test('PutBucketPolicy error: MalformedPolicy for text that is not a policy', async () => {
  await expectAwsError(t.s3.send(new PutBucketPolicyCommand({ Bucket: B, Policy: 'not json' })), 'MalformedPolicy');
  await expectAwsError(t.s3.send(new PutBucketPolicyCommand({ Bucket: B, Policy: '{"Version":"2012-10-17"}' })), 'MalformedPolicy');
});

test('DeleteBucketPolicy error: NoSuchBucket', async () => {
  await expectAwsError(t.s3.send(new DeleteBucketPolicyCommand({ Bucket: 'no-such-bucket' })), 'NoSuchBucket');
});
