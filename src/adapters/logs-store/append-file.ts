/**
 * A JSON-lines file that is only ever appended to, durably: `append(text)`
 * resolves once the text is written and fsync'd. Appends that arrive while a
 * write is in flight are written together by the next one (group commit), so
 * many concurrent writers cost one fsync per round, not one each. The file
 * is open only while there is something to write.
 */
import { type FileHandle, open } from 'node:fs/promises';

interface Waiter { resolve: () => void; reject: (e: unknown) => void }

export class AppendFile {
  private handle: FileHandle | undefined;
  private pending: string[] = [];
  private waiters: Waiter[] = [];
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(readonly path: string) {}

  append(text: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.path} is closed`));
    return new Promise<void>((resolve, reject) => {
      this.pending.push(text);
      this.waiters.push({ resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when every append so far is on disk (or failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    const h = this.handle;
    this.handle = undefined;
    await h?.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const text = this.pending.join('');
        const waiters = this.waiters;
        this.pending = [];
        this.waiters = [];
        try {
          this.handle ??= await open(this.path, 'a');
          const bytes = Buffer.from(text, 'utf8');
          let off = 0;
          while (off < bytes.length) off += (await this.handle.write(bytes, off, bytes.length - off)).bytesWritten;
          await this.handle.datasync();
          for (const w of waiters) w.resolve();
        } catch (e) {
          for (const w of waiters) w.reject(e);
        }
      }
    } finally {
      // Nothing left to write: the file is closed, so a store nobody closes holds no descriptors.
      const h = this.handle;
      this.handle = undefined;
      await h?.close().catch(() => undefined);
      // Appends that came while closing start the next round.
      this.running = this.pending.length ? this.drain() : undefined;
    }
  }
}
