/**
 * `vpcflow top DIR [--rule RULE] [--period 5m] [--max N] [--json]`: the top
 * contributors of a Contributor Insights rule over the CloudWatch Logs data
 * in DIR, per period. RULE is a rule body file (JSON) or the name of an
 * AWS::CloudWatch::InsightRule of the run; without --rule, every enabled
 * rule of the run. Also home of the reader of DIR/cloudwatch, which
 * `vpcflow metrics --pattern` shares.
 */
import type { Command } from 'commander';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type RuleReport, RuleError, TopContributors, parseRule } from '../../core/contributor-insights/index.ts';
import { durationSeconds } from '../../core/scenario/durations.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';

export interface StoredEvent {
  group: string;
  stream: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
}

/** The output folder, refused unless it exists. */
export function outputFolder(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such folder (the --out folder of vpcflow run)`);
  return dir;
}

/** Every event of DIR/cloudwatch/<group>/<stream>.jsonl, group by group, stream by stream, in file order. */
export async function* readCloudWatch(dir: string): AsyncGenerator<StoredEvent> {
  const root = join(outputFolder(dir), 'cloudwatch');
  if (!existsSync(root)) return;
  for (const folder of readdirSync(root).sort()) {
    const group = decodeURIComponent(folder);
    const gdir = join(root, folder);
    if (!statSync(gdir).isDirectory()) continue;
    for (const name of readdirSync(gdir).filter((n) => n.endsWith('.jsonl')).sort()) {
      const file = join(gdir, name);
      const stream = name.slice(0, -'.jsonl'.length);
      let line = 0;
      for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        line++;
        if (text.trim() === '') continue;
        let e: { timestamp?: unknown; ingestionTime?: unknown; message?: unknown };
        try {
          e = JSON.parse(text);
        } catch {
          throw new UserError(`${file}:${line}: expected a CloudWatch Logs event {"timestamp", "ingestionTime", "message"}, found text JSON cannot read`);
        }
        if (typeof e?.timestamp !== 'number' || typeof e.message !== 'string') {
          throw new UserError(`${file}:${line}: expected a CloudWatch Logs event with a numeric "timestamp" and a "message"`);
        }
        yield { group, stream, timestamp: e.timestamp, ingestionTime: typeof e.ingestionTime === 'number' ? e.ingestionTime : e.timestamp, message: e.message };
      }
    }
  }
}

interface Opts { rule?: string; period: string; max: string; json?: boolean }

interface NamedRule { name: string; body: string; where: string }

function rulesToRun(dir: string, given: string | undefined): NamedRule[] {
  const declaredFile = join(dir, 'insight-rules.json');
  const declared: { RuleName: string; RuleState: string; RuleBody: string }[] = existsSync(declaredFile) ? JSON.parse(readFileSync(declaredFile, 'utf8')) : [];
  if (given === undefined) {
    const enabled = declared.filter((r) => r.RuleState === 'ENABLED');
    if (!enabled.length) throw new UserError(`no --rule given, and ${dir} has no enabled AWS::CloudWatch::InsightRule (insight-rules.json)`);
    return enabled.map((r) => ({ name: r.RuleName, body: r.RuleBody, where: `rule ${r.RuleName}` }));
  }
  const named = declared.find((r) => r.RuleName === given);
  if (named) return [{ name: named.RuleName, body: named.RuleBody, where: `rule ${given}` }];
  if (!existsSync(given)) {
    const names = declared.map((r) => r.RuleName);
    throw new UserError(`--rule: "${given}" is neither a rule body file nor a rule of the run${names.length ? ` (${names.join(', ')})` : ''}`);
  }
  return [{ name: given, body: readFileSync(given, 'utf8'), where: given }];
}

export function renderReport(name: string, r: RuleReport): string {
  const lines = [`${name}: ${r.aggregationStatistic === 'Sum' ? 'sum' : 'count'} by ${r.keyLabels.join(', ')} — ${r.approximateUniqueCount} contributors, total ${r.aggregateValue}`];
  if (!r.periods.length) lines.push('  no matching events');
  for (const p of r.periods) {
    lines.push('', `  ${new Date(p.start * 1000).toISOString().replace('.000Z', 'Z')}  ${p.uniqueContributors} contributor${p.uniqueContributors === 1 ? '' : 's'}, total ${p.total}`);
    const width = Math.max(...p.top.map((c) => c.keys.join('  ').length));
    p.top.forEach((c, i) => lines.push(`  ${String(i + 1).padStart(4)}  ${c.keys.join('  ').padEnd(width)}  ${c.value}`));
  }
  return `${lines.join('\n')}\n`;
}

function jsonReport(name: string, r: RuleReport): unknown {
  const ts = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
  return {
    RuleName: name, KeyLabels: r.keyLabels, AggregationStatistic: r.aggregationStatistic, AggregateValue: r.aggregateValue, ApproximateUniqueCount: r.approximateUniqueCount,
    Contributors: r.contributors.map((c) => ({ Keys: c.keys, ApproximateAggregateValue: c.value, Datapoints: c.datapoints.map((d) => ({ Timestamp: ts(d.start), ApproximateValue: d.value })) })),
    Periods: r.periods.map((p) => ({ Timestamp: ts(p.start), UniqueContributors: p.uniqueContributors, Total: p.total, Top: p.top.map((c) => ({ Keys: c.keys, Value: c.value })) })),
  };
}

export function registerTop(program: Command, io: Io): void {
  program
    .command('top')
    .description('Contributor Insights: the top contributors of a rule (CloudWatchLogRule, CLF or JSON) over the CloudWatch Logs data of a run, per period.')
    .argument('<dir>', 'output folder of vpcflow run')
    .option('--rule <rule>', 'a rule body file (JSON), or the RuleName of an AWS::CloudWatch::InsightRule of the run (default: every enabled rule of the run)')
    .option('--period <duration>', 'period of the report, such as 1m, 5m, 1h', '5m')
    .option('--max <n>', 'contributors listed per period', '10')
    .option('--json', 'print the report as JSON (GetInsightRuleReport fields, plus Periods)')
    .addHelpText('after', '\nExit status: 0 on success, 2 if the folder, the rule or an option is wrong.')
    .action(async (dir: string, o: Opts) => {
      outputFolder(dir);
      const period = durationSeconds(o.period);
      if (period === undefined || period < 1 || !Number.isInteger(period)) throw new UserError(`--period: expected a whole number of seconds such as 60, 1m, 5m or 1h, found "${o.period}"`);
      if (!/^[1-9]\d*$/.test(o.max)) throw new UserError(`--max: expected a positive whole number, found "${o.max}"`);
      const tops = rulesToRun(dir, o.rule).map((r) => {
        try {
          return { name: r.name, top: new TopContributors(parseRule(r.body), period, Number(o.max)) };
        } catch (e) {
          if (e instanceof RuleError) throw new UserError(`${r.where}: ${e.message}`);
          throw e;
        }
      });
      for await (const e of readCloudWatch(dir)) for (const t of tops) t.top.add(e.group, e.timestamp, e.message);
      const reports = tops.map((t) => ({ name: t.name, report: t.top.report() }));
      if (o.json) io.out(`${JSON.stringify(reports.length === 1 ? jsonReport(reports[0]!.name, reports[0]!.report) : reports.map((r) => jsonReport(r.name, r.report)), null, 2)}\n`);
      else io.out(reports.map((r) => renderReport(r.name, r.report)).join('\n'));
    });
}
