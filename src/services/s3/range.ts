/**
 * The `Range` header as S3 reads it: one `bytes=a-b`, `bytes=a-` or
 * `bytes=-n`. Anything else (several ranges, other units, bad syntax) is
 * ignored and the whole object is sent; a range that starts past the end is
 * `InvalidRange` (416).
 */
import { S3Error } from './errors.ts';

export interface ByteRange { start: number; end: number }

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const invalid = () => new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: header, ActualObjectSize: String(size) });
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) throw invalid();
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) throw invalid();
  return { start, end };
}
