/**
 * A JSON-lines file that is only ever appended to, durably: `append(text)`
 * resolves once the text is written and fsync'd. Appends that arrive while a
 * write is in flight are written together by the next one (group commit), so
 * many concurrent writers cost one fsync per round, not one each. The file
 * is open only while there is something to write.
 *
 * A round that fails part-way (a full disk) can leave part of a line behind.
 * The next round's first line would be glued to it and be unreadable when the
 * file is loaded: an event acknowledged after the failure would be lost. So a
 * failed round is cut back to where it began and, if even that fails, the
 * next round starts on a new line (the fragment is then one unreadable line,
 * skipped and counted on load, and every acknowledged line stays whole).
 */
import { type FileHandle, open } from 'node:fs/promises';

/** How the file is opened for appending; tests pass one that fails on cue. */
export type AppendOpener = (path: string) => Promise<FileHandle>;

const NEWLINE = Buffer.from('\n');

interface Waiter { resolve: () => void; reject: (e: unknown) => void }

export interface AppendFileOptions {
  /**
   * After a failed round, fail every append still waiting and every later one
   * with the same error: for a file whose lines only mean something all
   * together (the EC2 journal), where a line written after a lost one would
   * be worse than none.
   */
  stopOnFailure?: boolean;
}

export class AppendFile {
  private handle: FileHandle | undefined;
  private pending: string[] = [];
  private waiters: Waiter[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  /** The file's length after the last round, while it is open; undefined when unknown. */
  private size: number | undefined;
  /** A failed round left bytes that could not be cut off: the next one starts with a newline. */
  private fragment = false;
  /** With `stopOnFailure`, the failure every append now gets. */
  private failed: { error: unknown } | undefined;

  constructor(
    readonly path: string,
    private readonly openFile: AppendOpener = (p) => open(p, 'a'),
    private readonly opts: AppendFileOptions = {},
  ) {}

  append(text: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.path} is closed`));
    if (this.failed) return Promise.reject(this.failed.error);
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
          if (!this.handle) {
            this.handle = await this.openFile(this.path);
            this.size = (await this.handle.stat()).size;
          }
          const body = Buffer.from(text, 'utf8');
          const bytes = this.fragment ? Buffer.concat([NEWLINE, body]) : body;
          let off = 0;
          while (off < bytes.length) off += (await this.handle.write(bytes, off, bytes.length - off)).bytesWritten;
          await this.handle.datasync();
          this.fragment = false;
          if (this.size !== undefined) this.size += bytes.length;
          for (const w of waiters) w.resolve();
        } catch (e) {
          await this.cutBack();
          if (this.opts.stopOnFailure) {
            this.failed = { error: e };
            waiters.push(...this.waiters);
            this.pending = [];
            this.waiters = [];
          }
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

  /** After a failed round: the file back to its length before the round, or else a newline before the next one. */
  private async cutBack(): Promise<void> {
    const h = this.handle;
    if (!h) return; // the open failed: nothing was written
    try {
      if (this.size === undefined) throw new Error('length unknown');
      await h.truncate(this.size);
    } catch {
      this.fragment = true;
      this.size = undefined;
    }
  }
}
