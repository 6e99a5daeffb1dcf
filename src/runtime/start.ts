/**
 * `vpcflow serve` put together: the AWS API server, with the live runtime
 * answering `/_vpcflow/*` and delivering flow log records into its stores.
 */
import { mkdirSync } from 'node:fs';
import { loadAwsServices } from '../adapters/ip-ranges.ts';
import { DEFAULT_REGION, type RunningServer, type ServerOptions, startServer } from '../server/server.ts';
import { type ClockKind, type LiveClock, RealClock, SimulatedClock } from './clock.ts';
import { runtimeRoutes } from './routes.ts';
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
  /** Wall time for the real clock (tests move it by hand). */
  wallClock?: () => number;
}

export interface LiveServer extends RunningServer {
  runtime: LiveRuntime;
}

export const DEFAULT_SEED = 'vpcflow-serve';

export async function startLiveServer(o: LiveServerOptions = {}): Promise<LiveServer> {
  if (o.dataDir !== undefined) mkdirSync(o.dataDir, { recursive: true });
  const clock: LiveClock = o.clock === 'simulated'
    ? new SimulatedClock(o.startMs ?? Math.floor(Date.now() / 1000) * 1000, o.dataDir)
    : new RealClock(o.wallClock);
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runtime = new LiveRuntime({
    clock, seed: o.seed ?? DEFAULT_SEED, deliveryDelaySeconds: o.deliveryDelaySeconds, aws: loadAwsServices(o.ipRanges),
    nodata: o.nodata, capacity: o.capacity, defaultRegion: o.defaultRegion ?? DEFAULT_REGION, tickMs: o.tickMs, log,
  });
  const server = await startServer({ ...o, clock: () => clock.now(), log, routes: [...runtimeRoutes(runtime), ...(o.routes ?? [])] });
  runtime.attach(server.state);
  return {
    ...server, runtime,
    close: async () => {
      await server.close();
      await runtime.close();
    },
  };
}
