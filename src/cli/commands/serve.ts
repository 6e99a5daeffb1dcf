/**
 * `vpcflow serve [--port 4566] [--host 127.0.0.1] [--data DIR] [--clock real|simulated] [--scenario FILE] …`:
 * the AWS API endpoint with live traffic, until SIGINT or SIGTERM. Point the
 * AWS CLI or an SDK at it with `--endpoint-url`; any credentials are accepted.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { durationSeconds } from '../../core/scenario/durations.ts';
import { DEFAULT_ACCOUNT, DEFAULT_PORT } from '../../server/server.ts';
import { SERVICES } from '../../server/services.ts';
import { ScenarioMismatchError } from '../../runtime/scenario-origin.ts';
import { Ec2JournalError } from '../../server/ec2-journal.ts';
import { DEFAULT_SEED, IpRangesError, type LiveServer, type LiveServerOptions, startLiveServer } from '../../runtime/start.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';

interface Opts {
  port: string; host: string; account?: string; data: string; clock: string; scenario?: string;
  start?: string; seed?: string; deliveryDelay: string; ipRanges?: string;
}

/** The server options the command line gives, checked before anything listens. */
export function serveOptions(o: Opts): LiveServerOptions {
  if (!/^\d+$/.test(o.port) || Number(o.port) > 65535) throw new UserError(`--port: expected a port number 0-65535, found "${o.port}"`);
  if (o.account !== undefined && !/^\d{12}$/.test(o.account)) throw new UserError(`--account: expected a 12-digit AWS account id, found "${o.account}"`);
  if (o.clock !== 'real' && o.clock !== 'simulated') throw new UserError(`--clock: expected real or simulated, found "${o.clock}"`);
  const delay = durationSeconds(o.deliveryDelay);
  if (delay === undefined || delay < 0) throw new UserError(`--delivery-delay: expected a duration such as 0, 30s or 5m, found "${o.deliveryDelay}"`);
  let startMs: number | undefined;
  if (o.start !== undefined) {
    if (o.clock !== 'simulated') throw new UserError('--start: only the simulated clock can start elsewhere than now (add --clock simulated)');
    startMs = Date.parse(o.start);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(o.start) || Number.isNaN(startMs)) throw new UserError(`--start: expected an ISO 8601 time such as 2026-01-15T10:00:00Z, found "${o.start}"`);
  }
  return {
    port: Number(o.port), host: o.host, dataDir: resolve(o.data), clock: o.clock, scenario: o.scenario,
    // Without a scenario the account defaults here; with one, it is the scenario's.
    account: o.account ?? (o.scenario === undefined ? DEFAULT_ACCOUNT : undefined),
    seed: o.seed, deliveryDelaySeconds: delay, startMs, ipRanges: o.ipRanges || undefined,
  };
}

async function listen(opts: LiveServerOptions): Promise<LiveServer> {
  try {
    return await startLiveServer(opts);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`cannot listen on ${opts.host}:${opts.port}: the port is in use`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw new UserError(`cannot listen on ${opts.host}:${opts.port}: ${code}`);
    if (e instanceof ScenarioMismatchError || e instanceof Ec2JournalError) throw new UserError(e.message);
    if (e instanceof IpRangesError) throw new UserError(`--ip-ranges: ${e.message}`);
    throw e;
  }
}

function untilSignal(): Promise<string> {
  return new Promise((done) => {
    const stop = (sig: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done(sig);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description('Serve AWS APIs (listed in COVERAGE.md) on one local endpoint, for the AWS CLI, SDKs and Terraform (--endpoint-url), with live traffic (POST /_vpcflow/traffic, /_vpcflow/advance; see `vpcflow traffic`, `vpcflow advance`). Accepts any credentials; runs until SIGINT or SIGTERM.')
    .option('--port <n>', 'port to listen on (0 picks a free one)', String(DEFAULT_PORT))
    .option('--host <address>', 'address to bind (loopback unless you say otherwise)', '127.0.0.1')
    .option('--account <id>', `the AWS account id resources belong to (default: the scenario's, else ${DEFAULT_ACCOUNT})`)
    .option('--data <dir>', 'where state is kept, so that a restart loses nothing', './vpcflow-data')
    .option('--scenario <file>', 'start from a scenario\'s network (its region, seed and options too); send its traffic with `vpcflow traffic`')
    .option('--clock <kind>', 'real: windows close as wall time passes; simulated: time moves only when advanced', 'real')
    .option('--start <time>', 'with --clock simulated: the time the clock starts at on a fresh data folder (ISO 8601; default now)')
    .option('--seed <seed>', `source ports of traffic items are drawn from it, as in a scenario (default: the scenario's, else ${DEFAULT_SEED})`)
    .option('--delivery-delay <duration>', 'time between a window\'s end and the delivery of its records (AWS takes minutes)', '0')
    .option('--ip-ranges <file>', "a copy of AWS's ip-ranges.json for pkt-*-aws-service (default: the bundled subset)")
    .action(async (o: Opts) => {
      const opts = serveOptions(o);
      const server = await listen(opts);
      io.out(`vpcflow serve: listening on ${server.url} (${SERVICES.map((s) => s.name).join(', ')}; account ${server.state.account}; data in ${opts.dataDir}; ${opts.scenario !== undefined ? `network of ${opts.scenario}; ` : ''}${opts.clock} clock; accepts any credentials, signatures are not checked)\n`);
      const sig = await untilSignal();
      await server.close();
      io.err(`vpcflow serve: stopped (${sig})\n`);
    });
}
