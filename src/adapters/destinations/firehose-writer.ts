/**
 * Firehose destinations: `firehose/<delivery stream>.log`, one record line per
 * line, in emission order, no header.
 *
 * Lines are appended to a temporary file while the run goes on and renamed at
 * close. Appending keeps memory bounded on long runs; the rename keeps the
 * file from ever being seen half-written under its real name, which appending
 * to the final name directly could not promise.
 */
import { join } from 'node:path';
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import { BufferedFile } from './buffered-file.ts';
import { deliveryStreamName } from './destination-names.ts';
import type { WrittenFile } from './manifest.ts';

const FLUSH_BUDGET = 8 << 20;

export interface FirehoseWritten { stream: string; file: WrittenFile }

export class FirehoseWriter {
  readonly written: FirehoseWritten[] = [];
  private readonly outs = new Map<string, BufferedFile>();
  private readonly nameOf = new Map<string, string>();
  private buffered = 0;

  constructor(private readonly outDir: string) {}

  add(r: EmittedRecord): void {
    let name = this.nameOf.get(r.flowLog.id);
    if (name === undefined) this.nameOf.set(r.flowLog.id, (name = deliveryStreamName(r.flowLog)));
    let out = this.outs.get(name);
    if (!out) this.outs.set(name, (out = new BufferedFile(join(this.outDir, 'firehose', `${name}.log`))));
    out.push(r.line + '\n', 1);
    this.buffered += r.line.length + 1;
    if (this.buffered > FLUSH_BUDGET) {
      for (const o of this.outs.values()) o.flush();
      this.buffered = 0;
    }
  }

  /** Commits every stream file (side by side). */
  async close(): Promise<void> {
    const names = [...this.outs.keys()].sort();
    const sizes = await Promise.all(names.map((name) => this.outs.get(name)!.commitAsync()));
    names.forEach((name, i) => this.written.push({ stream: name, file: { path: `firehose/${name}.log`, records: this.outs.get(name)!.records, bytes: sizes[i]! } }));
  }

  abort(): void {
    for (const o of this.outs.values()) o.discard();
  }
}
