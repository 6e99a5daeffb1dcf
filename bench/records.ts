/**
 * Flow log records for the writing benchmarks: the end-to-end scenario
 * (bench/e2e.ts) simulated and aggregated in this process, with every record
 * kept. Its three flow logs give two formats: AWS's default one (CloudWatch
 * and S3 text) and a 25-field v5 custom one (Parquet).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../src/adapters/scenario/index.ts';
import { Engine } from '../src/core/dataplane/engine.ts';
import { Aggregator } from '../src/core/flows/aggregator.ts';
import type { EmittedRecord } from '../src/core/flows/emitted.ts';
import { Simulation } from '../src/core/traffic/index.ts';
import { e2eScenario } from './e2e.ts';

/** Records of the end-to-end scenario with `repeat` repetitions (75: about 330,000 records). */
export async function benchRecords(repeat = 75): Promise<EmittedRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vpcflow-bench-records-'));
  try {
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, JSON.stringify(e2eScenario(repeat)));
    const { settings, network } = await loadScenario(file);
    const agg = new Aggregator(network.net);
    const out: EmittedRecord[] = [];
    const keep = (r: EmittedRecord) => { out.push(r); };
    const sim = new Simulation({ settings, network: network.net, dataPlane: new Engine(network.net) }, {
      onFate: (_p, f) => { for (const o of f.observations) agg.observe(o); },
    });
    while (sim.step(250_000)) agg.advanceInto(settings.start + sim.now, keep);
    agg.flushInto(undefined, keep);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
