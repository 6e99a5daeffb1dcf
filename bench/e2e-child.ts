/**
 * The child of bench/e2e.ts: `runScenario(SCENARIO, OUT)` timed from the call
 * to its return, then one JSON line on stdout with the figures and this
 * process's peak resident memory (getrusage's ru_maxrss).
 */
import { runScenario } from '../src/app/run-scenario.ts';

const [scenario, out] = process.argv.slice(2);
if (!scenario || !out) throw new Error('usage: e2e-child.ts SCENARIO OUT');
const t0 = performance.now();
const { summary } = await runScenario({ scenario, out });
const seconds = (performance.now() - t0) / 1000;
const bytes: Record<string, number> = {};
for (const d of summary.destinations) for (const f of d.files) bytes[d.type] = (bytes[d.type] ?? 0) + f.bytes;
console.log(JSON.stringify({ seconds, packets: summary.packets.sent, records: summary.records.total, maxRss: process.resourceUsage().maxRSS * 1024, bytes }));
