/** `npm run bench`: every benchmark the issues ask for, printed as a table. */
import { benchDataplane } from './dataplane.ts';

const rows: [string, string][] = [];
const dp = benchDataplane(Number(process.env.BENCH_PACKETS ?? 5_000_000));
rows.push(['data plane: packet verdicts per second (50 subnets, 200 SG rules, 100-entry ACLs; one core)', `${(dp.verdictsPerSecond / 1e6).toFixed(2)} M/s (${dp.packets} packets in ${dp.seconds.toFixed(2)} s, ${dp.accepted} accepted)`]);
for (const [k, v] of rows) console.log(`${k}: ${v}`);
