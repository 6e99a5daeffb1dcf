/**
 * `vpcflow traffic [--endpoint URL] FILE`: sends traffic to a running server.
 * FILE is YAML or JSON with a `traffic` list in the scenario syntax (and
 * optionally `hosts`, `listen`, `region`); a whole scenario file works too, and
 * its traffic is sent.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseFile } from '../../adapters/scenario/index.ts';
import { isMapping } from '../../core/scenario/describe.ts';
import { TRAFFIC_REQUEST_FIELDS } from '../../core/live/traffic-request.ts';
import type { TrafficAnswer } from '../../runtime/runtime.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';
import { DEFAULT_ENDPOINT, callServer, endpointUrl } from './live-client.ts';

interface Opts { endpoint: string; region?: string; json?: boolean }

function readRequest(file: string, region: string | undefined): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const { doc } = parseFile(text, file);
  if (!isMapping(doc) || !Array.isArray(doc.traffic)) throw new UserError(`${file}: expected a mapping with a traffic list (the scenario syntax), found ${isMapping(doc) ? 'no traffic list' : 'something else'}`);
  const body: Record<string, unknown> = {};
  for (const k of TRAFFIC_REQUEST_FIELDS) if (doc[k] !== undefined) body[k] = doc[k];
  if (region !== undefined) body.region = region;
  return body;
}

export function registerTraffic(program: Command, io: Io): void {
  program
    .command('traffic')
    .description('Send traffic (a YAML or JSON file with a `traffic` list in the scenario syntax, or a scenario) to a running `vpcflow serve`; it starts now, in server time.')
    .argument('<file>', 'the traffic file')
    .option('--endpoint <url>', 'where vpcflow serve listens', DEFAULT_ENDPOINT)
    .option('--region <name>', 'the region whose network carries it (default: the file\'s region, else the server\'s default)')
    .option('--json', 'print the server\'s answer as JSON')
    .action(async (file: string, o: Opts) => {
      const endpoint = endpointUrl(o.endpoint);
      const body = readRequest(file, o.region);
      const answer = await callServer(endpoint, '/_vpcflow/traffic', body, { 'x-vpcflow-source': encodeURIComponent(file) }) as TrafficAnswer;
      if (o.json) {
        io.out(`${JSON.stringify(answer, null, 2)}\n`);
        return;
      }
      io.out(`${answer.items.length} traffic item${answer.items.length === 1 ? '' : 's'} sent to ${answer.region} at ${answer.now}:\n`);
      for (const i of answer.items) io.out(`  ${i.place}  ${i.kind.padEnd(7)} starts ${i.at}\n`);
    });
}
