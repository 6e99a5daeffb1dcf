/**
 * CloudWatch's view of the metrics metric filters publish: one statistic set
 * per metric per minute, at the minute of the log event's timestamp. A
 * contribution becomes visible to alarms only once its event is ingested
 * (its ingestionTime), as AWS's metric filters only see ingested events.
 *
 * A metric filter's DefaultValue is reported for a minute whose events were
 * ingested but none matched: once per unmatched event, as AWS's example
 * describes ("the Default Value of 0 is used for both log records").
 */
import type { MetricDimension } from '../model/monitoring.ts';
import { type Stats, addSample, emptyStats, mergeInto } from './stats.ts';

export interface MetricId {
  namespace: string;
  metricName: string;
  /** Sorted by name. */
  dimensions: MetricDimension[];
}

/** One published datapoint: a metric's statistic set for one minute (PutMetricData's MetricDatum shape). */
export interface MetricDatum {
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  Timestamp: string;
  Unit: string;
  StatisticValues: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
}

interface Minute {
  matched?: Stats;
  unmatched: number;
}

interface Series {
  id: MetricId;
  unit: string;
  defaultValue?: number | undefined;
  keepValues: boolean;
  minutes: Map<number, Minute>;
}

interface Contribution {
  key: string;
  minute: number;
  /** undefined: an event that did not match (it counts for DefaultValue). */
  value: number | undefined;
}

/** Visibility is tracked in 10-second steps of ingestion time (the finest alarm evaluation step). */
const STEP_MS = 10_000;

export function metricKey(id: MetricId): string {
  return `${id.namespace}\u0000${id.metricName}\u0000${id.dimensions.map((d) => `${d.name}=${d.value}`).join('\u0001')}`;
}

export class MetricStore {
  private readonly series = new Map<string, Series>();
  private readonly pending = new Map<number, Contribution[]>();

  /**
   * @param keepValuesFor keys of metrics whose individual values a percentile alarm needs
   */
  constructor(private readonly keepValuesFor: ReadonlySet<string> = new Set()) {}

  /** Declares a series (idempotent) and returns its key. */
  declareSeries(id: MetricId, unit: string, defaultValue: number | undefined): string {
    const key = metricKey(id);
    if (!this.series.has(key)) this.series.set(key, { id, unit, defaultValue, keepValues: this.keepValuesFor.has(key), minutes: new Map() });
    return key;
  }

  /** A matched event's value, or (value undefined) an unmatched event, for the series `key`. */
  add(key: string, timestampMs: number, ingestionMs: number, value: number | undefined): void {
    const step = Math.ceil(ingestionMs / STEP_MS);
    let list = this.pending.get(step);
    if (!list) this.pending.set(step, (list = []));
    list.push({ key, minute: Math.floor(timestampMs / 60_000) * 60, value });
  }

  /** Makes visible everything ingested at or before `epochSec`. */
  releaseThrough(epochSec: number): void {
    const limit = Math.floor((epochSec * 1000) / STEP_MS);
    for (const [step, list] of this.pending) {
      if (step > limit) continue;
      this.pending.delete(step);
      for (const c of list) this.apply(c);
    }
  }

  releaseAll(): void {
    this.releaseThrough(Infinity);
  }

  private apply(c: Contribution): void {
    const s = this.series.get(c.key)!;
    let m = s.minutes.get(c.minute);
    if (!m) s.minutes.set(c.minute, (m = { unmatched: 0 }));
    if (c.value === undefined) m.unmatched++;
    else addSample((m.matched ??= emptyStats(s.keepValues)), c.value);
  }

  /** The statistic set of what is visible in [fromSec, toSec), or undefined when there is none. */
  window(key: string, fromSec: number, toSec: number): Stats | undefined {
    const s = this.series.get(key);
    if (!s) return undefined;
    let out: Stats | undefined;
    for (let m = Math.ceil(fromSec / 60) * 60; m < toSec; m += 60) {
      const e = effective(s, s.minutes.get(m));
      if (e) mergeInto((out ??= emptyStats(s.keepValues)), e);
    }
    return out;
  }

  unitOf(key: string): string | undefined {
    return this.series.get(key)?.unit;
  }

  /** Every visible datapoint, by time, then metric. */
  datapoints(): MetricDatum[] {
    const rows: { minute: number; key: string; d: MetricDatum }[] = [];
    for (const [key, s] of this.series) {
      for (const [minute, m] of s.minutes) {
        const e = effective(s, m);
        if (!e) continue;
        rows.push({
          minute, key,
          d: {
            Namespace: s.id.namespace, MetricName: s.id.metricName,
            Dimensions: s.id.dimensions.map((x) => ({ Name: x.name, Value: x.value })),
            Timestamp: new Date(minute * 1000).toISOString().replace('.000Z', 'Z'), Unit: s.unit,
            StatisticValues: { SampleCount: e.sampleCount, Sum: e.sum, Minimum: e.min, Maximum: e.max },
          },
        });
      }
    }
    rows.sort((a, b) => a.minute - b.minute || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return rows.map((r) => r.d);
  }
}

function effective(s: Series, m: Minute | undefined): Stats | undefined {
  if (!m) return undefined;
  if (m.matched && m.matched.sampleCount > 0) return m.matched;
  if (m.unmatched > 0 && s.defaultValue !== undefined) {
    const d = emptyStats(s.keepValues);
    addSample(d, s.defaultValue, m.unmatched);
    return d;
  }
  return undefined;
}
