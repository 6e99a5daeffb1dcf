/**
 * `vpcflow run`: load and check everything first (nothing is written for a bad
 * scenario), then simulate in slices — every packet through the data plane,
 * every observation into aggregation, closed windows out to the destinations —
 * and finish with resources.json and summary.json.
 */
import { join } from 'node:path';
import { loadScenario } from '../adapters/scenario/index.ts';
import type { ScenarioOverrides } from '../core/scenario/types.ts';
import { DeliverySink } from '../adapters/destinations/index.ts';
import { writeFileAtomicSync } from '../adapters/destinations/atomic.ts';
import { loadAwsServices } from '../adapters/ip-ranges.ts';
import { Engine } from '../core/dataplane/engine.ts';
import { Aggregator } from '../core/flows/aggregator.ts';
import type { EmittedRecord } from '../core/flows/emitted.ts';
import { runAction } from '../core/ec2/actions.ts';
import { Ec2Error } from '../core/ec2/errors.ts';
import { checkTraffic, Simulation } from '../core/traffic/index.ts';
import { buildResources } from '../core/report/resources.ts';
import { type Summary, SummaryCounter } from '../core/report/summary.ts';
import { UserError } from '../cli/user-error.ts';
import { claimOutputFolder } from './output-folder.ts';
import { createRunMonitor } from '../adapters/notifications/index.ts';

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
async function preflightChanges(opts: RunOptions): Promise<void> {
  const { settings, network } = await loadScenario(opts.scenario, opts.overrides);
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
  const { settings, network } = await loadScenario(opts.scenario, opts.overrides);
  const { net } = network;
  try {
    checkTraffic(settings, net);
  } catch (e) {
    throw new UserError(`${settings.file}: ${(e as Error).message}`);
  }
  await preflightChanges(opts);
  let aws: ReturnType<typeof loadAwsServices>;
  try {
    aws = loadAwsServices(opts.ipRanges);
  } catch (e) {
    // A missing or malformed --ip-ranges file is the user's to fix, like a bad scenario.
    if (opts.ipRanges !== undefined) throw new UserError(`--ip-ranges: ${(e as Error).message}`);
    throw e;
  }
  const outDir = claimOutputFolder(opts.out ?? join('vpcflow-out', settings.name));

  const engine = new Engine(net);
  const agg = new Aggregator(net, { nodata: settings.options.nodata, capacity: settings.options.capacity, aws });
  const sink = new DeliverySink({ dir: outDir, account: settings.account, region: settings.region });
  const counter = new SummaryCounter();
  // Metric filters, alarms and their notifications watch what reaches CloudWatch Logs.
  const monitor = createRunMonitor({ net, dir: outDir, account: settings.account, region: settings.region, seed: settings.seed, start: settings.start });
  let nowMs = settings.start * 1000;
  const ctx = { ...network.ctx, now: () => nowMs };
  // Records go to the sink one by one as windows close: a closing window's records never sit in one big array.
  const deliver = (r: EmittedRecord) => {
    sink.accept(r);
    counter.record(r);
    monitor.record(r);
  };
  const sim = new Simulation({ settings, network: net, dataPlane: engine }, {
    onFate: (_p, f) => {
      for (const o of f.observations) {
        agg.observe(o);
        counter.observation(o);
      }
    },
    applyChange: (c) => {
      const t = settings.start + c.at;
      // Windows that ended by now ran under the old configuration: close them first.
      agg.advanceInto(t, deliver);
      nowMs = t * 1000;
      runAction(ctx, c.action, c.params);
    },
  });
  const end = settings.duration !== undefined ? settings.start + settings.duration : undefined;
  opts.onStart?.({ start: settings.start, end });
  // S3 objects are written (zlib, DuckDB) while the next slice simulates; a slice waits for the previous slice's writes.
  let writing: Promise<void> = Promise.resolve();
  try {
    while (sim.step(SLICE)) {
      const t = settings.start + sim.now;
      agg.advanceInto(t, deliver);
      await writing;
      // Everything before the earliest open window is final: write it now, so memory holds only open windows' records.
      writing = sink.closeThrough(agg.pendingFrom(t), (fl) => agg.pendingFromFor(fl, t));
      writing.catch(() => undefined); // awaited (and rethrown) at the next slice; not an unhandled rejection meanwhile
      monitor.advanceTo(t);
      opts.onProgress?.({ simTime: t, packets: sim.totals().packets });
    }
    await writing;
    const totals = sim.totals();
    const last = end ?? totals.lastPacketTime;
    agg.flushInto(end, deliver);
    const manifest = await sink.finish();
    await monitor.finish(last);
    const summary: Summary = {
      scenario: settings.name, seed: settings.seed, account: settings.account, region: settings.region,
      start: iso(settings.start), end: iso(Math.max(settings.start, Math.ceil(last))),
      packets: { sent: totals.packets, delivered: totals.delivered, dropped: totals.dropped, observed: counter.observed },
      records: counter.records, recordsByFlowLog: counter.byFlowLog,
      destinations: manifest.destinations.map((d) => ({ type: d.type, name: d.name, records: d.records, files: d.files })),
      rejectedFlows: counter.rejectedFlows(net), changesApplied: totals.changesApplied,
      ignoredResourceTypes: [...network.ignored], warnings: [...network.warnings],
    };
    writeFileAtomicSync(join(outDir, 'resources.json'), Buffer.from(`${JSON.stringify(buildResources(net, new Set(network.ignored)), null, 2)}\n`));
    writeFileAtomicSync(join(outDir, 'summary.json'), Buffer.from(`${JSON.stringify(summary, null, 2)}\n`));
    return { outDir, summary };
  } catch (e) {
    await writing.catch(() => undefined);
    await sink.abort();
    throw e;
  }
}
