/**
 * The query issue's benchmarks: ingest records/s (gzip text, Parquet) against
 * DuckDB's own readers on the same data, and the four documented Insights
 * queries over 10 million events. Run by `npm run bench` after the others.
 */
import { benchIngest } from './ingest.ts';
import { benchInsights, insightsBenchLines } from './insights.ts';

const only = new Set((process.env.BENCH_ONLY ?? 'ingest,insights').split(','));
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const lines: string[] = [];
const m = (x: number) => `${(x / 1e6).toFixed(2)} M/s`;

if (only.has('ingest')) {
  const b = await benchIngest(Number(process.env.BENCH_INGEST_RECORDS ?? 1_000_000), rounds);
  lines.push(`ingest gzip text, ${b.records} records: ${m(b.gzipText.ingest.recordsPerSecond)} (${b.gzipText.ingest.seconds.toFixed(2)} s) vs DuckDB read_csv of the decompressed file ${b.gzipText.duckdbReadCsv.seconds.toFixed(2)} s: ${b.gzipText.ratio.toFixed(2)}×  [target ≥ 1 M/s and ≤ 1.5×]`);
  lines.push(`ingest Parquet, ${b.records} records: ${m(b.parquet.ingest.recordsPerSecond)} (${b.parquet.ingest.seconds.toFixed(2)} s) vs DuckDB read_parquet ${b.parquet.duckdbReadParquet.seconds.toFixed(2)} s: ${b.parquet.ratio.toFixed(2)}×`);
}
if (only.has('insights')) {
  const b = await benchInsights(Number(process.env.BENCH_INSIGHTS_RECORDS ?? 10_000_000), rounds);
  lines.push(...insightsBenchLines(b));
}
for (const l of lines) console.log(l);
