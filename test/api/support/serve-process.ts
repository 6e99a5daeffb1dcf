/**
 * `vpcflow serve` as a child process on a loopback ephemeral port, for tests
 * that need what an in-process server cannot give: a server that can be
 * SIGKILLed mid-write, or one that does not share the test's event loop with
 * fifty SDK clients. Every wait here is bounded, so a server that never
 * starts or never stops fails the test instead of hanging it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/shared-data.ts';

export const VPCFLOW_BIN = join(REPO_ROOT, 'bin', 'vpcflow');

/** The startup line `serve` prints once it listens (see src/cli/commands/serve.ts). */
const LISTENING = /^vpcflow serve: listening on (http:\/\/127\.0\.0\.1:(\d+)) \(/;

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  /** Everything the server wrote to stderr so far (internal errors are logged there). */
  stderr(): string;
  /** Resolves once the process has exited, however it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, as a crash: no handler runs, nothing is flushed. Resolves once the process is gone. */
  crash(): Promise<void>;
  /** SIGTERM (a clean stop), then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Rejects with `what` if `p` has not settled within `ms` (the timer never keeps the process alive). */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Spawns `bin/vpcflow serve --port 0 --data <dataDir>` and resolves once it prints where it listens. */
export async function spawnServe(dataDir: string, opts: { startupMs?: number; args?: string[] } = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [VPCFLOW_BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, ...(opts.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'exit' can come before the spawn error is known; either way the process is gone.
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const line = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    void exited.then(({ code, signal }) => reject(new Error(`vpcflow serve exited (${code ?? signal}) before listening: ${err}`)));
  });
  let first: string;
  try {
    first = await within(line, opts.startupMs ?? 30_000, 'vpcflow serve startup');
  } catch (e) {
    child.kill('SIGKILL');
    await within(exited, 5_000, 'vpcflow serve exit').catch(() => undefined);
    throw e;
  }
  const m = LISTENING.exec(first);
  if (!m) {
    child.kill('SIGKILL');
    throw new Error(`unexpected startup line from vpcflow serve: ${first}`);
  }
  const crash = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await within(exited, 10_000, 'vpcflow serve after SIGKILL');
  };
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    try {
      return await within(exited, graceMs, 'vpcflow serve after SIGTERM');
    } catch {
      child.kill('SIGKILL');
      return within(exited, 10_000, 'vpcflow serve after SIGKILL');
    }
  };
  return { child, url: m[1]!, port: Number(m[2]), stderr: () => err, exited, crash, stop };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same kill moments, payloads and sizes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-th quantile (0..1) of `xs`, nearest rank; NaN for no samples. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
