/**
 * The top contributors of a rule, per period and over the whole time range,
 * as GetInsightRuleReport returns them: KeyLabels, AggregationStatistic,
 * AggregateValue, ApproximateUniqueCount, Contributors (with a datapoint per
 * period), and for each period the number of unique contributors and the
 * top ones. Periods start at multiples of the period since the epoch.
 */
import { type Contribution, compileExtractor, ruleReadsGroup } from './extract.ts';
import type { InsightRule } from './rule.ts';

export interface Contributor {
  keys: string[];
  value: number;
}

export interface PeriodReport {
  /** Epoch seconds. */
  start: number;
  uniqueContributors: number;
  /** The sum (or count) of every contribution in the period. */
  total: number;
  top: Contributor[];
}

export interface RuleReport {
  keyLabels: string[];
  aggregationStatistic: 'Count' | 'Sum';
  aggregateValue: number;
  approximateUniqueCount: number;
  /** The top contributors over the whole range, with their value per period. */
  contributors: (Contributor & { datapoints: { start: number; value: number }[] })[];
  periods: PeriodReport[];
}

const keyOf = (keys: string[]) => keys.join('\u0000');

/** Biggest first; equal values by their keys, so reports repeat. */
const byValue = (a: Contributor, b: Contributor) => b.value - a.value || (keyOf(a.keys) < keyOf(b.keys) ? -1 : keyOf(a.keys) > keyOf(b.keys) ? 1 : 0);

export class TopContributors {
  private readonly extract: (m: string) => Contribution | undefined;
  private readonly periods = new Map<number, Map<string, Contributor>>();
  private readonly overall = new Map<string, Contributor>();

  constructor(private readonly rule: InsightRule, private readonly periodSec: number, private readonly max = 10) {
    this.extract = compileExtractor(rule);
  }

  readsGroup(group: string): boolean {
    return ruleReadsGroup(this.rule, group);
  }

  /** A log event of `group` with its timestamp (epoch milliseconds). */
  add(group: string, timestampMs: number, message: string): void {
    if (!this.readsGroup(group)) return;
    const c = this.extract(message);
    if (!c) return;
    const start = Math.floor(timestampMs / 1000 / this.periodSec) * this.periodSec;
    let p = this.periods.get(start);
    if (!p) this.periods.set(start, (p = new Map()));
    const k = keyOf(c.keys);
    for (const m of [p, this.overall]) {
      const e = m.get(k);
      if (e) e.value += c.value;
      else m.set(k, { keys: c.keys, value: c.value });
    }
  }

  report(): RuleReport {
    const starts = [...this.periods.keys()].sort((a, b) => a - b);
    const top = [...this.overall.values()].sort(byValue).slice(0, this.max);
    return {
      keyLabels: this.rule.keys,
      aggregationStatistic: this.rule.aggregateOn,
      aggregateValue: [...this.overall.values()].reduce((s, c) => s + c.value, 0),
      approximateUniqueCount: this.overall.size,
      contributors: top.map((c) => ({
        keys: c.keys, value: c.value,
        datapoints: starts.flatMap((s) => {
          const v = this.periods.get(s)!.get(keyOf(c.keys));
          return v ? [{ start: s, value: v.value }] : [];
        }),
      })),
      periods: starts.map((s) => {
        const p = [...this.periods.get(s)!.values()];
        return { start: s, uniqueContributors: p.length, total: p.reduce((a, c) => a + c.value, 0), top: p.sort(byValue).slice(0, this.max) };
      }),
    };
  }
}
