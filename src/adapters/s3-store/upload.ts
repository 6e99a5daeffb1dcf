/**
 * One object being written: bytes go to a temporary file beside the final
 * name while their MD5 is computed; `commit` flushes and renames it into
 * place (synchronously, so concurrent uploads of one key never interleave
 * their file and metadata), `abort` removes it. Nothing appears under the
 * final name before `commit`.
 */
import { type Hash, createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { discardTemp, tempPathFor } from '../destinations/atomic.ts';

export class ObjectUpload {
  private readonly fd: number;
  private readonly md5: Hash = createHash('md5');
  private bytes = 0;
  private done = false;
  private digest: string | undefined;

  constructor(readonly finalPath: string, readonly tempPath = tempPathFor(finalPath)) {
    this.fd = openSync(tempPath, 'wx');
  }

  get size(): number { return this.bytes; }

  write(chunk: Uint8Array): void {
    if (this.done) throw new Error(`upload to ${this.finalPath} is already finished`);
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
    this.md5.update(chunk);
    this.bytes += chunk.length;
  }

  /** Flushes and closes the temporary file; returns the MD5 (hex). Repeatable; `place` or `abort` next. */
  finish(): string {
    if (this.digest !== undefined) return this.digest;
    if (this.done) throw new Error(`upload to ${this.finalPath} was aborted`);
    this.done = true;
    fsyncSync(this.fd);
    closeSync(this.fd);
    return (this.digest = this.md5.digest('hex'));
  }

  /** Moves the finished file to `path` (the final name, or another if that one is taken by a folder). */
  place(path: string): void {
    renameSync(this.tempPath, path);
  }

  abort(): void {
    if (!this.done && this.digest === undefined) {
      this.done = true;
      try { closeSync(this.fd); } catch { /* already closed */ }
    }
    discardTemp(this.tempPath);
  }
}
