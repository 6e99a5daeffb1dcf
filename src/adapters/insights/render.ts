/** Insights results for people: an aligned table and the query statistics. */
import type { InsightsResult } from './run.ts';

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** Columns of numbers are right-aligned; absent values are blank. */
export function renderInsights(r: InsightsResult): string {
  const names = r.fields.map((f) => f.name);
  const cells = r.rows.map((row) => row.map((v) => (v === null ? '' : String(v))));
  const numeric = r.fields.map((f, i) => f.type === 'number' || r.rows.every((row) => typeof row[i] === 'number' || row[i] === null));
  const width = names.map((n, i) => Math.max(n.length, ...cells.map((c) => c[i]!.length)));
  const line = (vals: string[]): string => vals.map((v, i) => (numeric[i] ? v.padStart(width[i]!) : v.padEnd(width[i]!))).join('  ').trimEnd();
  const out = [line(names), width.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  const s = r.statistics;
  const stats = s ? `; ${plural(s.recordsMatched, 'record')} matched, ${plural(s.recordsScanned, 'record')} (${size(s.bytesScanned)}) scanned` : '';
  out.push('', `${plural(r.rows.length, 'row')}${stats}`);
  return `${out.join('\n')}\n`;
}
