/**
 * Writing the same records as S3 gzip text and as Parquet, several rounds,
 * each with its reference measured in the same round (gzip -6 of the same
 * bytes; DuckDB's own read_csv of the same lines). See
 * src/adapters/destinations/bench.ts for what each figure times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchParquet, benchReadCsv, benchText, retarget } from '../src/adapters/destinations/bench.ts';
import { benchRecords } from './records.ts';
import { type Figure, durations, figure } from './stats.ts';

export interface WriteBench {
  records: number;
  /** Text objects: sink time / gzip -6 time, per round (lower is better). */
  textRatio: Figure;
  textMs: Figure;
  gzip6Ms: Figure;
  textBytes: number;
  textGzipBytes: number;
  /** Parquet (gzip), records per second, and the objects' total size. */
  parquet: { rate: Figure; bytes: number };
  /** DuckDB's read_csv → Parquet of the staged lines, records per second. */
  readCsv: Figure;
}


export async function benchWriting(rounds = 3, repeat = 75): Promise<WriteBench> {
  const emitted = await benchRecords(repeat);
  const asText = retarget(emitted, 'plain-text'), asParquet = retarget(emitted, 'parquet');
  const records = emitted;
  const ratio: number[] = [], textMs: number[] = [], gzip6Ms: number[] = [];
  let textBytes = 0, textGzipBytes = 0;
  const pqRates: number[] = [], rcRates: number[] = [];
  let pqBytes = 0;
  // Round 0 warms up (compiled code, heap) and is not counted. Each measurement starts after a pause, so that
  // the collector has dealt with the previous one's garbage (the text reference alone leaves 44 MiB of buffers).
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
  for (let r = 0; r <= rounds; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'vpcflow-bench-write-'));
    const counted = r > 0;
    try {
      await settle();
      const b = await benchParquet(asParquet, join(dir, 'parquet'));
      if (counted) {
        pqRates.push(b.recordsPerSec);
        pqBytes = b.bytes;
      }
      await settle();
      const t = await benchText(asText, join(dir, 'text'));
      if (!counted) continue;
      ratio.push(t.ratio);
      textMs.push(t.textMs);
      gzip6Ms.push(t.gzip6Ms);
      textBytes = t.textBytes;
      textGzipBytes = t.textGzipBytes;
      await settle();
      rcRates.push((await benchReadCsv(asParquet, join(dir, 'read-csv'))).recordsPerSec);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    records: records.length, textRatio: durations(ratio), textMs: durations(textMs), gzip6Ms: durations(gzip6Ms), textBytes, textGzipBytes,
    parquet: { rate: figure(pqRates), bytes: pqBytes },
    readCsv: figure(rcRates),
  };
}
