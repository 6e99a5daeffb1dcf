/**
 * Bare record lines of several formats in one file: a Firehose delivery
 * stream that flow logs of different formats deliver to. DuckDB's read_csv
 * takes one format per scan, so each line is placed here, in the format it
 * fits (core/ingest/choose-format.ts), and handed to the event batch as a
 * record without a log event (as JSON rows are). A line no format fits is
 * reported, with the faults found, and not loaded.
 */
import { formatPicker, type Candidates, type Pick } from '../../core/ingest/choose-format.ts';
import type { Skipped } from '../../core/ingest/report.ts';
import type { EventBatch } from './events.ts';
import { numberedLines } from './lines.ts';
import type { InputFile } from './reader.ts';

export interface MixedContext { file: string; sourceFile: string; batch: EventBatch; candidates: Candidates }

export async function readMixedLines(input: InputFile, ctx: MixedContext): Promise<{ records: number; skipped: Skipped[] }> {
  const pick = formatPicker(ctx.candidates);
  // The picker hands out one Pick object per format, so the object itself keys the origin.
  const origins = new Map<Pick, number>();
  const skipped: Skipped[] = [];
  let records = 0;
  for await (const { no, text } of numberedLines(input)) {
    if (text.trim() === '') continue;
    const p = pick(text);
    if (p.error !== undefined) {
      skipped.push({ file: ctx.file, line: no, reason: p.error });
      continue;
    }
    let origin = origins.get(p);
    if (origin === undefined) origins.set(p, (origin = ctx.batch.origin(ctx.file, { sourceFile: ctx.sourceFile, flowLogId: p.flowLogId }, p.format, '')));
    ctx.batch.add(origin, { line: no, loc: '', timestamp: null, ingestionTime: null, message: null, record: text });
    records++;
  }
  return { records, skipped };
}
