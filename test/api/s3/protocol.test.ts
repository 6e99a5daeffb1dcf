/** What no SDK would send: malformed bodies, wrong trailers, subresources not emulated; answered as S3 does, never a crash. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { errorCode, raw } from '../support/raw.ts';
import { type S3TestServer, startS3ServerWithBucket } from './support.ts';

const SIGNED = { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00' };
const B = 'protocol-bucket';
let t: S3TestServer;
before(async () => { t = await startS3ServerWithBucket(B); });
after(async () => { await t.close(); });

test('errors are S3 <Error> documents with Code, Message, RequestId and the key or bucket', async () => {
  const r = await raw(t.server.url, { method: 'GET', path: `/${B}/missing%20key`, headers: SIGNED });
  assert.equal(r.status, 404);
  assert.match(r.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>[^<]+<\/Message><Key>missing key<\/Key><RequestId>[^<]+<\/RequestId>/);
  assert.equal(r.headers['x-amz-request-id'], /<RequestId>([^<]+)</.exec(r.body)?.[1]);
});

test('malformed XML bodies are MalformedXML (CreateBucket, DeleteObjects)', async () => {
  const create = await raw(t.server.url, { method: 'PUT', path: '/xml-bucket', headers: SIGNED, body: '<CreateBucketConfiguration><LocationConstraint>' });
  assert.equal(errorCode(create.body), 'MalformedXML');
  const del = await raw(t.server.url, { method: 'POST', path: `/${B}?delete`, headers: SIGNED, body: '<Delete><Object><Key>a</Key></Object' });
  assert.equal(errorCode(del.body), 'MalformedXML');
  const empty = await raw(t.server.url, { method: 'POST', path: `/${B}?delete`, headers: SIGNED, body: '<Delete></Delete>' });
  assert.equal(errorCode(empty.body), 'MalformedXML');
});

test('an aws-chunked upload whose trailing checksum is wrong is BadDigest and stores nothing', async () => {
  const headers = {
    ...SIGNED, 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '12',
    'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-crc32',
  };
  const bad = await raw(t.server.url, { method: 'PUT', path: `/${B}/chunked`, headers, body: '6\r\nhello \r\n6\r\nstream\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n' });
  assert.equal(bad.status, 400);
  assert.equal(errorCode(bad.body), 'BadDigest');
  const head = await raw(t.server.url, { method: 'HEAD', path: `/${B}/chunked`, headers: SIGNED });
  assert.equal(head.status, 404);
  assert.equal(head.body, '');
  const short = await raw(t.server.url, { method: 'PUT', path: `/${B}/chunked`, headers: { ...headers, 'x-amz-decoded-content-length': '99' }, body: '6\r\nhello \r\n6\r\nstream\r\n0\r\nx-amz-checksum-crc32:gtnkmQ==\r\n\r\n' });
  assert.equal(errorCode(short.body), 'IncompleteBody');
  const good = await raw(t.server.url, { method: 'PUT', path: `/${B}/chunked`, headers, body: '6\r\nhello \r\n6\r\nstream\r\n0\r\nx-amz-checksum-crc32:gtnkmQ==\r\n\r\n' });
  assert.equal(good.status, 200);
  assert.equal(good.headers['x-amz-checksum-crc32'], 'gtnkmQ==');
});

test('a wrong x-amz-content-sha256 is XAmzContentSHA256Mismatch', async () => {
  const r = await raw(t.server.url, { method: 'PUT', path: `/${B}/sha`, headers: { ...SIGNED, 'x-amz-content-sha256': '0'.repeat(64) }, body: 'abc' });
  assert.equal(errorCode(r.body), 'XAmzContentSHA256Mismatch');
});

test('subresources not emulated are NotImplemented (501); bad methods MethodNotAllowed', async () => {
  const mp = await raw(t.server.url, { method: 'POST', path: `/${B}/big?uploads`, headers: SIGNED });
  assert.equal(mp.status, 501);
  assert.equal(errorCode(mp.body), 'NotImplemented');
  const copy = await raw(t.server.url, { method: 'PUT', path: `/${B}/copy`, headers: { ...SIGNED, 'x-amz-copy-source': `/${B}/chunked` } });
  assert.equal(errorCode(copy.body), 'NotImplemented');
  const post = await raw(t.server.url, { method: 'POST', path: `/${B}/obj`, headers: SIGNED });
  assert.equal(errorCode(post.body), 'MethodNotAllowed');
  const badUri = await raw(t.server.url, { method: 'GET', path: `/${B}/%E0%A4%A`, headers: SIGNED });
  assert.equal(errorCode(badUri.body), 'InvalidURI');
});
