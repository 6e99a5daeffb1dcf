/**
 * Errors the destinations raise. They carry the path and the operating
 * system's reason so the CLI can name both without parsing a message.
 */

/** The output folder cannot be created or written to; raised before any file is written. */
export class OutputDirError extends Error {
  readonly path: string;
  readonly reason: string;
  readonly code: string | undefined;

  constructor(path: string, reason: string, code?: string) {
    super(`cannot write to the output folder ${path}: ${reason}`);
    this.name = 'OutputDirError';
    this.path = path;
    this.reason = reason;
    this.code = code;
  }
}

/**
 * A record arrived for a time the runner had already declared closed. Its S3
 * object or CloudWatch events may already be on disk, so accepting it would
 * silently reorder or drop data: this is a bug in the caller, reported loudly.
 */
export class LateRecordError extends Error {
  constructor(flowLogId: string, start: number, watermark: number) {
    super(`record of ${flowLogId} with start ${start} arrived after closeThrough(${watermark})`);
    this.name = 'LateRecordError';
  }
}

/** An S3 key or log-group name that would place a file outside its destination folder. */
export class UnsafePathError extends Error {
  constructor(what: string, value: string) {
    super(`${what} ${JSON.stringify(value)} would be written outside the output folder`);
    this.name = 'UnsafePathError';
  }
}
