/**
 * `vpcflow serve [--port 4566] [--host 127.0.0.1] [--account ID]`: the AWS API
 * endpoint, until SIGINT or SIGTERM. Point the AWS CLI or an SDK at it with
 * `--endpoint-url`; any credentials are accepted.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_ACCOUNT, DEFAULT_PORT, type RunningServer, type ServerOptions, startServer } from '../../server/server.ts';
import { SERVICES } from '../../server/services.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';

interface Opts { port: string; host: string; account: string; data: string }

/** The server options the command line gives; later options (data folder, clock, scenario) add here. */
export function serveOptions(o: Opts): ServerOptions {
  if (!/^\d+$/.test(o.port) || Number(o.port) > 65535) throw new UserError(`--port: expected a port number 0-65535, found "${o.port}"`);
  if (!/^\d{12}$/.test(o.account)) throw new UserError(`--account: expected a 12-digit AWS account id, found "${o.account}"`);
  return { port: Number(o.port), host: o.host, account: o.account, dataDir: resolve(o.data) };
}

async function listen(opts: ServerOptions): Promise<RunningServer> {
  try {
    return await startServer(opts);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`cannot listen on ${opts.host}:${opts.port}: the port is in use`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw new UserError(`cannot listen on ${opts.host}:${opts.port}: ${code}`);
    throw e;
  }
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (sig: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(sig);
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
    .description('Serve AWS APIs (listed in COVERAGE.md) on one local endpoint, for the AWS CLI, SDKs and Terraform (--endpoint-url). Accepts any credentials; runs until SIGINT or SIGTERM.')
    .option('--port <n>', 'port to listen on (0 picks a free one)', String(DEFAULT_PORT))
    .option('--host <address>', 'address to bind (loopback unless you say otherwise)', '127.0.0.1')
    .option('--account <id>', 'the AWS account id resources belong to', DEFAULT_ACCOUNT)
    .option('--data <dir>', 'where state is kept, so that a restart loses nothing', './vpcflow-data')
    .action(async (o: Opts) => {
      const opts = serveOptions(o);
      const server = await listen(opts);
      io.out(`vpcflow serve: listening on ${server.url} (${SERVICES.map((s) => s.name).join(', ')}; account ${opts.account}; data in ${opts.dataDir}; accepts any credentials, signatures are not checked)\n`);
      const sig = await untilSignal();
      await server.close();
      io.err(`vpcflow serve: stopped (${sig})\n`);
    });
}
