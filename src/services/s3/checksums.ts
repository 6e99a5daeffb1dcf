/**
 * The checksums S3 takes with an upload (`x-amz-checksum-<algorithm>`, in a
 * header or an aws-chunked trailer), computed as the bytes stream through:
 * CRC32, CRC32C, CRC64NVME, SHA1, SHA256, all base64 of the big-endian value.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export interface Digest { update(chunk: Uint8Array): void; base64(): string }

function crcTable32(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

const CRC32C_TABLE = crcTable32(0x82f63b78);

function crc32c(): Digest {
  let c = 0xffffffff;
  return {
    update(chunk) { for (const b of chunk) c = CRC32C_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8); },
    base64() { const out = Buffer.alloc(4); out.writeUInt32BE((c ^ 0xffffffff) >>> 0); return out.toString('base64'); },
  };
}

function crc32Digest(): Digest {
  let c = 0;
  return {
    update(chunk) { c = crc32(chunk, c); },
    base64() { const out = Buffer.alloc(4); out.writeUInt32BE(c >>> 0); return out.toString('base64'); },
  };
}

let crc64Table: BigUint64Array | undefined;
function crc64NvmeTable(): BigUint64Array {
  if (crc64Table) return crc64Table;
  const poly = 0x9a6c9329ac4bc9b5n;
  const t = new BigUint64Array(256);
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n);
    for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
    t[n] = c;
  }
  return (crc64Table = t);
}

function crc64nvme(): Digest {
  const t = crc64NvmeTable();
  let c = 0xffffffffffffffffn;
  return {
    update(chunk) { for (const b of chunk) c = t[Number((c ^ BigInt(b)) & 0xffn)]! ^ (c >> 8n); },
    base64() { const out = Buffer.alloc(8); out.writeBigUInt64BE(c ^ 0xffffffffffffffffn); return out.toString('base64'); },
  };
}

function hash(name: string): Digest {
  const h = createHash(name);
  return { update: (chunk) => { h.update(chunk); }, base64: () => h.digest('base64') };
}

/** Lower-case algorithm names as in the header names (`x-amz-checksum-crc32`). */
export const CHECKSUM_ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;
export type ChecksumAlgorithm = typeof CHECKSUM_ALGORITHMS[number];

export const isChecksumAlgorithm = (s: string): s is ChecksumAlgorithm => (CHECKSUM_ALGORITHMS as readonly string[]).includes(s);

export function newDigest(alg: ChecksumAlgorithm): Digest {
  switch (alg) {
    case 'crc32': return crc32Digest();
    case 'crc32c': return crc32c();
    case 'crc64nvme': return crc64nvme();
    case 'sha1': return hash('sha1');
    case 'sha256': return hash('sha256');
  }
}

/** Bytes of each algorithm's value, to tell a malformed header from a wrong one. */
export const CHECKSUM_BYTES: Record<ChecksumAlgorithm, number> = { crc32: 4, crc32c: 4, crc64nvme: 8, sha1: 20, sha256: 32 };

/** AWS's spelling in messages (`CRC32`, `SHA256`). */
export const algorithmLabel = (alg: ChecksumAlgorithm): string => alg.toUpperCase();
