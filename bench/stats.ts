/**
 * Repeated measurements, summarised. The machine is shared and has two cores:
 * a figure is the best of several runs (what the code can do), with the median
 * and the worst beside it to show the spread.
 */
export interface Figure {
  best: number;
  median: number;
  worst: number;
  runs: number;
}

/** For rates (higher is better). */
export function figure(values: readonly number[]): Figure {
  const v = [...values].sort((a, b) => b - a);
  return { best: v[0] ?? NaN, median: v[Math.floor(v.length / 2)] ?? NaN, worst: v[v.length - 1] ?? NaN, runs: v.length };
}

/** For durations (lower is better): best is the shortest. */
export function durations(values: readonly number[]): Figure {
  const v = [...values].sort((a, b) => a - b);
  return { best: v[0] ?? NaN, median: v[Math.floor(v.length / 2)] ?? NaN, worst: v[v.length - 1] ?? NaN, runs: v.length };
}

export const millions = (x: number): string => `${(x / 1e6).toFixed(2)} M`;

/** "5.12 M/s (median 4.98, worst 4.50; 5 runs)". */
export function rate(f: Figure, unit = '/s'): string {
  return `${millions(f.best)}${unit} (median ${(f.median / 1e6).toFixed(2)}, worst ${(f.worst / 1e6).toFixed(2)}; ${f.runs} runs)`;
}
