/**
 * Text built up over a run and appended to a temporary file in large pieces,
 * then renamed into place at the end (see atomic.ts). Writers flush when their
 * buffers pass a size budget, which bounds memory however long the run is.
 * The text waits as UTF-8 bytes, outside the JavaScript heap.
 */
import { AppendingFile } from './atomic.ts';
import { ByteBuffer } from './bytes.ts';

export class BufferedFile {
  readonly finalPath: string;
  records = 0;
  private file: AppendingFile | undefined;
  private readonly data = new ByteBuffer(4096);

  constructor(finalPath: string) {
    this.finalPath = finalPath;
  }

  /** Buffered size, bytes. */
  get pending(): number { return this.data.pos; }

  /** `text` is whole lines, each ending in `\n`. */
  push(text: string, records: number): void {
    this.data.text(text);
    this.records += records;
  }

  /** Whole lines already encoded. */
  pushBytes(bytes: Uint8Array, records: number): void {
    this.data.bytes(bytes);
    this.records += records;
  }

  flush(): void {
    if (this.data.pos === 0) return;
    this.file ??= new AppendingFile(this.finalPath);
    this.file.append(this.data.view());
    this.data.clear();
  }

  /** Flushes, renames into place, and returns the file's size in bytes. */
  commit(): number {
    this.flush();
    if (!this.file) return 0;
    const bytes = this.file.size;
    this.file.commit();
    return bytes;
  }

  /** commit, flushing to disk and renaming on libuv's threads. */
  async commitAsync(): Promise<number> {
    this.flush();
    if (!this.file) return 0;
    const bytes = this.file.size;
    await this.file.commitAsync();
    return bytes;
  }

  discard(): void {
    this.data.clear();
    this.file?.discard();
  }
}
