/**
 * What kind of file a flow log input is, from its first bytes (after gunzip):
 * Parquet, JSON (CloudWatch Logs payloads, exports, `{"message": …}` lines,
 * rows keyed by field name), text with a header line (S3 objects), text whose
 * lines start with an ISO timestamp (CloudWatch Logs export to S3), or bare
 * record lines.
 */
import { headerFormat } from './format.ts';

export type SniffedKind = 'parquet' | 'json' | 'text-header' | 'cw-export' | 'text-bare' | 'empty' | 'binary';

export const isGzip = (head: Uint8Array): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
export const isParquet = (head: Uint8Array): boolean => head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;

/** `2021-01-01T00:00:00.000Z <message>`: how CreateExportTask writes each event. */
export const EXPORT_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) (.*)$/s;

/** Classifies decompressed leading bytes (the first 64 KiB or so is plenty). */
export function sniff(head: Uint8Array): SniffedKind {
  if (isParquet(head)) return 'parquet';
  if (head.includes(0)) return 'binary';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const first = firstLine(text);
  if (first === undefined) return 'empty';
  if (/^\s*[{[]/.test(first)) return 'json';
  if (headerFormat(first)) return 'text-header';
  if (EXPORT_LINE.test(first.replace(/\r$/, ''))) return 'cw-export';
  return 'text-bare';
}

/** The first line holding something other than whitespace (possibly cut at the end of `text`). */
export function firstLine(text: string): string | undefined {
  for (const line of text.split('\n')) if (line.trim() !== '') return line;
  return undefined;
}
