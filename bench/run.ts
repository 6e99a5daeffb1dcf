/** `npm run bench`: every benchmark the issues ask for, printed as a table. */
import { benchDataplane } from './dataplane.ts';
import { rate } from './stats.ts';

const rows: [string, string, string][] = [];
const dp = benchDataplane(Number(process.env.BENCH_PACKETS ?? 5_000_000), Number(process.env.BENCH_ROUNDS ?? 5));
rows.push(['data plane, mid-connection packets with per-connection FlowCache (as vpcflow run sends them)', rate(dp.cached), '≥ 5 M/s']);
rows.push(['data plane, the same packets without FlowCache (full walk each)', rate(dp.uncached), '']);
rows.push(['data plane, every packet a new connection (SYN: rules matched, tracking entry added)', rate(dp.newConnections), '']);
for (const [k, v, t] of rows) console.log(`${k}: ${v}${t ? `  [target ${t}]` : ''}`);
