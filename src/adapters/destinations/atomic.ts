/**
 * Files appear under their final name only once complete: data goes to a
 * hidden temporary name in the same folder (so the rename cannot cross file
 * systems), is flushed to disk, and is then renamed. A crash at any point
 * leaves at most a `.…tmp` file, never a truncated object under its real name.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A fresh temporary name beside `finalPath`; the pid and a counter keep concurrent writers apart. */
export function tempPathFor(finalPath: string): string {
  counter += 1;
  return join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.${counter}.tmp`);
}

export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r+');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

/**
 * Flushes a folder's entries (a rename or a new file in it) to disk, for the
 * API server's stores, which acknowledge writes: without it, a power loss
 * right after the answer could lose the name though the bytes were synced.
 * Best effort: some file systems refuse to sync a folder.
 */
export function syncDirSync(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try { fsyncSync(fd); } catch { /* not supported here */ } finally { closeSync(fd); }
}

/** Best effort: the caller is already handling the error that made this necessary. */
export function discardTemp(tempPath: string): void {
  try { rmSync(tempPath, { force: true }); } catch { /* the original error matters more */ }
}

/** Flushes a finished temporary file to disk and moves it to its final name. */
export function commitTemp(tempPath: string, finalPath: string): void {
  fsyncPath(tempPath);
  renameSync(tempPath, finalPath);
}

/** Writes through `fill(fd)` into a temporary file, then renames it into place; removes it on failure. */
export function atomicWriteSync(finalPath: string, fill: (fd: number) => void): void {
  mkdirSync(dirname(finalPath), { recursive: true });
  const tmp = tempPathFor(finalPath);
  const fd = openSync(tmp, 'wx');
  try {
    fill(fd);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    discardTemp(tmp);
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, finalPath);
  } catch (err) {
    discardTemp(tmp);
    throw err;
  }
}

export function writeFileAtomicSync(finalPath: string, data: Uint8Array): void {
  atomicWriteSync(finalPath, (fd) => writeAll(fd, data));
}

/** commitTemp on libuv's threads: the flush to disk (slow when the disk is busy) no longer holds up the caller. */
export async function commitTempAsync(tempPath: string, finalPath: string): Promise<void> {
  const fh = await open(tempPath, 'r+');
  try { await fh.sync(); } finally { await fh.close(); }
  await rename(tempPath, finalPath);
}

/**
 * For writers that need a path rather than a descriptor (DuckDB's COPY): `produce`
 * creates the temporary file, which is then committed, or removed if it throws.
 */
export async function atomicWriteVia(finalPath: string, produce: (tempPath: string) => Promise<void>): Promise<void> {
  mkdirSync(dirname(finalPath), { recursive: true });
  const tmp = tempPathFor(finalPath);
  try {
    await produce(tmp);
    await commitTempAsync(tmp, finalPath);
  } catch (err) {
    discardTemp(tmp);
    throw err;
  }
}

/** Writes `parts` to a temporary file, flushes and renames it into place, all on libuv's threads; returns the size. */
export async function atomicWriteParts(finalPath: string, parts: readonly Uint8Array[]): Promise<number> {
  mkdirSync(dirname(finalPath), { recursive: true });
  const tmp = tempPathFor(finalPath);
  let size = 0;
  try {
    const fh = await open(tmp, 'wx');
    try {
      for (let i = 0; i < parts.length;) {
        // writev takes a bounded number of buffers per call.
        const batch = parts.slice(i, i + 512);
        let want = 0;
        for (const b of batch) want += b.length;
        const { bytesWritten } = await fh.writev(batch as Uint8Array[]);
        if (bytesWritten !== want) throw new Error(`short write to ${tmp}: ${bytesWritten} of ${want} bytes`);
        size += want;
        i += batch.length;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, finalPath);
  } catch (err) {
    discardTemp(tmp);
    throw err;
  }
  return size;
}

/** Like atomicWriteVia, for writers that fill an open descriptor asynchronously. */
export async function atomicWriteFd(finalPath: string, fill: (fd: number) => Promise<void>): Promise<void> {
  await atomicWriteVia(finalPath, async (tmp) => {
    const fd = openSync(tmp, 'wx');
    try { await fill(fd); } finally { closeSync(fd); }
  });
}

/** Writes every chunk to `fd`; for chunk producers that reuse their buffer. */
export function writeChunks(fd: number, chunks: Iterable<Uint8Array>): number {
  let n = 0;
  for (const c of chunks) {
    writeAll(fd, c);
    n += c.length;
  }
  return n;
}

/**
 * A file built up by appends over a whole run (a CloudWatch stream, a Firehose
 * log) that must still only appear complete. Each append opens and closes the
 * file so that thousands of streams never hold thousands of descriptors.
 */
export class AppendingFile {
  readonly finalPath: string;
  readonly tempPath: string;
  private bytes = 0;
  private state: 'open' | 'committed' | 'discarded' = 'open';

  constructor(finalPath: string) {
    mkdirSync(dirname(finalPath), { recursive: true });
    this.finalPath = finalPath;
    this.tempPath = tempPathFor(finalPath);
    closeSync(openSync(this.tempPath, 'wx'));
  }

  get size(): number { return this.bytes; }

  append(data: Uint8Array): void {
    if (this.state !== 'open') throw new Error(`${this.finalPath} is already ${this.state}`);
    if (data.length === 0) return;
    const fd = openSync(this.tempPath, 'a');
    try { writeAll(fd, data); } finally { closeSync(fd); }
    this.bytes += data.length;
  }

  commit(): void {
    if (this.state !== 'open') throw new Error(`${this.finalPath} is already ${this.state}`);
    commitTemp(this.tempPath, this.finalPath);
    this.state = 'committed';
  }

  /** commit, with the flush to disk and the rename on libuv's threads (many files can commit side by side). */
  async commitAsync(): Promise<void> {
    if (this.state !== 'open') throw new Error(`${this.finalPath} is already ${this.state}`);
    this.state = 'committed';
    await commitTempAsync(this.tempPath, this.finalPath);
  }

  discard(): void {
    if (this.state !== 'open') return;
    discardTemp(this.tempPath);
    this.state = 'discarded';
  }
}
