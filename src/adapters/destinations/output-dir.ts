/**
 * Checks the output folder before a run writes anything, so that a typo or a
 * read-only mount fails at once with the path and the reason, not after minutes
 * of simulation with half the destinations written.
 */
import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OutputDirError } from './errors.ts';

function osReason(err: unknown): { reason: string; code: string | undefined } {
  const e = err as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  // Node's message repeats the syscall and path ("EACCES: permission denied, open '/x'"); keep the reason.
  const m = typeof e?.message === 'string' ? /^[A-Z]+: ([^,]+)/.exec(e.message) : null;
  return { reason: m?.[1] ?? (e?.message ?? String(err)), code };
}

/** Creates `dir` if needed and proves a file can be created in it; returns its absolute path. */
export function prepareOutputDir(dir: string): string {
  const abs = resolve(dir);
  try {
    mkdirSync(abs, { recursive: true });
    if (!statSync(abs).isDirectory()) throw Object.assign(new Error('ENOTDIR: not a directory'), { code: 'ENOTDIR' });
    const probe = join(abs, `.vpcflow-probe-${process.pid}.tmp`);
    closeSync(openSync(probe, 'w'));
    rmSync(probe, { force: true });
  } catch (err) {
    const { reason, code } = osReason(err);
    throw new OutputDirError(abs, reason, code);
  }
  return abs;
}
