/**
 * `vpcflow run`: load and check everything first (nothing is written for a bad
 * scenario), then simulate in slices — every packet through the data plane on
 * this thread, every observation into aggregation and closed windows out to the
 * destinations on a second one (aggregation-worker.ts) — and finish with
 * resources.json and summary.json.
 */
import { join } from 'node:path';
import { type ScenarioFiles, readScenario } from '../adapters/scenario/index.ts';
import { compileScenario } from '../core/scenario/compile.ts';
import type { LoadedScenario, ScenarioOverrides, ScenarioSettings } from '../core/scenario/types.ts';
import { prepareOutputDir } from '../adapters/destinations/output-dir.ts';
import { writeFileAtomicSync } from '../adapters/destinations/atomic.ts';
import { loadAwsServices } from '../adapters/ip-ranges.ts';
import { Engine } from '../core/dataplane/engine.ts';
import { ObservationWriter, WindowSpans } from '../core/flows/observation-stream.ts';
import { runAction } from '../core/ec2/actions.ts';
import { Ec2Error } from '../core/ec2/errors.ts';
import { checkTraffic, Simulation } from '../core/traffic/index.ts';
import { buildResources } from '../core/report/resources.ts';
import type { Summary } from '../core/report/summary.ts';
import { UserError } from '../cli/user-error.ts';
import { claimOutputFolder } from './output-folder.ts';
import { AggregationThread, aggregationThreadCode, sendable } from './aggregation-thread.ts';

export interface RunOptions {
  scenario: string;
  out?: string | undefined;
  overrides?: ScenarioOverrides | undefined;
  /** A user's copy of AWS's ip-ranges.json for pkt-*-aws-service. */
  ipRanges?: string | undefined;
  onStart?: (info: { start: number; end: number | undefined }) => void;
  onProgress?: (info: { simTime: number; packets: number }) => void;
}

export interface RunResult {
  outDir: string;
  summary: Summary;
}

/** Events per slice: small enough for a lively progress bar and bounded buffers. */
const SLICE = 250_000;

/** Applies every change to a fresh copy of the network, so a change AWS would refuse stops the run before it starts. */
function preflightChanges(files: ScenarioFiles, overrides: ScenarioOverrides | undefined): void {
  const { settings, network } = compileScenario({ ...files, overrides });
  for (const c of settings.changes) {
    try {
      runAction({ ...network.ctx, now: () => (settings.start + c.at) * 1000 }, c.action, c.params);
    } catch (e) {
      if (e instanceof Ec2Error) {
        const where = c.line !== undefined ? `${settings.file}:${c.line}:${c.column ?? 1}` : settings.file;
        throw new UserError(`${where}: ${c.place}: ${c.action} would fail at ${c.at}s: ${e.code}: ${e.message}`);
      }
      throw e;
    }
  }
}

const iso = (epochSec: number) => new Date(epochSec * 1000).toISOString().replace('.000Z', 'Z');

export async function runScenario(opts: RunOptions): Promise<RunResult> {
  // Aggregation, rendering and the destinations run on a second thread, fed the observations as numbers. Its code is
  // bundled (in esbuild's process) while this thread loads and checks the scenario; the thread starts once the
  // scenario is known to be good, and builds its own copy of the network while this one simulates.
  const code = aggregationThreadCode();
  code.catch(() => undefined); // a bad scenario ends the run before it is awaited
  // Read once: the checks below and the aggregation thread build their own networks from the same parsed files.
  const files = await readScenario(opts.scenario);
  const { settings, network } = compileScenario({ ...files, overrides: opts.overrides });
  const { net } = network;
  try {
    checkTraffic(settings, net);
  } catch (e) {
    throw new UserError(`${settings.file}: ${(e as Error).message}`);
  }
  if (settings.changes.length > 0) preflightChanges(files, opts.overrides);
  try {
    loadAwsServices(opts.ipRanges); // checked here; the aggregation thread loads its own
  } catch (e) {
    // A missing or malformed --ip-ranges file is the user's to fix, like a bad scenario.
    if (opts.ipRanges !== undefined) throw new UserError(`--ip-ranges: ${(e as Error).message}`);
    throw e;
  }
  const thread = new AggregationThread(await code, { files: sendable(files), overrides: opts.overrides, ipRanges: opts.ipRanges });
  try {
    return await run(opts, settings, network, thread);
  } catch (e) {
    await thread.abort();
    throw e;
  }
}

async function run(opts: RunOptions, settings: ScenarioSettings, network: LoadedScenario['network'], thread: AggregationThread): Promise<RunResult> {
  const { net } = network;
  const outDir = claimOutputFolder(opts.out ?? join('vpcflow-out', settings.name));
  // Checked here, where its error keeps its kind; the aggregation thread's sink checks it again.
  prepareOutputDir(outDir);
  thread.begin(outDir);

  // Each fate is done with (its observations written to the stream) before the next packet is sent.
  const engine = new Engine(net, { reuseFates: true });
  // A ref's observations are summed here within spans of windows, unless flows may go to SKIPDATA (each observation
  // then checks the window's room on its own).
  const stream = new ObservationWriter((b) => thread.observations(b), settings.options.capacity ? undefined : new WindowSpans(net));
  let nowMs = settings.start * 1000;
  const ctx = { ...network.ctx, now: () => nowMs };
  const sim = new Simulation({ settings, network: net, dataPlane: engine }, {
    // Neither the packet nor its fate is kept past this hook.
    reusePackets: true,
    onFate: (_p, f) => {
      const obs = f.observations;
      for (let i = 0; i < obs.length; i++) stream.write(obs[i]!);
    },
    applyChange: (c) => {
      const t = settings.start + c.at;
      // Windows that ended by now ran under the old configuration: the thread closes them before it applies the change too.
      stream.flushAll();
      thread.change(c, t);
      nowMs = t * 1000;
      runAction(ctx, c.action, c.params);
    },
  });
  const end = settings.duration !== undefined ? settings.start + settings.duration : undefined;
  opts.onStart?.({ start: settings.start, end });
  while (sim.step(SLICE)) {
    const t = settings.start + sim.now;
    stream.flushAll();
    // Closes windows and writes what they complete (S3 objects while the next slices simulate); waits only when the
    // thread is several slices behind.
    await thread.advance(t);
    opts.onProgress?.({ simTime: t, packets: sim.totals().packets });
  }
  stream.flushAll();
  const totals = sim.totals();
  const last = end ?? totals.lastPacketTime;
  const done = await thread.finish(end, last);
  const summary: Summary = {
    scenario: settings.name, seed: settings.seed, account: settings.account, region: settings.region,
    start: iso(settings.start), end: iso(Math.max(settings.start, Math.ceil(last))),
    packets: { sent: totals.packets, delivered: totals.delivered, dropped: totals.dropped, observed: done.observed },
    records: done.records, recordsByFlowLog: done.byFlowLog,
    destinations: done.manifest.destinations.map((d) => ({ type: d.type, name: d.name, records: d.records, files: d.files })),
    rejectedFlows: done.rejectedFlows, changesApplied: totals.changesApplied,
    ignoredResourceTypes: [...network.ignored], warnings: [...network.warnings],
  };
  writeFileAtomicSync(join(outDir, 'resources.json'), Buffer.from(`${JSON.stringify(buildResources(net, new Set(network.ignored)), null, 2)}\n`));
  writeFileAtomicSync(join(outDir, 'summary.json'), Buffer.from(`${JSON.stringify(summary, null, 2)}\n`));
  return { outDir, summary };
}
