/**
 * Gzip as AWS's S3 objects use it, made reproducible: fixed level 6, mtime 0
 * and a fixed OS byte, so the same records always give the same bytes.
 */
import { constants, gzipSync } from 'node:zlib';

export const GZIP_LEVEL = 6;

/** RFC 1952 header byte 9; zlib stamps the build platform there, which would make output vary by OS. */
const OS_BYTE_OFFSET = 9;
const OS_UNIX = 3;

export function gzipDeterministic(data: Uint8Array): Buffer {
  // zlib's default header already has mtime 0 and no file name; only the OS byte varies.
  const out = gzipSync(data, { level: GZIP_LEVEL, memLevel: 8, strategy: constants.Z_DEFAULT_STRATEGY });
  out[OS_BYTE_OFFSET] = OS_UNIX;
  return out;
}
