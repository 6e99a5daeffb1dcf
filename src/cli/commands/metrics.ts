/**
 * `vpcflow metrics DIR [--json]`: the metric datapoints the run's metric
 * filters published (DIR/metrics.jsonl), one line per metric per minute.
 * `--pattern P` instead tries a filter pattern on the CloudWatch Logs data
 * of DIR, as the console's "Test pattern" does, and shows what a metric
 * filter with it would publish.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricDatum } from '../../core/alarms/index.ts';
import { PatternSyntaxError, compilePattern } from '../../core/metric-filters/index.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';
import { outputFolder, readCloudWatch } from './top.ts';

interface Opts { json?: boolean; namespace?: string; metric?: string; pattern?: string; group?: string; value: string }

function readDatapoints(dir: string): MetricDatum[] | undefined {
  const file = join(outputFolder(dir), 'metrics.jsonl');
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l, i) => {
    try {
      return JSON.parse(l) as MetricDatum;
    } catch {
      throw new UserError(`${file}:${i + 1}: expected a metric datapoint in JSON`);
    }
  });
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12))));

function table(rows: { Timestamp: string; StatisticValues: MetricDatum['StatisticValues'] }[]): string[] {
  const cells = rows.map((r) => [r.Timestamp, num(r.StatisticValues.SampleCount), num(r.StatisticValues.Sum), num(r.StatisticValues.Minimum), num(r.StatisticValues.Maximum)]);
  const head = ['TIME', 'SAMPLES', 'SUM', 'MIN', 'MAX'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [head, ...cells].map((c) => `  ${c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ')}`);
}

export function renderDatapoints(ds: MetricDatum[]): string {
  if (!ds.length) return 'no metric datapoints (no log event matched a metric filter)\n';
  const bySeries = new Map<string, MetricDatum[]>();
  for (const d of ds) {
    const k = `${d.Namespace} ${d.MetricName}${d.Dimensions.length ? ` {${d.Dimensions.map((x) => `${x.Name}=${x.Value}`).join(', ')}}` : ''} (unit ${d.Unit})`;
    let list = bySeries.get(k);
    if (!list) bySeries.set(k, (list = []));
    list.push(d);
  }
  const out: string[] = [];
  for (const [k, list] of [...bySeries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out.push(k, ...table(list), '');
  return `${out.join('\n')}`;
}

async function tryPattern(dir: string, o: Opts, io: Io): Promise<void> {
  let pattern;
  try {
    pattern = compilePattern(o.pattern!);
  } catch (e) {
    if (e instanceof PatternSyntaxError) throw new UserError(`--pattern: ${e.message}`);
    throw e;
  }
  if (o.value.startsWith('$') ? !pattern.canReference(o.value) : !Number.isFinite(Number(o.value))) {
    throw new UserError(`--value: expected a number or a field the pattern extracts, found "${o.value}"`);
  }
  const minutes = new Map<number, { SampleCount: number; Sum: number; Minimum: number; Maximum: number }>();
  let events = 0, matched = 0;
  const groups = new Set<string>();
  for await (const e of readCloudWatch(dir)) {
    if (o.group !== undefined && e.group !== o.group) continue;
    events++;
    groups.add(e.group);
    const m = pattern.match(e.message);
    if (!m) continue;
    const raw = o.value.startsWith('$') ? m.value(o.value) : o.value;
    const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(v)) continue;
    matched++;
    const minute = Math.floor(e.timestamp / 60_000) * 60;
    const s = minutes.get(minute) ?? { SampleCount: 0, Sum: 0, Minimum: Infinity, Maximum: -Infinity };
    minutes.set(minute, { SampleCount: s.SampleCount + 1, Sum: s.Sum + v, Minimum: Math.min(s.Minimum, v), Maximum: Math.max(s.Maximum, v) });
  }
  if (o.group !== undefined && events === 0) throw new UserError(`--group: ${dir} has no CloudWatch Logs events in log group "${o.group}"`);
  const datapoints = [...minutes].sort(([a], [b]) => a - b).map(([m, s]) => ({ Timestamp: new Date(m * 1000).toISOString().replace('.000Z', 'Z'), StatisticValues: s }));
  if (o.json) {
    io.out(`${JSON.stringify({ Pattern: o.pattern, MetricValue: o.value, Events: events, Matches: matched, Datapoints: datapoints }, null, 2)}\n`);
    return;
  }
  const head = `pattern matched ${matched} of ${events} events in ${groups.size} log group${groups.size === 1 ? '' : 's'}`;
  io.out(`${[head, ...(datapoints.length ? table(datapoints) : [])].join('\n')}\n`);
}

export function registerMetrics(program: Command, io: Io): void {
  program
    .command('metrics')
    .description('Metric datapoints the run\'s AWS::Logs::MetricFilter resources published (metrics.jsonl), per metric per minute; or, with --pattern, what a filter pattern matches in the run\'s CloudWatch Logs data.')
    .argument('<dir>', 'output folder of vpcflow run')
    .option('--json', 'print JSON (MetricDatum objects, as PutMetricData takes them)')
    .option('--namespace <ns>', 'only metrics of this namespace')
    .option('--metric <name>', 'only metrics of this name')
    .option('--pattern <pattern>', 'try a filter pattern on the CloudWatch Logs events of DIR instead')
    .option('--group <name>', 'with --pattern: only this log group')
    .option('--value <value>', 'with --pattern: the metric value, a number or a $field', '1')
    .addHelpText('after', '\nExit status: 0 on success, 2 if the folder or the pattern is wrong (an invalid pattern names its column).')
    .action(async (dir: string, o: Opts) => {
      if (o.pattern !== undefined) return tryPattern(dir, o, io);
      const all = readDatapoints(dir);
      if (all === undefined) {
        io.out(o.json ? '[]\n' : `no metrics: ${dir} has no metrics.jsonl (the scenario declares no AWS::Logs::MetricFilter)\n`);
        return;
      }
      const ds = all.filter((d) => (o.namespace === undefined || d.Namespace === o.namespace) && (o.metric === undefined || d.MetricName === o.metric));
      io.out(o.json ? `${JSON.stringify(ds, null, 2)}\n` : renderDatapoints(ds));
    });
}
