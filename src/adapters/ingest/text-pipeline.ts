/**
 * Text segments go to DuckDB while the next ones are still being read: the
 * pipeline gathers segments per record format and, once a batch holds enough
 * bytes (or at the end), loads it on the one DuckDB connection, one batch
 * after another, while the JavaScript side goes on decompressing. Small files
 * of one format thus share a scan (and a part); a large file is parsed in
 * slices as it arrives (a slice goes at once: it is large enough alone).
 */
import { rmSync } from 'node:fs';
import { formatKey } from '../../core/ingest/format.ts';
import type { Duck } from '../store/duck.ts';
import { loadText, type PartSink, type TextItem, type TextLoadResult } from './text-load.ts';

export const BATCH_BYTES = 32 << 20;

export class TextPipeline {
  private pending = new Map<string, { items: TextItem[]; bytes: number }>();
  private chain: Promise<void> = Promise.resolve();
  readonly results: TextLoadResult[] = [];

  constructor(private readonly duck: Duck, private readonly sink: PartSink, private readonly batchBytes = BATCH_BYTES) {}

  /** `now`: load it at once (a slice of a large file), rather than waiting for a batch to fill. */
  add(item: TextItem, now = false): void {
    const k = formatKey(item.segment.format);
    const p = this.pending.get(k) ?? { items: [], bytes: 0 };
    p.items.push(item);
    p.bytes += item.segment.bytes;
    this.pending.set(k, p);
    if (now || p.bytes >= this.batchBytes) this.flush(k);
  }

  private flush(k: string): void {
    const p = this.pending.get(k);
    this.pending.delete(k);
    if (!p?.items.length) return;
    this.chain = this.chain.then(async () => {
      this.results.push(await loadText(this.duck, p.items, this.sink));
      // Staged text is not needed once parsed: keep the disk use of a large load bounded.
      for (const it of p.items) if (it.segment.staged) rmSync(it.segment.path, { force: true });
    });
    // The error, if any, is taken up by settle() or drain(); this only stops Node calling it unhandled meanwhile.
    this.chain.catch(() => undefined);
  }

  /** Forgets segments of a file not yet handed to DuckDB (the file failed later on). */
  discard(file: string): void {
    for (const p of this.pending.values()) p.items = p.items.filter((it) => it.file !== file);
  }

  /** Waits for the batches already started. */
  async settle(): Promise<void> {
    await this.chain;
  }

  /** Loads everything still pending and waits for all of it. */
  async drain(): Promise<TextLoadResult[]> {
    for (const k of [...this.pending.keys()]) this.flush(k);
    await this.chain;
    return this.results;
  }
}
