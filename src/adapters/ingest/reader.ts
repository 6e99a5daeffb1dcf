/**
 * A file's bytes, gunzipped when they start with gzip's magic number: first a
 * look at the head (to tell formats apart), then the whole stream in large
 * chunks, without reading the file twice. Gzip damage becomes a ReadError
 * that says what is wrong with which file.
 */
import { createReadStream } from 'node:fs';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import type { Readable } from 'node:stream';
import { isGzip } from '../../core/ingest/sniff.ts';

export class ReadError extends Error {
  constructor(readonly file: string, reason: string) {
    super(reason);
  }
}

const CHUNK = 1 << 20;

export function describeReadError(file: string, e: unknown, gzip: boolean): ReadError {
  if (e instanceof ReadError) return e;
  const err = e as NodeJS.ErrnoException;
  if (gzip && (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message))) {
    return new ReadError(file, 'truncated gzip: the compressed data ends before the end of the gzip stream');
  }
  if (gzip && typeof err.code === 'string' && err.code.startsWith('Z_')) return new ReadError(file, `corrupt gzip: ${err.message}`);
  if (err.code === 'ENOENT') return new ReadError(file, 'no such file');
  if (err.code === 'EACCES' || err.code === 'EPERM') return new ReadError(file, 'permission denied');
  if (err.code === 'EISDIR') return new ReadError(file, 'is a folder');
  return new ReadError(file, err.message ?? String(e));
}

export class InputFile {
  readonly file: string;
  gzip = false;
  private stream: Readable | undefined;
  private iter: AsyncIterator<Buffer> | undefined;
  private buffered: Buffer[] = [];
  private done = false;

  constructor(file: string) {
    this.file = file;
  }

  private async open(): Promise<void> {
    if (this.iter) return;
    const raw = createReadStream(this.file, { highWaterMark: CHUNK });
    const first = await new Promise<Buffer | null>((res, rej) => {
      raw.once('error', rej);
      raw.once('readable', () => res(raw.read() as Buffer | null));
    }).catch((e: unknown) => { throw describeReadError(this.file, e, false); });
    if (first === null) {
      this.done = true;
      this.iter = (async function* () { /* empty file */ })();
      return;
    }
    raw.unshift(first);
    this.gzip = isGzip(first);
    // A deep output buffer lets zlib (on libuv's pool) decompress ahead while the caller works on a chunk.
    this.stream = this.gzip ? raw.pipe(createGunzip({ chunkSize: CHUNK, highWaterMark: 8 * CHUNK } as ZlibOptions)) : raw;
    if (this.gzip) raw.on('error', (e) => this.stream?.destroy(e));
    this.iter = this.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async pull(): Promise<Buffer | null> {
    await this.open();
    if (this.done) return null;
    try {
      const r = await this.iter!.next();
      if (r.done) { this.done = true; return null; }
      return r.value;
    } catch (e) {
      this.done = true;
      throw describeReadError(this.file, e, this.gzip);
    }
  }

  /** At least `n` leading bytes (fewer if the file is shorter); they are still returned by `chunks()`. */
  async head(n = 64 * 1024): Promise<Buffer> {
    let size = this.buffered.reduce((s, b) => s + b.length, 0);
    while (size < n) {
      const c = await this.pull();
      if (!c) break;
      this.buffered.push(c);
      size += c.length;
    }
    const all = Buffer.concat(this.buffered);
    this.buffered = all.length ? [all] : [];
    return all.subarray(0, n);
  }

  async *chunks(): AsyncGenerator<Buffer> {
    while (this.buffered.length) yield this.buffered.shift()!;
    for (;;) {
      const c = await this.pull();
      if (!c) return;
      yield c;
    }
  }

  /** The whole (decompressed) content. */
  async readAll(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const c of this.chunks()) parts.push(c);
    return Buffer.concat(parts);
  }

  close(): void {
    this.stream?.destroy();
  }
}
