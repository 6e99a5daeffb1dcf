/**
 * Text built up over a run and appended to a temporary file in large pieces,
 * then renamed into place at the end (see atomic.ts). Writers flush when their
 * buffers pass a size budget, which bounds memory however long the run is.
 */
import { AppendingFile } from './atomic.ts';

export class BufferedFile {
  readonly finalPath: string;
  records = 0;
  private file: AppendingFile | undefined;
  private chunks: string[] = [];
  private pendingChars = 0;

  constructor(finalPath: string) {
    this.finalPath = finalPath;
  }

  /** Approximate buffered size (UTF-16 units; record text is ASCII in practice). */
  get pending(): number { return this.pendingChars; }

  /** `text` is whole lines, each ending in `\n`. */
  push(text: string, records: number): void {
    this.chunks.push(text);
    this.pendingChars += text.length;
    this.records += records;
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    this.file ??= new AppendingFile(this.finalPath);
    this.file.append(Buffer.from(this.chunks.join(''), 'utf8'));
    this.chunks = [];
    this.pendingChars = 0;
  }

  /** Flushes, renames into place, and returns the file's size in bytes. */
  commit(): number {
    this.flush();
    if (!this.file) return 0;
    const bytes = this.file.size;
    this.file.commit();
    return bytes;
  }

  discard(): void {
    this.chunks = [];
    this.pendingChars = 0;
    this.file?.discard();
  }
}
