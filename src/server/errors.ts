/** Errors the server itself raises before or around a service: rendered by the service's protocol when known. */
import type { ErrorLike } from './types.ts';

export class ServiceError extends Error implements ErrorLike {
  constructor(readonly code: string, message: string, readonly httpStatus = 400) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Anything carrying an AWS error code (core `Ec2Error`, `ServiceError`, a service's own errors). */
export function isErrorLike(e: unknown): e is ErrorLike {
  if (!(e instanceof Error)) return false;
  const x = e as Partial<ErrorLike>;
  return typeof x.code === 'string' && typeof x.httpStatus === 'number';
}

export const bodyTooLarge = (limit: number): ServiceError =>
  new ServiceError('RequestEntityTooLarge', `The request body is larger than ${limit} bytes, the most this endpoint accepts.`, 413);

/** A bug, never the caller's fault: reported as AWS reports its own failures. */
export const internalError = (): ServiceError =>
  new ServiceError('InternalError', 'An internal error has occurred. The server log has the details.', 500);
