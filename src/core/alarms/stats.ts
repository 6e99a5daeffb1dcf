/**
 * Statistic sets (SampleCount, Sum, Minimum, Maximum and, when a percentile
 * needs them, the values themselves) and the statistics alarms read from them.
 */
export interface Stats {
  sampleCount: number;
  sum: number;
  min: number;
  max: number;
  /** value → how many times it was seen; kept only for metrics a percentile alarm watches. */
  values?: Map<number, number> | undefined;
}

export function emptyStats(keepValues: boolean): Stats {
  return { sampleCount: 0, sum: 0, min: Infinity, max: -Infinity, values: keepValues ? new Map() : undefined };
}

export function addSample(s: Stats, value: number, times = 1): void {
  s.sampleCount += times;
  s.sum += value * times;
  if (value < s.min) s.min = value;
  if (value > s.max) s.max = value;
  if (s.values) s.values.set(value, (s.values.get(value) ?? 0) + times);
}

export function mergeInto(into: Stats, from: Stats): void {
  into.sampleCount += from.sampleCount;
  into.sum += from.sum;
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
  if (into.values && from.values) for (const [v, n] of from.values) into.values.set(v, (into.values.get(v) ?? 0) + n);
}

export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;

/** `p99`, `p99.9`, `p50` → 0.99, 0.999, 0.5; undefined for anything else. */
export function percentileOf(extended: string): number | undefined {
  const m = /^p(\d{1,2}(\.\d{1,10})?|100(\.0+)?)$/.exec(extended);
  return m ? Number(m[1]) / 100 : undefined;
}

/** The value of a statistic over a set, or undefined when the set has no samples. */
export function statisticValue(s: Stats, statistic: string): number | undefined {
  if (s.sampleCount === 0) return undefined;
  switch (statistic) {
    case 'SampleCount': return s.sampleCount;
    case 'Sum': return s.sum;
    case 'Average': return s.sum / s.sampleCount;
    case 'Minimum': return s.min;
    case 'Maximum': return s.max;
  }
  const p = percentileOf(statistic);
  if (p === undefined || !s.values) return undefined;
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  const rank = Math.max(1, Math.ceil(p * s.sampleCount));
  let seen = 0;
  for (const v of [...s.values.keys()].sort((a, b) => a - b)) {
    seen += s.values.get(v)!;
    if (seen >= rank) return v;
  }
  return s.max;
}

/** Below this many samples a percentile is "low sample count" (CloudWatch: 10/(1-p) for p ≥ 0.5, 10/p below). */
export function lowSampleThreshold(p: number): number {
  if (p >= 1 || p <= 0) return 0;
  return p >= 0.5 ? 10 / (1 - p) : 10 / p;
}
