/**
 * Gzip as AWS's S3 objects use it, made reproducible: fixed level 6, mtime 0
 * and a fixed OS byte, so the same records always give the same bytes. Input
 * is streamed through zlib on its worker thread, so the next chunk is encoded
 * while the previous one is compressed; deflate's output does not depend on
 * how its input is split.
 */
import { writeSync } from 'node:fs';
import { createGzip, gzip } from 'node:zlib';

export const GZIP_LEVEL = 6;

/** RFC 1952 header byte 9; zlib stamps the build platform there, which would make output vary by OS. */
const OS_BYTE_OFFSET = 9;
const OS_UNIX = 3;

/** Makes a whole gzip member's header the same on every platform (in place); returns it. */
export function stampOs(member: Buffer): Buffer {
  member[OS_BYTE_OFFSET] = OS_UNIX;
  return member;
}

/** `data` as one reproducible gzip member at `level` (AWS's 6 by default), compressed on zlib's threads. */
export function gzipBytes(data: Uint8Array, level = GZIP_LEVEL): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gzip(data, { level }, (err, z) => (err ? reject(err) : resolve(stampOs(z))));
  });
}

/** Compresses the chunks into the open file `fd`; returns the compressed size. Chunks may be reused once consumed. */
export async function gzipChunksToFd(chunks: Iterable<Buffer>, fd: number): Promise<number> {
  // zlib's default header already has mtime 0 and no file name; only the OS byte varies.
  const gz = createGzip({ level: GZIP_LEVEL });
  let written = 0;
  gz.on('data', (c: Buffer) => {
    if (written <= OS_BYTE_OFFSET && written + c.length > OS_BYTE_OFFSET) c[OS_BYTE_OFFSET - written] = OS_UNIX;
    for (let o = 0; o < c.length;) o += writeSync(fd, c, o, c.length - o);
    written += c.length;
  });
  const finished = new Promise<void>((resolve, reject) => {
    gz.on('end', resolve);
    gz.on('error', reject);
  });
  try {
    for (const chunk of chunks) {
      // The callback fires once zlib has consumed the chunk, so the caller may then overwrite it.
      await new Promise<void>((resolve, reject) => gz.write(chunk, (err) => (err ? reject(err) : resolve())));
    }
    gz.end();
    await finished;
  } catch (err) {
    gz.destroy();
    throw err;
  }
  return written;
}
