/** The `vpcflow` command line: parses arguments, runs a command, maps errors to exit codes. */
import { Command, CommanderError } from 'commander';
import { registerAdvance } from './commands/advance.ts';
import { registerAlarms } from './commands/alarms.ts';
import { registerDiagnose } from './commands/diagnose.ts';
import { registerExplain } from './commands/explain.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerInsights } from './commands/insights.ts';
import { registerMetrics } from './commands/metrics.ts';
import { registerTop } from './commands/top.ts';
import { registerQuery } from './commands/query.ts';
import { registerRun } from './commands/run.ts';
import { registerServe } from './commands/serve.ts';
import { registerTraffic } from './commands/traffic.ts';
import { isUserError } from './user-error.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const program = new Command('vpcflow')
    .description('AWS VPC Flow Logs, faithfully, on your laptop.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError(false);
  registerRun(program, io);
  registerExplain(program, io.out);
  registerServe(program, io);
  registerTraffic(program, io);
  registerAdvance(program, io);
  registerMetrics(program, io);
  registerAlarms(program, io);
  registerTop(program, io);
  registerIngest(program, io);
  registerQuery(program, io);
  registerInsights(program, io);
  registerDiagnose(program, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(program.getOptionValue('exitCode') ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (isUserError(e)) {
      io.err(`vpcflow: ${e.message}\n`);
      return (e as { exitCode?: number }).exitCode ?? 2;
    }
    throw e;
  }
}
