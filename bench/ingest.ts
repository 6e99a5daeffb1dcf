/**
 * Ingest speed for `npm run bench`: `vpcflow ingest` (loadIntoStore) of one
 * S3-style gzip text object and of one AWS-schema Parquet object of `records`
 * generated v2 records, against DuckDB's own reader of the same data:
 * read_csv of the *decompressed* text, and read_parquet of the Parquet file,
 * each into an in-memory table. Targets (issue 4): at least 1 million records
 * per second for gzip text, and gzip text ingest no slower than 1.5× that
 * read_csv. Each figure is the best of `rounds` runs, alternating, so other
 * load on the machine hits both sides alike; as the best of each side may come
 * from different moments of a machine shared with other work, the median of
 * the per-round ratios, and the load average at the start and the end, are
 * given too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadIntoStore } from '../src/adapters/ingest/engine.ts';
import { openDuck } from '../src/adapters/store/duck.ts';
import { columnName, duckType } from '../src/core/ingest/columns.ts';
import { DEFAULT_V2 } from '../src/core/ingest/format.ts';

export interface IngestSide { seconds: number; recordsPerSecond: number }
export interface IngestBench {
  records: number;
  /** `medianRatio`: the median over rounds of that round's ingest ÷ DuckDB time (`ratio` is best ÷ best). */
  gzipText: { ingest: IngestSide; duckdbReadCsv: IngestSide; ratio: number; medianRatio: number };
  parquet: { ingest: IngestSide; duckdbReadParquet: IngestSide; ratio: number; medianRatio: number };
  /** 1-minute load average when the rounds started and when they ended. */
  loadAverage: { start: number; end: number };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Deterministic v2 records: many addresses and ports, 1 in 1000 NODATA. */
export function generateRecords(n: number): string {
  let x = 12345;
  const r = (): number => (x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff);
  const out: string[] = ['version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status'];
  for (let i = 0; i < n; i++) {
    const eni = `eni-0a1b2c3d4e5f6a7b${i % 10}`;
    const start = 1767225600 + Math.floor(i / 64);
    if (i % 1000 === 999) { out.push(`2 123456789012 ${eni} - - - - - - - ${start} ${start + 60} - NODATA`); continue; }
    const packets = (r() % 1000) + 1;
    out.push(`2 123456789012 ${eni} 10.${r() % 256}.${r() % 256}.${r() % 256} 172.31.${r() % 256}.${r() % 256} ${r() % 65536} ${[22, 80, 443, 3306][r() % 4]} ${[6, 17, 1][r() % 3]} ${packets} ${packets * 40 + (r() % 100000)} ${start} ${start + 60} ${r() % 5 ? 'ACCEPT' : 'REJECT'} OK`);
  }
  return `${out.join('\n')}\n`;
}

const side = (records: number, seconds: number): IngestSide => ({ seconds, recordsPerSecond: records / seconds });

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

export async function benchIngest(records = 1_000_000, rounds = 5): Promise<IngestBench> {
  const dir = mkdtempSync(join(tmpdir(), 'vpcflow-bench-ingest-'));
  try {
    const text = generateRecords(records);
    const plain = join(dir, 'flows.log');
    const gz = join(dir, '123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20260101T0000Z_0badcafe.log.gz');
    const parquet = join(dir, '123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20260101T0000Z_0badcafe.log.parquet');
    writeFileSync(plain, text);
    writeFileSync(gz, gzipSync(text, { level: 6 }));
    const duck = await openDuck();
    const columns = DEFAULT_V2.map((f) => `'${columnName(f)}': '${duckType(f)}'`).join(', ');
    const readCsv = `read_csv('${plain}', delim=' ', header=true, nullstr='-', quote='', escape='', auto_detect=false, columns={${columns}})`;
    // AWS's Parquet schema: INT32 protocol and ports, INT64 counts and times, strings keep '-'.
    const awsSelect = DEFAULT_V2.map((f) => {
      const c = `"${columnName(f)}"`;
      return f.type === 'string' ? `coalesce(${c}, '-') AS ${c}` : f.type === 'int32' ? `CAST(${c} AS INTEGER) AS ${c}` : c;
    }).join(', ');
    await duck.run(`COPY (SELECT ${awsSelect} FROM ${readCsv}) TO '${parquet}' (FORMAT parquet, COMPRESSION gzip)`);

    const ingestText: number[] = [], duckCsv: number[] = [], ingestPq: number[] = [], duckPq: number[] = [];
    const loadStart = loadavg()[0]!;
    for (let k = 0; k < rounds; k++) {
      const outText = join(dir, `out-text-${k}`), outPq = join(dir, `out-pq-${k}`);
      ingestText.push(await timed(() => loadIntoStore(outText, [gz], { origin: 'ingest' })));
      duckCsv.push(await timed(() => duck.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM ${readCsv}`)));
      ingestPq.push(await timed(() => loadIntoStore(outPq, [parquet], { origin: 'ingest' })));
      duckPq.push(await timed(() => duck.run(`CREATE OR REPLACE TABLE p AS SELECT * FROM read_parquet('${parquet}')`)));
      rmSync(outText, { recursive: true, force: true });
      rmSync(outPq, { recursive: true, force: true });
      await duck.run('DROP TABLE IF EXISTS t; DROP TABLE IF EXISTS p');
    }
    const loadEnd = loadavg()[0]!;
    duck.close();
    const best = Math.min;
    return {
      records,
      gzipText: {
        ingest: side(records, best(...ingestText)), duckdbReadCsv: side(records, best(...duckCsv)),
        ratio: best(...ingestText) / best(...duckCsv), medianRatio: median(ingestText.map((t, i) => t / duckCsv[i]!)),
      },
      parquet: {
        ingest: side(records, best(...ingestPq)), duckdbReadParquet: side(records, best(...duckPq)),
        ratio: best(...ingestPq) / best(...duckPq), medianRatio: median(ingestPq.map((t, i) => t / duckPq[i]!)),
      },
      loadAverage: { start: loadStart, end: loadEnd },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('ingest.ts')) {
  const r = await benchIngest(Number(process.env.BENCH_INGEST_RECORDS ?? 1_000_000));
  console.log(JSON.stringify(r, null, 2));
}
