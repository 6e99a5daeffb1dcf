/** `vpcflow run SCENARIO [--out DIR] [--json]`: the records AWS would deliver, where AWS would deliver them. */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { relative } from 'node:path';
import { runScenario } from '../../app/run-scenario.ts';
import type { Summary } from '../../core/report/summary.ts';
import type { Io } from '../main.ts';

interface Opts { out?: string; json?: boolean; seed?: string; ipRanges?: string; progress?: boolean }

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderSummary(s: Summary, outDir: string): string {
  const lines = [`${s.scenario}: ${plural(s.packets.sent, 'packet')} from ${s.start} to ${s.end}, ${plural(s.records.total, 'record')} (${s.records.ACCEPT} ACCEPT, ${s.records.REJECT} REJECT${s.records.NODATA ? `, ${s.records.NODATA} NODATA` : ''}${s.records.SKIPDATA ? `, ${s.records.SKIPDATA} SKIPDATA` : ''})`];
  if (s.destinations.length) {
    lines.push('', 'delivered:');
    for (const d of s.destinations) lines.push(`  ${d.type.padEnd(21)} ${d.name.padEnd(28)} ${String(d.records).padStart(7)} ${d.records === 1 ? 'record ' : 'records'} in ${plural(d.files.length, 'file')}`);
  } else lines.push('', 'no flow log delivered anything (no flow logs, or no traffic on monitored interfaces)');
  if (s.rejectedFlows.length) {
    lines.push('', 'rejected flows by interface:');
    for (const r of s.rejectedFlows) lines.push(`  ${r.interfaceId}${r.logicalId ? ` (${r.logicalId})` : ''}: ${r.flows}`);
  }
  if (s.ignoredResourceTypes.length) lines.push('', `ignored resource types: ${s.ignoredResourceTypes.join(', ')}`);
  const rel = relative(process.cwd(), outDir) || '.';
  lines.push('', `files in ${rel.startsWith('..') ? outDir : rel}/ (summary.json, resources.json${s.destinations.map((d) => `, ${d.type === 's3' ? 's3' : d.type === 'cloud-watch-logs' ? 'cloudwatch' : 'firehose'}/`).filter((v, i, a) => a.indexOf(v) === i).join('')})`);
  return `${lines.join('\n')}\n`;
}

export function registerRun(program: Command, io: Io): void {
  program
    .command('run')
    .description('Run a scenario: push its traffic through the network and write the flow log records AWS would deliver (CloudWatch Logs, S3, Firehose), plus resources.json and summary.json.')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--out <dir>', 'output folder (default: vpcflow-out/<scenario name>)')
    .option('--seed <seed>', 'override the scenario seed')
    .option('--ip-ranges <file>', "a copy of AWS's ip-ranges.json for pkt-*-aws-service (default: the bundled subset)")
    .option('--json', 'print summary.json instead of the human summary')
    .option('--no-progress', 'no progress bar, even on a terminal')
    .addHelpText('after', '\nExit status: 0 on success, 2 if the scenario or the output folder is wrong (nothing is written then).')
    .action(async (file: string, o: Opts) => {
      const tty = o.progress !== false && !o.json && process.stderr.isTTY === true;
      let bar: cliProgress.SingleBar | undefined;
      let span = 0, origin = 0;
      const result = await runScenario({
        scenario: file, out: o.out, ipRanges: o.ipRanges, overrides: o.seed !== undefined ? { seed: o.seed } : undefined,
        onStart: ({ start, end }) => {
          if (!tty) return;
          origin = start;
          span = end !== undefined ? end - start : 0;
          bar = new cliProgress.SingleBar({
            format: span ? 'simulating |{bar}| {time} of {span} simulated, {packets} packets' : 'simulating {time} simulated, {packets} packets',
            hideCursor: true, stream: process.stderr, clearOnComplete: true,
          }, cliProgress.Presets.shades_classic);
          bar.start(span || 1, 0, { time: '0s', span: `${span}s`, packets: 0 });
        },
        onProgress: ({ simTime, packets }) => bar?.update(span ? Math.min(span, simTime - origin) : 0, { time: `${Math.round(simTime - origin)}s`, packets }),
      });
      bar?.stop();
      io.out(o.json ? `${JSON.stringify(result.summary, null, 2)}\n` : renderSummary(result.summary, result.outDir));
    });
}
