/**
 * `vpcflow alarms DIR [--json]`: the run's CloudWatch alarms, their state
 * changes over simulated time (alarms.jsonl, DescribeAlarmHistory items) and
 * the notifications SNS delivered (notifications.jsonl). `--json` prints
 * `{"MetricAlarms": […], "AlarmHistoryItems": […], "Notifications": […]}`,
 * MetricAlarms as DescribeAlarms shows them at the end of the run.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlarmHistoryItem } from '../../core/alarms/index.ts';
import type { NotificationEntry } from '../../adapters/notifications/index.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';
import { outputFolder } from './top.ts';

interface Opts { json?: boolean; name?: string }

interface CreatedAlarm {
  alarmName: string; alarmDescription: string | null; actionsEnabled: boolean; oKActions: string[]; alarmActions: string[]; insufficientDataActions: string[];
  metricName: string; namespace: string; statistic?: string; extendedStatistic?: string; dimensions: { name: string; value: string }[]; period: number; unit?: string;
  evaluationPeriods: number; datapointsToAlarm: number; threshold: number; comparisonOperator: string; treatMissingData: string;
}

interface StateJson { stateValue: string; stateReason: string; stateReasonData?: unknown }

interface AlarmView {
  config: CreatedAlarm;
  created: string;
  state: StateJson;
  since: string;
  events: AlarmHistoryItem[];
}

const SYMBOL: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '>=', GreaterThanThreshold: '>', LessThanThreshold: '<', LessThanOrEqualToThreshold: '<=',
};

function jsonLines<T>(file: string, what: string): T[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l, i) => {
    try {
      return JSON.parse(l) as T;
    } catch {
      throw new UserError(`${file}:${i + 1}: expected ${what} in JSON`);
    }
  });
}

function views(items: AlarmHistoryItem[]): Map<string, AlarmView> {
  const out = new Map<string, AlarmView>();
  for (const h of items) {
    const data = JSON.parse(h.HistoryData);
    if (h.HistoryItemType === 'ConfigurationUpdate' && data.createdAlarm) {
      out.set(h.AlarmName, { config: data.createdAlarm, created: h.Timestamp, state: { stateValue: 'INSUFFICIENT_DATA', stateReason: 'Unchecked: Initial alarm creation' }, since: h.Timestamp, events: [] });
      continue;
    }
    const v = out.get(h.AlarmName);
    if (!v) continue;
    v.events.push(h);
    if (h.HistoryItemType === 'StateUpdate') {
      v.state = data.newState;
      v.since = h.Timestamp;
    }
  }
  return out;
}

/** DescribeAlarms' MetricAlarms entry, rebuilt from the creation record and the last state change. */
function metricAlarm(v: AlarmView, arnPrefix: string): Record<string, unknown> {
  const c = v.config;
  return {
    AlarmName: c.alarmName, AlarmArn: `${arnPrefix}${c.alarmName}`, ...(c.alarmDescription ? { AlarmDescription: c.alarmDescription } : {}),
    AlarmConfigurationUpdatedTimestamp: v.created, ActionsEnabled: c.actionsEnabled,
    OKActions: c.oKActions, AlarmActions: c.alarmActions, InsufficientDataActions: c.insufficientDataActions,
    StateValue: v.state.stateValue, StateReason: v.state.stateReason,
    ...(v.state.stateReasonData ? { StateReasonData: JSON.stringify(v.state.stateReasonData) } : {}), StateUpdatedTimestamp: v.since,
    MetricName: c.metricName, Namespace: c.namespace, ...(c.statistic ? { Statistic: c.statistic } : { ExtendedStatistic: c.extendedStatistic }),
    Dimensions: c.dimensions.map((d) => ({ Name: d.name, Value: d.value })), Period: c.period, ...(c.unit ? { Unit: c.unit } : {}),
    EvaluationPeriods: c.evaluationPeriods, DatapointsToAlarm: c.datapointsToAlarm, Threshold: c.threshold,
    ComparisonOperator: c.comparisonOperator, TreatMissingData: c.treatMissingData,
  };
}

const short = (ts: string) => ts.replace(/\.\d{3}\+0000$/, 'Z');

export function renderAlarms(vs: AlarmView[], notes: NotificationEntry[]): string {
  const out: string[] = [];
  for (const v of vs) {
    const c = v.config;
    const dims = c.dimensions.length ? ` {${c.dimensions.map((d) => `${d.name}=${d.value}`).join(', ')}}` : '';
    out.push(`${c.alarmName}: ${v.state.stateValue} since ${short(v.since)}`);
    out.push(`  ${c.statistic ?? c.extendedStatistic} of ${c.namespace} ${c.metricName}${dims} over ${c.period} s ${SYMBOL[c.comparisonOperator] ?? c.comparisonOperator} ${c.threshold} for ${c.datapointsToAlarm} of ${c.evaluationPeriods} period${c.evaluationPeriods === 1 ? '' : 's'}; missing data: ${c.treatMissingData}${c.actionsEnabled ? '' : '; actions disabled'}`);
    out.push(`  ${short(v.created)}  created: INSUFFICIENT_DATA`);
    for (const h of v.events) {
      if (h.HistoryItemType === 'StateUpdate') {
        const d = JSON.parse(h.HistoryData);
        out.push(`  ${short(h.Timestamp)}  ${d.oldState.stateValue} -> ${d.newState.stateValue}`, `      ${d.newState.stateReason}`);
      } else if (h.HistoryItemType === 'Action') out.push(`      action: ${h.HistorySummary}`);
    }
    out.push('');
  }
  if (!vs.length) out.push('no alarms', '');
  if (notes.length) {
    out.push('notifications:');
    for (const n of notes) {
      const d = n.Delivery;
      const result = d.Status === 'delivered' ? `delivered (HTTP ${d.HttpStatus})` : d.Status === 'written' ? 'written to notifications.jsonl' : `${d.Status}: ${'Error' in d ? d.Error : ''}`;
      out.push(`  ${n.Timestamp.replace('.000Z', 'Z')}  ${n.Protocol} ${n.Endpoint}  ${n.Subject}  ${result}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function registerAlarms(program: Command, io: Io): void {
  program
    .command('alarms')
    .description('The run\'s CloudWatch alarms: their state changes over simulated time, with CloudWatch\'s reasons, and the SNS notifications they sent.')
    .argument('<dir>', 'output folder of vpcflow run')
    .option('--name <alarm>', 'only this alarm')
    .option('--json', 'print {"MetricAlarms", "AlarmHistoryItems", "Notifications"} as JSON')
    .addHelpText('after', '\nExit status: 0 on success, 2 if the folder or an alarm name is wrong.')
    .action((dir: string, o: Opts) => {
      const file = join(outputFolder(dir), 'alarms.jsonl');
      const items = existsSync(file) ? jsonLines<AlarmHistoryItem>(file, 'an alarm history item') : [];
      const notesFile = join(dir, 'notifications.jsonl');
      const notes = existsSync(notesFile) ? jsonLines<NotificationEntry>(notesFile, 'a notification') : [];
      const all = views(items);
      if (o.name !== undefined && !all.has(o.name)) throw new UserError(`--name: no alarm "${o.name}" in ${dir}${all.size ? ` (${[...all.keys()].join(', ')})` : ''}`);
      const picked = [...all.values()].filter((v) => o.name === undefined || v.config.alarmName === o.name);
      const history = items.filter((h) => o.name === undefined || h.AlarmName === o.name);
      if (!o.json) {
        io.out(existsSync(file) || notes.length ? renderAlarms(picked, notes) : `no alarms: ${dir} has no alarms.jsonl (the scenario declares no AWS::CloudWatch::Alarm)\n`);
        return;
      }
      const summaryFile = join(dir, 'summary.json');
      const s = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as { region?: string; account?: string }) : {};
      const prefix = `arn:aws:cloudwatch:${s.region ?? 'us-east-1'}:${s.account ?? '123456789012'}:alarm:`;
      io.out(`${JSON.stringify({ MetricAlarms: picked.map((v) => metricAlarm(v, prefix)), AlarmHistoryItems: history, Notifications: notes }, null, 2)}\n`);
    });
}
