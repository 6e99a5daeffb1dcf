/**
 * `npm run bench`: every benchmark the issues ask for, printed as one table.
 * Rates are the best of several runs (the machine is shared), with the median
 * and worst beside them; ratios are against references measured in the same
 * run. BENCH_ONLY=dataplane,e2e,write runs a subset; BENCH_ROUNDS, BENCH_PACKETS,
 * BENCH_E2E_RUNS and BENCH_E2E_REPEAT scale them.
 */
import { spawnSync } from 'node:child_process';
import { benchDataplane } from './dataplane.ts';
import { type E2eRun, benchEndToEnd } from './e2e.ts';
import { type Figure, durations, figure, rate } from './stats.ts';
import { benchWriting } from './write.ts';

const only = new Set((process.env.BENCH_ONLY ?? 'dataplane,e2e,write').split(','));
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const rows: [string, string, string][] = [];
const row = (what: string, figureText: string, target = '') => {
  rows.push([what, figureText, target]);
  console.error(`  ${what}: ${figureText}`); // progress while the rest runs
};
const mib = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;
const spread = (f: Figure, unit: (x: number) => string) => `${unit(f.best)} (median ${unit(f.median)}, worst ${unit(f.worst)}; ${f.runs} runs)`;

/** Seconds a fresh node takes for 10^8 additions: how fast this machine is at the moment. */
function referenceLoopSeconds(): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-e', 'let s = 0; for (let i = 0; i < 1e8; i++) s += i; if (s < 0) console.log(s);']);
  if (r.status !== 0) throw new Error(`the reference loop failed: ${r.stderr}`);
  return (performance.now() - t0) / 1000;
}

if (only.has('dataplane')) {
  const dp = benchDataplane(Number(process.env.BENCH_PACKETS ?? 5_000_000), rounds);
  row('data plane: mid-connection packets, per-connection FlowCache (as vpcflow run sends them), 1 core', rate(dp.cached), '≥ 5 M/s');
  row('data plane: the same packets without FlowCache (full walk each)', rate(dp.uncached));
  row('data plane: every packet a new connection (SYN: rules matched, tracking entry added)', rate(dp.newConnections));
}

if (only.has('e2e')) {
  const repeat = Number(process.env.BENCH_E2E_REPEAT ?? 300);
  const runs = Number(process.env.BENCH_E2E_RUNS ?? 3);
  const rs: E2eRun[] = [];
  const refs: number[] = [];
  for (let i = 0; i < runs; i++) {
    refs.push(referenceLoopSeconds());
    rs.push(benchEndToEnd(repeat));
  }
  const r0 = rs[0]!;
  const label = `vpcflow run, ${(r0.packets / 1e6).toFixed(1)} M packets, ${(r0.records / 1e6).toFixed(2)} M records`;
  row(`${label}: packets per second`, rate(figure(rs.map((r) => r.packets / r.seconds))), '≥ 2 M/s');
  row(`${label}: records per second`, rate(figure(rs.map((r) => r.records / r.seconds))));
  row(`${label}: peak resident memory (child's max RSS)`, spread(durations(rs.map((r) => r.maxRss)), mib), '< 1 GiB');
  // The machine's own speed, taken before each run: this virtual machine's varies from minute to minute.
  row('reference: a one-core loop of 10^8 additions, before each of those runs (the machine at that moment)', spread(durations(refs), (x) => `${x.toFixed(2)} s`));
}

if (only.has('write')) {
  const w = await benchWriting(Math.max(1, Math.min(rounds, 3)));
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  row(`S3 gzip text, ${(w.records / 1e3).toFixed(0)} k records (${mib(w.textBytes)} → ${mib(w.textGzipBytes)}): time / gzip -6 of the same bytes`,
    `${spread(w.textRatio, (x) => `${x.toFixed(2)}×`)}; text ${ms(w.textMs.best)}, gzip -6 ${ms(w.gzip6Ms.best)}`, '≤ 1.5×');
  row(`Parquet gzip: records per second (${mib(w.parquet.bytes)})`,
    `${rate(w.parquet.rate)}; ${(w.parquet.rate.best / w.readCsv.best).toFixed(2)}× DuckDB's own read_csv → Parquet gzip`, '≥ 1 M/s');
  row("reference: DuckDB's read_csv → Parquet gzip of the same lines already on disk (COPY only)", rate(w.readCsv));
}

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`\n${'benchmark'.padEnd(width)} | best (median, worst) | target`);
console.log(`${'-'.repeat(width)}-|-${'-'.repeat(20)}-|-------`);
for (const [k, v, t] of rows) console.log(`${k.padEnd(width)} | ${v} | ${t}`);
