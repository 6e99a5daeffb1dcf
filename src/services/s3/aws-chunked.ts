/**
 * Decoding `Content-Encoding: aws-chunked` bodies, as the SDKs send stream
 * uploads: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` … `0\r\n`, then
 * trailer lines (`x-amz-checksum-crc32:…`) and an empty line. Data is yielded
 * as it arrives; trailers land in the map given. Chunk signatures are not
 * checked, as no signature is.
 */
import { S3Error } from './errors.ts';

const MAX_LINE = 8192;

const incomplete = (): S3Error => new S3Error('IncompleteBody', 'The request body terminated unexpectedly');
const badChunk = (): S3Error => new S3Error('InvalidRequest', 'The aws-chunked body is malformed.');

export async function* decodeAwsChunked(source: AsyncIterable<Buffer>, trailers: Map<string, string>): AsyncGenerator<Buffer> {
  let state: 'size' | 'data' | 'crlf' | 'trailer' | 'done' = 'size';
  let line = Buffer.alloc(0);
  let remaining = 0;
  for await (const input of source) {
    let buf = input;
    while (buf.length > 0) {
      if (state === 'data') {
        const n = Math.min(remaining, buf.length);
        yield buf.subarray(0, n);
        buf = buf.subarray(n);
        remaining -= n;
        if (remaining === 0) state = 'crlf';
        continue;
      }
      if (state === 'done') throw badChunk();
      // The other states read lines.
      const nl = buf.indexOf(10);
      if (nl < 0) {
        line = Buffer.concat([line, buf]);
        if (line.length > MAX_LINE) throw badChunk();
        break;
      }
      const text = Buffer.concat([line, buf.subarray(0, nl)]).toString('latin1').replace(/\r$/, '');
      line = Buffer.alloc(0);
      buf = buf.subarray(nl + 1);
      if (state === 'crlf') {
        if (text !== '') throw badChunk();
        state = 'size';
      } else if (state === 'size') {
        const m = /^([0-9a-fA-F]+)(;.*)?$/.exec(text);
        if (!m) throw badChunk();
        remaining = parseInt(m[1]!, 16);
        state = remaining === 0 ? 'trailer' : 'data';
      } else if (text === '') {
        state = 'done';
      } else {
        const colon = text.indexOf(':');
        if (colon <= 0) throw badChunk();
        trailers.set(text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim());
      }
    }
  }
  // Some clients end right after the last trailer line.
  if (state !== 'done' && !(state === 'trailer' && line.length === 0)) throw incomplete();
}
