/**
 * Query errors that point at the place in the query where it went wrong, as
 * `insights: LINE:COLUMN: reason` (both 1-based).
 */
export class InsightsQueryError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    /** The query line the error is on, for a caret under the column. */
    readonly sourceLine: string,
  ) {
    super(`insights: ${line}:${column}: ${reason}`);
    this.name = 'InsightsQueryError';
  }
}

/** Line and column (both 1-based) of a character offset. */
export function lineColumn(source: string, offset: number): { line: number; column: number; sourceLine: string } {
  const before = source.slice(0, Math.max(0, Math.min(offset, source.length)));
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = source.indexOf('\n', lineStart);
  const sourceLine = source.slice(lineStart, lineEnd < 0 ? source.length : lineEnd).replace(/\r$/, '');
  return { line, column: offset - lineStart + 1, sourceLine };
}

export function queryError(source: string, offset: number, reason: string): InsightsQueryError {
  const { line, column, sourceLine } = lineColumn(source, offset);
  return new InsightsQueryError(reason, line, column, sourceLine);
}
