/**
 * CloudWatch over simulated time for one stack: metric filters turn ingested
 * log events into metric datapoints, alarms are evaluated every minute
 * (every 10 seconds for high-resolution periods) over what has been
 * ingested by then, and each state change runs the alarm's actions:
 * publishing to an SNS topic queues a Publication for delivery.
 *
 * Pure: the caller hands in log events (with their ingestion times) and
 * moves the clock; nothing here reads a clock or writes a file.
 */
import { compilePattern, type CompiledPattern } from '../metric-filters/index.ts';
import type { AlarmDecl, MetricDimension, MetricFilterDecl, Monitoring } from '../model/monitoring.ts';
import { AlarmRunner, type Transition } from './alarm-runner.ts';
import { type AlarmHistoryItem, actionItem, createdItem, metricAlarm, stateItem } from './history.ts';
import { seededUuid } from './ids.ts';
import { type MetricDatum, MetricStore, metricKey } from './metric-store.ts';
import { type NotifyEnv, type Publication, alarmMessage, alarmSubject } from './notification.ts';
import { percentileOf } from './stats.ts';

export interface LogEvent {
  group: string;
  stream: string;
  /** Epoch milliseconds. */
  timestamp: number;
  ingestionTime: number;
  message: string;
}

export interface MonitorEnv extends NotifyEnv {
  /** Epoch seconds the stack was created (alarms are created then). */
  start: number;
}

interface Filter {
  decl: MetricFilterDecl;
  pattern: CompiledPattern;
  /** The metric value when it is a number, not a reference. */
  fixedValue?: number | undefined;
  /** The series key when the metric has no dimensions. */
  fixedKey?: string | undefined;
  unit: string;
}

export class Monitor {
  readonly history: AlarmHistoryItem[] = [];
  private readonly store: MetricStore;
  private readonly byGroup = new Map<string, Filter[]>();
  private readonly runners: AlarmRunner[];
  private readonly step: number;
  private next: number;
  private outbox: Publication[] = [];
  private published = 0;
  /** The latest ingestion time seen, epoch milliseconds. */
  lastIngestion = -Infinity;

  constructor(private readonly m: Monitoring, private readonly env: MonitorEnv) {
    const alarms = [...m.alarms.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const percentiles = new Set(alarms.filter((a) => a.extendedStatistic && percentileOf(a.extendedStatistic) !== undefined)
      .map((a) => metricKey({ namespace: a.namespace, metricName: a.metricName, dimensions: a.dimensions })));
    this.store = new MetricStore(percentiles);
    for (const decl of m.metricFilters) {
      const t = decl.transformation;
      const f: Filter = { decl, pattern: compilePattern(decl.filterPattern), unit: t.unit ?? 'None' };
      if (!t.metricValue.startsWith('$')) f.fixedValue = Number(t.metricValue);
      if (t.dimensions.length === 0) f.fixedKey = this.store.declareSeries({ namespace: t.namespace, metricName: t.metricName, dimensions: [] }, f.unit, t.defaultValue);
      let list = this.byGroup.get(decl.logGroupName);
      if (!list) this.byGroup.set(decl.logGroupName, (list = []));
      list.push(f);
    }
    this.runners = alarms.map((a) => new AlarmRunner(a, this.store));
    for (const a of alarms) this.history.push(createdItem(a));
    this.step = alarms.some((a) => a.period < 60) ? 10 : 60;
    this.next = Math.floor(env.start / this.step) * this.step + this.step;
  }

  /** A log event as CloudWatch Logs ingests it into `e.group`. */
  accept(e: LogEvent): void {
    const filters = this.byGroup.get(e.group);
    if (!filters) return;
    if (e.ingestionTime > this.lastIngestion) this.lastIngestion = e.ingestionTime;
    for (const f of filters) this.apply(f, e);
  }

  private apply(f: Filter, e: LogEvent): void {
    const t = f.decl.transformation;
    if (f.fixedKey !== undefined && f.fixedValue !== undefined) {
      if (f.pattern.test(e.message)) this.store.add(f.fixedKey, e.timestamp, e.ingestionTime, f.fixedValue);
      else if (t.defaultValue !== undefined) this.store.add(f.fixedKey, e.timestamp, e.ingestionTime, undefined);
      return;
    }
    const m = f.pattern.match(e.message);
    if (!m) {
      if (t.defaultValue !== undefined && f.fixedKey !== undefined) this.store.add(f.fixedKey, e.timestamp, e.ingestionTime, undefined);
      return;
    }
    let value = f.fixedValue;
    if (value === undefined) {
      const v = m.value(t.metricValue);
      value = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(value)) return; // a metric value must be a number: such events publish nothing
    }
    let key = f.fixedKey;
    if (key === undefined) {
      const dims: MetricDimension[] = [];
      for (const d of t.dimensions) {
        const v = m.value(d.value);
        if (v === undefined || v === null || v === '') return;
        dims.push({ name: d.key, value: String(v) });
      }
      dims.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      key = this.store.declareSeries({ namespace: t.namespace, metricName: t.metricName, dimensions: dims }, f.unit, undefined);
    }
    this.store.add(key, e.timestamp, e.ingestionTime, value);
  }

  /** Evaluates every alarm at each evaluation time up to and including `epochSec`. */
  advanceTo(epochSec: number): void {
    while (this.next <= epochSec) {
      const t = this.next;
      this.store.releaseThrough(t);
      for (const r of this.runners) {
        if (t % (r.alarm.period < 60 ? 10 : 60) !== 0) continue;
        const tr = r.evaluate(t);
        if (tr) this.onTransition(tr);
      }
      this.next += this.step;
    }
  }

  /** The first evaluation time still to come (epoch seconds). */
  get nextEvaluation(): number {
    return this.next;
  }

  private onTransition(t: Transition): void {
    this.history.push(stateItem(t));
    if (!t.alarm.actionsEnabled) return;
    for (const action of actionsFor(t.alarm, t.now.value)) {
      const topic = this.m.topics.get(action);
      if (topic) {
        const message = alarmMessage(t, this.env);
        const p: Publication = {
          topicArn: topic.arn, messageId: seededUuid(this.env.seed, `sns-message:${this.published++}`),
          subject: alarmSubject(t, this.env.region), message, time: t.time, transition: t,
        };
        this.outbox.push(p);
        this.history.push(actionItem(t, action, { ok: true, message }));
      } else if (/^arn:[^:]+:sns:/.test(action)) {
        this.history.push(actionItem(t, action, { ok: false, error: `Topic ${action} does not exist` }));
      } else {
        this.history.push(actionItem(t, action, { ok: false, error: 'vpcflow executes SNS topic actions only' }));
      }
    }
  }

  /** Publications made since the last call. */
  drain(): Publication[] {
    const out = this.outbox;
    this.outbox = [];
    return out;
  }

  /** Every datapoint published, ingested or not: call once the clock has stopped (it makes everything visible). */
  datapoints(): MetricDatum[] {
    this.store.releaseAll();
    return this.store.datapoints();
  }

  /** The alarms as DescribeAlarms would show them now. */
  alarms(): Record<string, unknown>[] {
    return this.runners.map((r) => metricAlarm(r.alarm, r.state));
  }
}

function actionsFor(a: AlarmDecl, state: string): string[] {
  return state === 'ALARM' ? a.alarmActions : state === 'OK' ? a.okActions : a.insufficientDataActions;
}
