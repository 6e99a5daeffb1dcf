/**
 * Where a store keeps things under its root (`<dataDir>/<account>`):
 *
 *   s3/<bucket>/<key>                        object bytes (the layout `vpcflow run` writes)
 *   s3-meta/<bucket>/bucket.json             region, creation date, owner, policy
 *   s3-meta/<bucket>/objects/<sha256>.json   one sidecar per object (ETag, type, metadata…)
 *   s3-meta/<bucket>/blobs/<sha256>          bytes of keys that cannot be a path (see keys.ts)
 */
import { join } from 'node:path';
import { keyHash } from './keys.ts';

export class Layout {
  constructor(readonly root: string) {}

  objectsRoot(): string { return join(this.root, 's3'); }
  metaRoot(): string { return join(this.root, 's3-meta'); }
  bucketDir(bucket: string): string { return join(this.root, 's3', bucket); }
  bucketMetaDir(bucket: string): string { return join(this.root, 's3-meta', bucket); }
  bucketFile(bucket: string): string { return join(this.bucketMetaDir(bucket), 'bucket.json'); }
  sidecarDir(bucket: string): string { return join(this.bucketMetaDir(bucket), 'objects'); }
  sidecar(bucket: string, key: string): string { return join(this.sidecarDir(bucket), `${keyHash(key)}.json`); }
  blobDir(bucket: string): string { return join(this.bucketMetaDir(bucket), 'blobs'); }
  blob(bucket: string, key: string): string { return join(this.blobDir(bucket), keyHash(key)); }
}
