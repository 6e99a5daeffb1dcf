/**
 * Errors that are the user's to fix (bad scenario, unknown endpoint, unwritable
 * folder): printed as one clear message, exit status 2, never a stack trace.
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** Whether an error came from the user's input rather than from a bug. */
export function isUserError(e: unknown): e is Error {
  if (!(e instanceof Error)) return false;
  return e instanceof UserError || ['ScenarioError', 'Ec2Error', 'UnknownEndpoint', 'OutputDirError', 'TrafficError', 'FormatError'].includes(e.constructor.name);
}
