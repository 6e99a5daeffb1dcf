/**
 * Gzip as AWS's S3 objects use it, made reproducible: fixed level 6, mtime 0
 * (zlib's default header) and a fixed OS byte, so the same records always
 * give the same bytes.
 */
import { gzip } from 'node:zlib';

export const GZIP_LEVEL = 6;

/** RFC 1952 header byte 9; zlib stamps the build platform there, which would make output vary by OS. */
const OS_BYTE_OFFSET = 9;
const OS_UNIX = 3;

/** Makes a whole gzip member's header the same on every platform (in place); returns it. */
export function stampOs(member: Buffer): Buffer {
  member[OS_BYTE_OFFSET] = OS_UNIX;
  return member;
}

/**
 * `data` as one reproducible gzip member at `level` (AWS's 6 by default), compressed on a zlib thread in one go:
 * the output buffer holds the whole member (deflate's bound), so zlib never comes back to this thread for room
 * between pieces, and a thread busy rendering records does not hold the compression up.
 */
export function gzipBytes(data: Uint8Array, level = GZIP_LEVEL): Promise<Buffer> {
  const chunkSize = Math.max(16 * 1024, data.length + (data.length >> 10) + 1024);
  return new Promise((resolve, reject) => {
    gzip(data, { level, chunkSize }, (err, z) => (err ? reject(err) : resolve(stampOs(z))));
  });
}
