/** `vpcflow explain SCENARIO --from A --to B --proto P [--port N]`: would this connection work, and why not. */
import type { Command } from 'commander';
import { runAction } from '../../core/ec2/actions.ts';
import { explain } from '../../core/explain/explain.ts';
import { addressFor, resolveParty } from '../../core/explain/parties.ts';
import { renderExplanation } from '../../core/explain/render.ts';
import type { Question } from '../../core/explain/types.ts';
import { loadScenario } from '../../adapters/scenario/index.ts';
import { parseDuration } from '../../core/scenario/durations.ts';
import { UserError } from '../user-error.ts';

interface Opts { from: string; to: string; proto: string; port?: string; sport?: string; at?: string; json?: boolean }

function portOption(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UserError(`--${name}: expected a port number 0-65535, found "${v}"`);
  return Number(v);
}

export function registerExplain(program: Command, out: (s: string) => void): void {
  program
    .command('explain')
    .description('Would a connection from A to B work? Evaluates the request and its response through security groups, network ACLs, routes and gateways, lists every blocker and the smallest fix.')
    .argument('<scenario>', 'scenario file (YAML)')
    .requiredOption('--from <endpoint>', 'instance or interface logical id, hosts name, or IP address')
    .requiredOption('--to <endpoint>', 'instance or interface logical id, hosts name, or IP address')
    .requiredOption('--proto <proto>', 'tcp, udp or icmp')
    .option('--port <n>', 'destination port (tcp/udp)')
    .option('--sport <n>', 'source port (default 40000, an ephemeral port)')
    .option('--at <offset>', 'apply the scenario\'s changes up to this offset first (e.g. 10m)')
    .option('--json', 'print the explanation as JSON')
    .addHelpText('after', '\nExit status: 0 if the connection works, 1 if it is rejected, 2 if the input is wrong.')
    .action(async (file: string, o: Opts) => {
      if (!['tcp', 'udp', 'icmp'].includes(o.proto)) throw new UserError(`--proto: expected tcp, udp or icmp, found "${o.proto}"`);
      if (o.proto !== 'icmp' && o.port === undefined) throw new UserError(`--port is required for ${o.proto}`);
      const { settings, network } = await loadScenario(file);
      const { net, ctx } = network;
      const at = o.at === undefined ? 0 : parseDuration(o.at, '--at');
      for (const c of settings.changes) {
        if (c.at > at) break;
        runAction(ctx, c.action, c.params);
      }
      const from = resolveParty(net, settings.hosts, o.from);
      const to = addressFor(from, resolveParty(net, settings.hosts, o.to));
      const q: Question = {
        from, to, proto: o.proto as Question['proto'], port: portOption(o.port, 'port', 0), sport: portOption(o.sport, 'sport', 40000),
        time: settings.start + at,
      };
      const x = explain(net, q);
      out(o.json ? `${JSON.stringify(x, null, 2)}\n` : renderExplanation(x));
      program.setOptionValue('exitCode', x.verdict === 'ACCEPT' ? 0 : 1);
    });
}
