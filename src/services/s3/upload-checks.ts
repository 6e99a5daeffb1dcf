/**
 * What an upload's headers promise about its body, checked as S3 does:
 * `Content-MD5` (InvalidDigest if malformed, BadDigest if wrong),
 * `x-amz-checksum-*` in headers or announced in `x-amz-trailer` (InvalidRequest
 * if malformed, BadDigest if wrong), and a hex `x-amz-content-sha256`
 * (XAmzContentSHA256Mismatch).
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type ChecksumAlgorithm, CHECKSUM_BYTES, type Digest, algorithmLabel, isChecksumAlgorithm, newDigest } from './checksums.ts';
import { S3Error } from './errors.ts';

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

function validBase64(value: string, bytes: number): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === bytes;
}

export class UploadChecks {
  private readonly digests = new Map<ChecksumAlgorithm, Digest>();
  private readonly expected = new Map<ChecksumAlgorithm, string | undefined>();
  private readonly sha256: ReturnType<typeof createHash> | undefined;
  private readonly contentSha256: string | undefined;
  private readonly contentMd5: string | undefined;

  /** Reads and validates the headers; throws before any byte is read if one is malformed. */
  constructor(headers: IncomingHttpHeaders) {
    const md5 = header(headers, 'content-md5');
    if (md5 !== undefined) {
      if (!validBase64(md5, 16)) throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': md5 });
      this.contentMd5 = Buffer.from(md5, 'base64').toString('hex');
    }
    for (const [name, value] of Object.entries(headers)) {
      const m = /^x-amz-checksum-([a-z0-9]+)$/.exec(name);
      if (!m || typeof value !== 'string') continue;
      const alg = m[1]!;
      if (!isChecksumAlgorithm(alg)) continue;
      if (!validBase64(value, CHECKSUM_BYTES[alg])) throw new S3Error('InvalidRequest', `Value for x-amz-checksum-${alg} header is invalid.`);
      this.expected.set(alg, value);
    }
    for (const t of (header(headers, 'x-amz-trailer') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
      const m = /^x-amz-checksum-([a-z0-9]+)$/.exec(t);
      if (!m || !isChecksumAlgorithm(m[1]!)) throw new S3Error('InvalidRequest', `The value specified in the x-amz-trailer header is not supported: ${t}`);
      if (!this.expected.has(m[1])) this.expected.set(m[1], undefined);
    }
    for (const alg of this.expected.keys()) this.digests.set(alg, newDigest(alg));
    const sha = header(headers, 'x-amz-content-sha256');
    if (sha !== undefined && /^[0-9a-fA-F]{64}$/.test(sha)) {
      this.contentSha256 = sha.toLowerCase();
      this.sha256 = createHash('sha256');
    }
  }

  update(chunk: Uint8Array): void {
    for (const d of this.digests.values()) d.update(chunk);
    this.sha256?.update(chunk);
  }

  /**
   * Checks everything once the body is in (`trailers` from an aws-chunked body)
   * and returns the verified checksums by algorithm.
   */
  verify(md5Hex: string, trailers: ReadonlyMap<string, string>): Record<string, string> {
    if (this.contentSha256 !== undefined) {
      const computed = this.sha256!.digest('hex');
      if (computed !== this.contentSha256) {
        throw new S3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400,
          { ClientComputedContentSHA256: this.contentSha256, S3ComputedContentSHA256: computed });
      }
    }
    if (this.contentMd5 !== undefined && this.contentMd5 !== md5Hex) {
      throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400,
        { ExpectedDigest: this.contentMd5, CalculatedDigest: Buffer.from(md5Hex, 'hex').toString('base64') });
    }
    const out: Record<string, string> = {};
    for (const [alg, digest] of this.digests) {
      const expected = this.expected.get(alg) ?? trailers.get(`x-amz-checksum-${alg}`);
      if (expected === undefined) throw new S3Error('InvalidRequest', `The x-amz-checksum-${alg} trailer was announced but not sent.`);
      if (!validBase64(expected, CHECKSUM_BYTES[alg])) throw new S3Error('InvalidRequest', `Value for x-amz-checksum-${alg} trailing header is invalid.`);
      const computed = digest.base64();
      if (computed !== expected) throw new S3Error('BadDigest', `The ${algorithmLabel(alg)} you specified did not match the calculated checksum.`);
      out[alg] = computed;
    }
    return out;
  }
}
