/** Query result values as Insights shows them. */
import type { OutputField } from '../../core/insights/index.ts';

export type Cell = string | number | null;

/** `2026-01-01 00:00:10.000`, UTC, as in Insights results. */
export function insightsTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString().replace('T', ' ').replace('Z', '');
}

export function toCell(value: unknown, field: OutputField): Cell {
  if (value === null || value === undefined) return null;
  if (field.type === 'time') return insightsTime(Number(value));
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
