/**
 * `vpcflow serve` put together: the AWS API server, with the live runtime
 * answering `/_vpcflow/*` and delivering flow log records into its stores.
 */
import { mkdirSync } from 'node:fs';
import { loadAwsServices } from '../adapters/ip-ranges.ts';
import type { AwsServiceIndex } from '../core/flows/aws-services.ts';
import type { Network } from '../core/model/network.ts';
import { DEFAULT_REGION, type RunningServer, type ServerOptions, startServer } from '../server/server.ts';
import type { ServerState } from '../server/state.ts';
import { logStoreOf } from '../services/logs/index.ts';
import { s3StoreOf } from '../services/s3/index.ts';
import { type ClockKind, type LiveClock, RealClock, SimulatedClock } from './clock.ts';
import { runtimeRoutes } from './routes.ts';
import { ScenarioMismatchError, scenarioForServe } from './scenario-origin.ts';
import { LiveRuntime } from './runtime.ts';

export interface LiveServerOptions extends Omit<ServerOptions, 'clock'> {
  clock?: ClockKind;
  /** Where the simulated clock starts (ms since the epoch) on a fresh data folder; now, to the second, by default. */
  startMs?: number;
  seed?: string | number;
  deliveryDelaySeconds?: number;
  /** A user's copy of AWS's ip-ranges.json for pkt-*-aws-service. */
  ipRanges?: string;
  nodata?: boolean;
  capacity?: number;
  tickMs?: number;
  /**
   * A scenario whose network the region starts from (its account, region,
   * seed and options become the server's unless given). Its traffic and
   * changes are not played: send them with `vpcflow traffic`.
   */
  scenario?: string;
  /** Wall time for the real clock (tests move it by hand). */
  wallClock?: () => number;
}

export interface LiveServer extends RunningServer {
  runtime: LiveRuntime;
}

export const DEFAULT_SEED = 'vpcflow-serve';

/** The ip-ranges file cannot be read or is not AWS's ip-ranges.json: the user's to fix, as `vpcflow run` reports it. */
export class IpRangesError extends Error {}

function awsServices(file: string | undefined): AwsServiceIndex {
  try {
    return loadAwsServices(file);
  } catch (e) {
    throw new IpRangesError((e as Error).message);
  }
}

/** The template's buckets and log groups exist in the S3 and Logs stores, as CloudFormation would have created them. */
function createTemplateStores(state: ServerState, net: Network): void {
  const s3 = s3StoreOf(state);
  for (const b of net.buckets.values()) if (!s3.bucketExists(b.name)) s3.createBucket(b.name, net.region, state.account);
  const logs = logStoreOf(state, state.account, net.region);
  for (const g of net.logGroups.values()) {
    const { group, created } = logs.createGroup(g.name);
    if (created && g.retentionInDays !== undefined) logs.setRetention(group, g.retentionInDays);
  }
}

export async function startLiveServer(o: LiveServerOptions = {}): Promise<LiveServer> {
  if (o.dataDir !== undefined) mkdirSync(o.dataDir, { recursive: true });
  const wall = o.wallClock ?? Date.now;
  const nowMs = Math.floor(wall() / 1000) * 1000;
  // On the real clock the scenario's network is created now; on the simulated one at the scenario's start (or --start).
  const startMs = o.clock === 'simulated' ? o.startMs : nowMs;
  const scenario = await scenarioForServe(o.scenario, o.dataDir, startMs === undefined ? undefined : new Date(startMs).toISOString());
  const settings = scenario?.settings;
  if (settings && o.account !== undefined && o.account !== settings.account) {
    throw new ScenarioMismatchError(`--account ${o.account}: the scenario ${settings.file} is for account ${settings.account}`);
  }
  const clock: LiveClock = o.clock === 'simulated'
    ? new SimulatedClock(o.startMs ?? (settings ? settings.start * 1000 : nowMs), o.dataDir)
    : new RealClock(wall);
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runtime = new LiveRuntime({
    clock, seed: o.seed ?? settings?.seed ?? DEFAULT_SEED, deliveryDelaySeconds: o.deliveryDelaySeconds, aws: awsServices(o.ipRanges),
    nodata: o.nodata ?? settings?.options.nodata, capacity: o.capacity ?? settings?.options.capacity,
    defaultRegion: o.defaultRegion ?? settings?.region ?? DEFAULT_REGION, tickMs: o.tickMs, log,
  });
  const server = await startServer({
    ...o, account: o.account ?? settings?.account, defaultRegion: o.defaultRegion ?? settings?.region,
    clock: () => clock.now(), log, routes: [...runtimeRoutes(runtime), ...(o.routes ?? [])],
    prepare: async (state) => {
      if (scenario) {
        const { net } = scenario.network;
        state.adoptRegion(scenario.settings.region, net, scenario.network.ctx);
        createTemplateStores(state, net);
      }
      await o.prepare?.(state);
    },
  });
  runtime.attach(server.state);
  return {
    ...server, runtime,
    close: async () => {
      await server.close();
      await runtime.close();
    },
  };
}
