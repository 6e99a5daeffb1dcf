/**
 * One input file, read by the reader its content calls for. Text is staged
 * for DuckDB (text-scan.ts) and loaded later with every text source of the
 * same format; log events and JSON rows go to the event batch; Parquet loads
 * at once.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { DEFAULT_V2, formatKey, headerFormat, type Format } from '../../core/ingest/format.ts';
import { tokenize } from '../../core/ingest/record.ts';
import type { Skipped, Warning } from '../../core/ingest/report.ts';
import { parseS3Key } from '../../core/ingest/s3-path.ts';
import { firstLine, sniff } from '../../core/ingest/sniff.ts';
import type { Duck } from '../store/duck.ts';
import type { EventBatch } from './events.ts';
import { readExport } from './export-input.ts';
import { readJson } from './json-input.ts';
import type { SourceMeta } from './meta.ts';
import { readMixedLines } from './mixed-lines.ts';
import { loadParquet } from './parquet-load.ts';
import { InputFile, ReadError } from './reader.ts';
import type { FormatsFor } from './run-formats.ts';
import type { PartSink } from './text-load.ts';
import type { TextPipeline } from './text-pipeline.ts';
import { TextScanner } from './text-scan.ts';

export interface ReadContext {
  duck: Duck;
  batch: EventBatch;
  sink: PartSink;
  /** --format, for records without a header line. */
  format?: Format;
  /** A run folder's formats by file (from its resources.json), for records without a header line; --format goes first. */
  formatsFor?: FormatsFor;
  text: TextPipeline;
}

/** Staged text is cut into segments of this size, so parsing can start before decompression ends. */
export const SEGMENT_BYTES = 16 << 20;
export const FIRST_SEGMENT_BYTES = 8 << 20;

export interface FileOutcome {
  kind: string;
  /** Records already counted (Parquet); text and events are counted after their group loads. */
  records: number;
  skipped: Skipped[];
  warnings: Warning[];
}

const FORMAT_HINT = ' (messages carry no header: give the flow log\'s format with --format)';

function s3Meta(file: string, sourceFile: string): SourceMeta {
  const k = parseS3Key(file);
  return { sourceFile, flowLogId: k.flowLogId, partitionDate: k.date };
}

async function stageText(file: string, meta: SourceMeta, input: InputFile, initial: Format, ctx: ReadContext): Promise<void> {
  const scan = async (inp: InputFile, stage: boolean) => {
    const scanner = new TextScanner(file, initial, stage
      ? { stage: () => ctx.sink.staging('txt'), segmentBytes: SEGMENT_BYTES, firstSegmentBytes: FIRST_SEGMENT_BYTES, onSegment: (segment, cut) => ctx.text.add({ segment, meta, file }, cut) }
      : {});
    try {
      for await (const chunk of inp.chunks()) scanner.feed(chunk);
    } catch (e) {
      scanner.abort();
      throw e;
    }
    return scanner.finish();
  };
  if (input.gzip) {
    await scan(input, true);
    return;
  }
  // A plain file is first only looked at: when DuckDB can read it as it is, nothing is copied.
  const seen = await scan(input, false);
  if (!seen.needsStaging) {
    const size = statSync(file).size;
    for (const segment of seen.segments) ctx.text.add({ segment: { ...segment, bytes: size }, meta, file });
    return;
  }
  const again = new InputFile(file);
  try { await scan(again, true); } finally { again.close(); }
}

async function gunzipParquet(input: InputFile, ctx: ReadContext): Promise<string> {
  const path = ctx.sink.staging('parquet');
  const fd = openSync(path, 'w');
  try {
    for await (const c of input.chunks()) writeSync(fd, c);
  } finally {
    closeSync(fd);
  }
  return path;
}

export async function readFile(file: string, sourceFile: string, ctx: ReadContext): Promise<FileOutcome> {
  const input = new InputFile(file);
  try {
    const head = await input.head();
    const kind = sniff(head);
    const out: FileOutcome = { kind, records: 0, skipped: [], warnings: [] };
    const candidates = ctx.format ? undefined : ctx.formatsFor?.(file);
    switch (kind) {
      case 'empty':
        out.warnings.push({ file, line: null, reason: 'empty file: no records' });
        return out;
      case 'binary':
        throw new ReadError(file, 'neither text, JSON nor Parquet (it holds binary data)');
      case 'parquet': {
        const path = input.gzip ? await gunzipParquet(input, ctx) : file;
        input.close();
        const r = await loadParquet(ctx.duck, path, s3Meta(file, sourceFile), ctx.sink);
        const fix = <T extends { file: string }>(s: T): T => ({ ...s, file });
        return { kind: 'parquet', records: r.records, skipped: r.skipped.map(fix), warnings: r.warnings.map(fix) };
      }
      case 'json': {
        const formatHint = ctx.format || candidates ? '' : FORMAT_HINT;
        const r = await readJson(input, { file, sourceFile, batch: ctx.batch, format: ctx.format ?? DEFAULT_V2, formatHint, candidates });
        return { kind: r.kind, records: 0, skipped: r.skipped, warnings: r.warnings };
      }
      case 'cw-export': {
        const formatHint = ctx.format ? '' : FORMAT_HINT;
        const r = await readExport(input, { file, sourceFile, batch: ctx.batch, format: ctx.format ?? DEFAULT_V2, formatHint });
        return { kind: 'cloudwatch-export', records: 0, skipped: r.skipped, warnings: [] };
      }
      case 'text-header':
      case 'text-bare': {
        const first = firstLine(head.toString('utf8'))!;
        const meta = s3Meta(file, sourceFile);
        if (kind === 'text-bare' && candidates) {
          if (candidates.formats.length > 1) {
            const r = await readMixedLines(input, { file, sourceFile, batch: ctx.batch, candidates });
            return { ...out, kind: 'bare-lines', skipped: r.skipped };
          }
          const [only] = candidates.formats;
          if (only!.flowLogIds.length === 1) meta.flowLogId = only!.flowLogIds[0];
          await stageText(file, meta, input, only!.format, ctx);
          return { ...out, kind: 'bare-lines' };
        }
        let initial: Format;
        if (kind === 'text-header') {
          initial = headerFormat(first)!;
          if (ctx.format && formatKey(ctx.format) !== formatKey(initial)) {
            out.warnings.push({ file, line: null, reason: 'the header line gives the format; --format was not used for this file' });
          }
        } else if (ctx.format) {
          initial = ctx.format;
        } else {
          const n = tokenize(first).length;
          if (n !== DEFAULT_V2.length) {
            throw new ReadError(file, `its records have ${n} fields and it has no header line: give the flow log's format with --format '\${version} \${account-id} …'`);
          }
          initial = DEFAULT_V2;
        }
        await stageText(file, meta, input, initial, ctx);
        return { ...out, kind: kind === 'text-header' ? 's3-text' : 'bare-lines' };
      }
    }
  } finally {
    input.close();
  }
}
