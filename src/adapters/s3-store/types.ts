/** What the store records about buckets and objects. */

export interface BucketInfo {
  readonly name: string;
  readonly region: string;
  /** Milliseconds since the epoch. */
  readonly created: number;
  readonly owner: string;
  /** The bucket policy, as the JSON text it was put with. */
  policy?: string;
}

export interface ObjectMeta {
  readonly key: string;
  readonly size: number;
  /** MD5 of the content, hex, without quotes. */
  readonly md5: string;
  /** Milliseconds since the epoch. */
  readonly lastModified: number;
  readonly contentType: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly cacheControl?: string;
  /** `x-amz-meta-*` headers, names lower-cased without the prefix. */
  readonly userMetadata: Record<string, string>;
  /** Checksums sent with the upload and verified, by lower-case algorithm (`crc32`, `sha256`…), base64. */
  readonly checksums: Record<string, string>;
}

/** What a caller says about an object besides its bytes. */
export type ObjectAttributes = Partial<Omit<ObjectMeta, 'key' | 'size' | 'md5' | 'lastModified'>>;

/** The ETag S3 shows for a single-part object: the MD5 in quotes. */
export const etagOf = (m: ObjectMeta): string => `"${m.md5}"`;
