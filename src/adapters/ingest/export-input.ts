/**
 * CloudWatch Logs exports to S3 (CreateExportTask): gzip'd text whose lines
 * are `<ISO timestamp> <message>`, under `<task id>/<log stream>/000000.gz`.
 */
import { pathContext } from '../../core/ingest/path-context.ts';
import type { Skipped } from '../../core/ingest/report.ts';
import { EXPORT_LINE } from '../../core/ingest/sniff.ts';
import type { EventBatch } from './events.ts';
import type { JsonContext } from './json-input.ts';
import { numberedLines } from './lines.ts';
import type { InputFile } from './reader.ts';

export async function readExport(input: InputFile, ctx: JsonContext & { batch: EventBatch }): Promise<{ events: number; skipped: Skipped[] }> {
  const { logStream } = pathContext(ctx.file);
  const origin = ctx.batch.origin(ctx.file, { sourceFile: ctx.sourceFile, logStream }, ctx.format, ctx.formatHint);
  const skipped: Skipped[] = [];
  let events = 0;
  for await (const { no, text } of numberedLines(input)) {
    if (text.trim() === '') continue;
    const m = EXPORT_LINE.exec(text);
    const ts = m ? Date.parse(m[1]!) : NaN;
    if (!m || Number.isNaN(ts)) {
      skipped.push({ file: ctx.file, line: no, reason: 'not a CloudWatch Logs export line (an ISO timestamp, a space, then the message)' });
      continue;
    }
    ctx.batch.add(origin, { line: no, loc: '', timestamp: ts, ingestionTime: null, message: m[2]!, record: m[2]! });
    events++;
  }
  return { events, skipped };
}
