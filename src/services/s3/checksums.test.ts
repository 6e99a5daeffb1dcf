import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newDigest } from './checksums.ts';

function value(alg: Parameters<typeof newDigest>[0], text: string): string {
  const d = newDigest(alg);
  d.update(Buffer.from(text));
  return Buffer.from(d.base64(), 'base64').toString('hex');
}

test('checksums match the published check values for "123456789"', () => {
  assert.equal(value('crc32', '123456789'), 'cbf43926');
  assert.equal(value('crc32c', '123456789'), 'e3069283');
  assert.equal(value('crc64nvme', '123456789'), 'ae8b14860a799888');
  assert.equal(value('sha1', 'abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
});

test('the SDK example trailer: CRC32 of "hello stream" is gtnkmQ==', () => {
  const d = newDigest('crc32');
  d.update(Buffer.from('hello '));
  d.update(Buffer.from('stream'));
  assert.equal(d.base64(), 'gtnkmQ==');
});
