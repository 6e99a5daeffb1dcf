/** `vpcflow advance [--endpoint URL] DURATION`: moves a simulated-clock server's time on; closed windows are delivered. */
import type { Command } from 'commander';
import { durationSeconds } from '../../core/scenario/durations.ts';
import type { RuntimeStatus } from '../../runtime/runtime.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';
import { DEFAULT_ENDPOINT, callServer, endpointUrl } from './live-client.ts';

interface Opts { endpoint: string; json?: boolean }

export function registerAdvance(program: Command, io: Io): void {
  program
    .command('advance')
    .description('Move the clock of a `vpcflow serve --clock simulated` on: traffic due by then runs, and the records of windows that closed are delivered.')
    .argument('<duration>', 'how far: 90s, 10m, 1h30m, or seconds')
    .option('--endpoint <url>', 'where vpcflow serve listens', DEFAULT_ENDPOINT)
    .option('--json', 'print the server\'s answer (clock and counts per region) as JSON')
    .action(async (duration: string, o: Opts) => {
      const endpoint = endpointUrl(o.endpoint);
      const seconds = durationSeconds(duration);
      if (seconds === undefined) throw new UserError(`duration: expected 90s, 10m, 1h30m or a number of seconds, found "${duration}"`);
      const status = await callServer(endpoint, '/_vpcflow/advance', { seconds }) as RuntimeStatus;
      if (o.json) {
        io.out(`${JSON.stringify(status, null, 2)}\n`);
        return;
      }
      io.out(`clock now ${status.now}\n`);
      for (const r of status.regions) {
        const delivered = r.records['cloud-watch-logs'] + r.records.s3 + r.records['kinesis-data-firehose'];
        io.out(`  ${r.region}: ${r.packets} packets (${r.dropped} dropped), ${delivered} records delivered (CloudWatch ${r.records['cloud-watch-logs']}, S3 ${r.records.s3}, Firehose ${r.records['kinesis-data-firehose']})${r.records.failed ? `, ${r.records.failed} undeliverable` : ''}, ${r.pendingEvents} events pending\n`);
        for (const f of r.failures) io.out(`    failed: ${f.message}\n`);
      }
    });
}
