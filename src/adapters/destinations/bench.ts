/**
 * Write-speed figures for `npm run bench`: the S3 text path against plain
 * gzip -6 of the very same bytes (target: text no slower than 1.5×), and
 * Parquet records per second (target: at least 1 million) per codec.
 * Every record is re-targeted at an S3 bucket in the format under test, so any
 * emitted records will do. Output stays in `dir` for inspection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import type { FlowLog } from '../../core/model/types.ts';
import { GZIP_LEVEL } from './gzip.ts';
import type { DeliveryManifest } from './manifest.ts';
import type { ParquetCompression } from './parquet.ts';
import { DeliverySink } from './sink.ts';

export interface ParquetBench {
  compression: ParquetCompression;
  ms: number;
  recordsPerSec: number;
  bytes: number;
}

export interface BenchResult {
  records: number;
  /** Sink time for gzip text objects: accept every record, then write all objects. */
  textMs: number;
  /** Uncompressed and compressed size of those objects. */
  textBytes: number;
  textGzipBytes: number;
  /** node:zlib gzip level 6 of each object's uncompressed bytes, summed. */
  gzip6Ms: number;
  /** textMs / gzip6Ms; the target is at most 1.5. */
  textToGzipRatio: number;
  parquet: ParquetBench[];
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

function retarget(records: readonly EmittedRecord[], fileFormat: FlowLog['fileFormat']): EmittedRecord[] {
  const clones = new Map<FlowLog, FlowLog>();
  return records.map((r) => {
    let fl = clones.get(r.flowLog);
    if (!fl) {
      const dest = r.flowLog.destinationType === 's3' ? r.flowLog.logDestination : 'arn:aws:s3:::vpcflow-bench';
      clones.set(r.flowLog, (fl = { ...r.flowLog, destinationType: 's3', logDestination: dest, fileFormat }));
    }
    return { ...r, flowLog: fl };
  });
}

async function timeSink(records: readonly EmittedRecord[], dir: string, parquetCompression?: ParquetCompression): Promise<{ ms: number; manifest: DeliveryManifest }> {
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION, ...(parquetCompression ? { parquetCompression } : {}) });
  const t0 = performance.now();
  for (const r of records) sink.accept(r);
  const manifest = await sink.finish();
  return { ms: performance.now() - t0, manifest };
}

const filesOf = (m: DeliveryManifest): Array<{ path: string; bytes: number }> => m.destinations.flatMap((d) => d.files);

export async function benchWrite(
  records: EmittedRecord[],
  dir: string,
  opts: { parquetCompressions?: ParquetCompression[] } = {},
): Promise<BenchResult> {
  const textRecords = retarget(records, 'plain-text');
  const text = await timeSink(textRecords, join(dir, 'text'));
  const raw = filesOf(text.manifest).map((f) => gunzipSync(readFileSync(join(dir, 'text', f.path))));
  const t0 = performance.now();
  for (const b of raw) gzipSync(b, { level: GZIP_LEVEL });
  const gzip6Ms = performance.now() - t0;

  const parquetRecords = retarget(records, 'parquet');
  const parquet: ParquetBench[] = [];
  for (const compression of opts.parquetCompressions ?? ['gzip']) {
    const { ms, manifest } = await timeSink(parquetRecords, join(dir, `parquet-${compression}`), compression);
    parquet.push({ compression, ms, recordsPerSec: records.length / (ms / 1000), bytes: filesOf(manifest).reduce((s, f) => s + f.bytes, 0) });
  }
  return {
    records: records.length,
    textMs: text.ms,
    textBytes: raw.reduce((s, b) => s + b.length, 0),
    textGzipBytes: filesOf(text.manifest).reduce((s, f) => s + f.bytes, 0),
    gzip6Ms,
    textToGzipRatio: text.ms / gzip6Ms,
    parquet,
  };
}
