/** CloudWatch Logs errors: AWS's codes, rendered as `{"__type":"com.amazonaws.logs#Code","message":…}`. */
import type { ErrorLike } from '../../server/types.ts';

export class LogsError extends Error implements ErrorLike {
  constructor(readonly code: string, message: string, readonly httpStatus = 400, readonly extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'LogsError';
  }
}

export const invalidParameter = (message: string): LogsError => new LogsError('InvalidParameterException', message);
export const notFound = (message: string): LogsError => new LogsError('ResourceNotFoundException', message);
export const alreadyExists = (message: string): LogsError => new LogsError('ResourceAlreadyExistsException', message);
export const limitExceeded = (message: string): LogsError => new LogsError('LimitExceededException', message);

export const groupNotFound = (): LogsError => notFound('The specified log group does not exist.');
export const streamNotFound = (): LogsError => notFound('The specified log stream does not exist.');

/** AWS's wording for a member that breaks its model constraint. */
export const validation = (member: string, value: unknown, constraint: string): LogsError =>
  invalidParameter(`1 validation error detected: Value ${value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`} at '${member}' failed to satisfy constraint: ${constraint}`);
