/**
 * Opening a store folder written before: buckets from their `bucket.json`,
 * objects from their sidecars (checked against the bytes on disk), files
 * under `s3/<bucket>/` that have no sidecar adopted as objects (what
 * `vpcflow run` writes, or a crash between the bytes' rename and the
 * sidecar's), and temporary files left by a crash removed.
 */
import { createHash } from 'node:crypto';
import { type BigIntStats, type Dirent, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isTempName } from '../destinations/atomic.ts';
import { isValidBucketName } from './bucket-name.ts';
import { naturalSegments } from './keys.ts';
import { type BucketState, type Sidecar, S3Store } from './store.ts';
import type { BucketInfo, ObjectMeta } from './types.ts';

export interface OpenOptions {
  /** `<dataDir>/<account>`. */
  root: string;
  /** Owner and region given to bucket folders found without metadata. */
  account: string;
  region: string;
  now?: () => number;
}

function entries(dir: string): Dirent[] {
  try { return readdirSync(dir, { withFileTypes: true }); } catch { return []; }
}

function readJson<T>(path: string): T | undefined {
  try { return JSON.parse(readFileSync(path, 'utf8')) as T; } catch { return undefined; }
}

function md5File(path: string): string {
  return createHash('md5').update(readFileSync(path)).digest('hex');
}

function loadSidecars(store: S3Store, b: BucketState, known: Set<string>): void {
  const L = store.layout;
  const name = b.info.name;
  for (const e of entries(L.sidecarDir(name))) {
    const file = join(L.sidecarDir(name), e.name);
    const s = isTempName(e.name) ? undefined : readJson<Sidecar>(file);
    const key = s?.meta?.key;
    if (!s || typeof key !== 'string' || typeof s.file !== 'string') { rmSync(file, { force: true }); continue; }
    const segs = naturalSegments(key);
    const path = join(L.root, s.file);
    const allowed = path === L.blob(name, key) || (segs !== undefined && path === join(L.bucketDir(name), ...segs));
    let st: BigIntStats | undefined;
    try { st = statSync(path, { bigint: true }); } catch { /* missing */ }
    if (!allowed || !st) { rmSync(file, { force: true }); continue; }
    let meta: ObjectMeta = s.meta;
    const size = Number(st.size);
    // Another file than the one this sidecar was written for: the bytes were replaced and the crash came
    // before the new sidecar (a sidecar without an inode, from before they were recorded, is checked once).
    if (size !== meta.size || s.ino !== String(st.ino)) {
      const md5 = md5File(path);
      // Same bytes (a copied folder has new inodes): the metadata stands. Other bytes: what can be known of them.
      if (size !== meta.size || md5 !== meta.md5) meta = { ...meta, size, md5, checksums: {}, lastModified: Math.floor(Number(st.mtimeMs)) };
      store.writeSidecar(name, meta, path);
    }
    b.set(key, { meta, path });
    known.add(path);
  }
}

function adoptFiles(store: S3Store, b: BucketState, dir: string, known: Set<string>): void {
  const bucketDir = store.layout.bucketDir(b.info.name);
  for (const e of entries(dir)) {
    const path = join(dir, e.name);
    if (isTempName(e.name)) { rmSync(path, { force: true, recursive: true }); continue; }
    if (e.isDirectory()) { adoptFiles(store, b, path, known); continue; }
    if (!e.isFile() || known.has(path)) continue;
    const key = relative(bucketDir, path).split(sep).join('/');
    if (!naturalSegments(key)) continue;
    const st = statSync(path);
    const meta: ObjectMeta = {
      key, size: st.size, md5: md5File(path), lastModified: Math.floor(st.mtimeMs),
      contentType: 'binary/octet-stream', userMetadata: {}, checksums: {},
    };
    store.writeSidecar(b.info.name, meta, path);
    b.set(key, { meta, path });
  }
}

function removeOrphanBlobs(store: S3Store, name: string, known: Set<string>): void {
  const dir = store.layout.blobDir(name);
  for (const e of entries(dir)) {
    const path = join(dir, e.name);
    if (!known.has(path)) rmSync(path, { force: true, recursive: true });
  }
}

export function openS3Store(opts: OpenOptions): S3Store {
  const store = new S3Store(opts.root, opts.now);
  const L = store.layout;
  for (const e of entries(L.metaRoot())) {
    if (!e.isDirectory() || !isValidBucketName(e.name)) continue;
    const info = readJson<BucketInfo>(L.bucketFile(e.name));
    if (info && info.name === e.name) store.addLoadedBucket(info);
  }
  for (const e of entries(L.objectsRoot())) {
    if (!e.isDirectory() || !isValidBucketName(e.name) || store.bucketExists(e.name)) continue;
    const created = Math.floor(statSync(join(L.objectsRoot(), e.name)).mtimeMs);
    store.addLoadedBucket({ name: e.name, region: opts.region, owner: opts.account, created }, true);
  }
  for (const b of store.buckets.values()) {
    const known = new Set<string>();
    loadSidecars(store, b, known);
    if (existsSync(L.bucketDir(b.info.name))) adoptFiles(store, b, L.bucketDir(b.info.name), known);
    removeOrphanBlobs(store, b.info.name, known);
  }
  return store;
}
