/**
 * The S3 object store: buckets and objects of one account on disk (see
 * layout.ts), with every bucket's keys and metadata in memory. Writes are
 * atomic (temporary file, fsync, rename; the sidecar after the bytes) and
 * synchronous once the bytes are in, so an acknowledged PUT is on disk and a
 * crash never leaves a half-written object under its name. `S3Store.open`
 * reloads a folder written by an earlier run.
 */
import { mkdirSync, readFileSync, rmSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { syncDirSync, writeFileAtomicSync } from '../destinations/atomic.ts';
import { compareKeys, naturalSegments } from './keys.ts';
import { Layout } from './layout.ts';
import { prepareNaturalPath } from './placement.ts';
import type { BucketInfo, ObjectAttributes, ObjectMeta } from './types.ts';
import { ObjectUpload } from './upload.ts';

export interface StoredObject { meta: ObjectMeta; path: string }

/**
 * What a sidecar file holds: the metadata, where the bytes are (relative to
 * the store's root) and the inode of that file when the sidecar was written.
 * An overwrite renames a new file over the old name and only then replaces
 * the sidecar, so a crash between the two leaves a sidecar describing bytes
 * that are gone; the size cannot tell when both versions are the same length,
 * the inode can (the new file is a different inode until the old is unlinked).
 */
export interface Sidecar { meta: ObjectMeta; file: string; ino?: string }

/** A file's inode number as text (bigint: inode numbers may exceed 2^53). */
export const inodeOf = (path: string): string => String(statSync(path, { bigint: true }).ino);

export class BucketState {
  readonly objects = new Map<string, StoredObject>();
  private sorted: string[] | undefined;

  constructor(public info: BucketInfo) {}

  keys(): readonly string[] {
    return (this.sorted ??= [...this.objects.keys()].sort(compareKeys));
  }

  set(key: string, obj: StoredObject): void {
    if (!this.objects.has(key)) this.sorted = undefined;
    this.objects.set(key, obj);
  }

  delete(key: string): void {
    if (this.objects.delete(key)) this.sorted = undefined;
  }
}

const encoder = new TextEncoder();

export class S3Store {
  readonly layout: Layout;
  readonly buckets = new Map<string, BucketState>();

  constructor(root: string, private readonly now: () => number = Date.now) {
    this.layout = new Layout(root);
    mkdirSync(this.layout.objectsRoot(), { recursive: true });
    mkdirSync(this.layout.metaRoot(), { recursive: true });
  }

  bucketExists(name: string): boolean { return this.buckets.has(name); }

  getBucket(name: string): BucketInfo | undefined { return this.buckets.get(name)?.info; }

  listBuckets(): BucketInfo[] {
    return [...this.buckets.values()].map((b) => b.info).sort((a, b) => compareKeys(a.name, b.name));
  }

  createBucket(name: string, region: string, owner: string): BucketInfo {
    const info: BucketInfo = { name, region, owner, created: this.now() };
    mkdirSync(this.layout.bucketDir(name), { recursive: true });
    this.writeBucket(info);
    this.buckets.set(name, new BucketState(info));
    return info;
  }

  /** Registers a bucket read from disk (`persist` writes its metadata, for folders found without it). */
  addLoadedBucket(info: BucketInfo, persist = false): void {
    mkdirSync(this.layout.bucketDir(info.name), { recursive: true });
    if (persist) this.writeBucket(info);
    this.buckets.set(info.name, new BucketState(info));
  }

  objectCount(name: string): number { return this.buckets.get(name)?.objects.size ?? 0; }

  /** Removes an empty bucket (the caller checks it is empty) and its folders. */
  deleteBucket(name: string): void {
    if (!this.buckets.has(name)) return;
    rmSync(this.layout.bucketMetaDir(name), { recursive: true, force: true });
    rmSync(this.layout.bucketDir(name), { recursive: true, force: true });
    this.buckets.delete(name);
  }

  getBucketPolicy(name: string): string | undefined { return this.buckets.get(name)?.info.policy; }

  /** Sets (or with undefined removes) a bucket's policy; the caller has validated it. */
  setBucketPolicy(name: string, policy: string | undefined): void {
    const b = this.bucket(name);
    const info: BucketInfo = { ...b.info };
    if (policy === undefined) delete info.policy;
    else info.policy = policy;
    this.writeBucket(info);
    b.info = info;
  }

  /** Keys of a bucket in S3's order (UTF-8 bytes). */
  sortedKeys(bucket: string): readonly string[] { return this.bucket(bucket).keys(); }

  getObject(bucket: string, key: string): StoredObject | undefined {
    return this.buckets.get(bucket)?.objects.get(key);
  }

  readObject(bucket: string, key: string): Buffer | undefined {
    const o = this.getObject(bucket, key);
    return o ? readFileSync(o.path) : undefined;
  }

  /** Starts writing an object; nothing is visible until `commitUpload`. */
  beginUpload(bucket: string, key: string): ObjectUpload {
    this.bucket(bucket);
    const segments = naturalSegments(key);
    const natural = segments && prepareNaturalPath(this.layout.bucketDir(bucket), segments);
    if (natural) return new ObjectUpload(natural);
    mkdirSync(this.layout.blobDir(bucket), { recursive: true });
    return new ObjectUpload(this.layout.blob(bucket, key));
  }

  /** Puts the finished upload under its name and records its metadata; returns the metadata. */
  commitUpload(bucket: string, key: string, upload: ObjectUpload, attrs: ObjectAttributes = {}): ObjectMeta {
    const b = this.bucket(bucket);
    const md5 = upload.finish();
    let path = upload.finalPath;
    try {
      upload.place(path);
    } catch {
      // The name became a folder (or lost one) while the bytes arrived: keep this object hashed.
      mkdirSync(this.layout.blobDir(bucket), { recursive: true });
      path = this.layout.blob(bucket, key);
      upload.place(path);
    }
    syncDirSync(dirname(path));
    const meta: ObjectMeta = {
      key, size: upload.size, md5, lastModified: this.now(),
      contentType: attrs.contentType ?? 'binary/octet-stream',
      ...(attrs.contentEncoding ? { contentEncoding: attrs.contentEncoding } : {}),
      ...(attrs.contentDisposition ? { contentDisposition: attrs.contentDisposition } : {}),
      ...(attrs.cacheControl ? { cacheControl: attrs.cacheControl } : {}),
      userMetadata: attrs.userMetadata ?? {}, checksums: attrs.checksums ?? {},
    };
    const previous = b.objects.get(key);
    this.writeSidecar(bucket, meta, path);
    b.set(key, { meta, path });
    if (previous && previous.path !== path) this.removeFile(bucket, previous.path);
    return meta;
  }

  /** Writes a whole object at once (flow log delivery); the bucket must exist. */
  putObject(bucket: string, key: string, bytes: Uint8Array | string, attrs: ObjectAttributes = {}): ObjectMeta {
    const upload = this.beginUpload(bucket, key);
    try {
      upload.write(typeof bytes === 'string' ? encoder.encode(bytes) : bytes);
    } catch (err) {
      upload.abort();
      throw err;
    }
    return this.commitUpload(bucket, key, upload, attrs);
  }

  /** Deletes an object; false if there was none. */
  deleteObject(bucket: string, key: string): boolean {
    const b = this.buckets.get(bucket);
    const o = b?.objects.get(key);
    if (!b || !o) return false;
    rmSync(this.layout.sidecar(bucket, key), { force: true });
    this.removeFile(bucket, o.path);
    b.delete(key);
    return true;
  }

  private bucket(name: string): BucketState {
    const b = this.buckets.get(name);
    if (!b) throw new Error(`no bucket named ${name}`);
    return b;
  }

  private writeBucket(info: BucketInfo): void {
    const file = this.layout.bucketFile(info.name);
    writeFileAtomicSync(file, encoder.encode(`${JSON.stringify(info)}\n`));
    syncDirSync(dirname(file));
  }

  writeSidecar(bucket: string, meta: ObjectMeta, path: string): void {
    const s: Sidecar = { meta, file: relative(this.layout.root, path), ino: inodeOf(path) };
    const file = this.layout.sidecar(bucket, meta.key);
    writeFileAtomicSync(file, encoder.encode(`${JSON.stringify(s)}\n`));
    syncDirSync(dirname(file));
  }

  /** Removes an object's file and the folders it leaves empty, up to the bucket's folder. */
  private removeFile(bucket: string, path: string): void {
    try { unlinkSync(path); } catch { /* already gone */ }
    const stop = this.layout.bucketDir(bucket);
    let dir = dirname(path);
    while (dir.startsWith(`${stop}/`)) {
      try { rmdirSync(dir); } catch { break; }
      dir = dirname(dir);
    }
  }
}
