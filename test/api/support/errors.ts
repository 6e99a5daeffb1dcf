/** Asserting that an SDK call fails with AWS's error code (the SDK puts the code in `name`). */
import assert from 'node:assert/strict';

export interface AwsError extends Error {
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

export async function expectAwsError(call: Promise<unknown>, code: string, message?: RegExp): Promise<AwsError> {
  try {
    await call;
  } catch (e) {
    const err = e as AwsError;
    assert.equal(err.name, code, `expected ${code}, got ${err.name}: ${err.message}`);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected the call to fail with ${code}, but it succeeded`);
}
