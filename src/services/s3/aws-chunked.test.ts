import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeAwsChunked } from './aws-chunked.ts';

async function decode(parts: string[]): Promise<{ data: string; trailers: Map<string, string> }> {
  const trailers = new Map<string, string>();
  async function* src() { for (const p of parts) yield Buffer.from(p, 'latin1'); }
  let data = '';
  for await (const c of decodeAwsChunked(src(), trailers)) data += c.toString('latin1');
  return { data, trailers };
}

test('decodes the SDK example body, split at every byte', async () => {
  const body = '6\r\nhello \r\n6\r\nstream\r\n0\r\nx-amz-checksum-crc32:gtnkmQ==\r\n\r\n';
  for (const parts of [[body], [...body]]) {
    const r = await decode(parts);
    assert.equal(r.data, 'hello stream');
    assert.equal(r.trailers.get('x-amz-checksum-crc32'), 'gtnkmQ==');
  }
});

test('signed chunks (chunk-signature extensions) decode too', async () => {
  const r = await decode(['5;chunk-signature=abc\r\nhello\r\n0;chunk-signature=def\r\n\r\n']);
  assert.equal(r.data, 'hello');
});

test('a body cut short is IncompleteBody; garbage is InvalidRequest', async () => {
  await assert.rejects(decode(['6\r\nhel']), { code: 'IncompleteBody' });
  await assert.rejects(decode(['zz\r\n']), { code: 'InvalidRequest' });
});
