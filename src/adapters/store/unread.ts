/**
 * The notice commands print when opening a store skipped lines of the run
 * outputs: an answer over a folder whose records were partly unreadable must
 * not pass for an answer over all of them.
 */
import type { Skipped } from '../../core/ingest/report.ts';

export function unreadNotice(skipped: readonly Skipped[]): string | undefined {
  const s = skipped[0];
  if (!s) return undefined;
  const n = skipped.length;
  return `vpcflow: ${n} line${n > 1 ? 's' : ''} of the run outputs could not be read and are not in flow_logs (first: ${s.file}${s.line !== null ? `:${s.line}` : ''}: ${s.reason})\n`;
}
