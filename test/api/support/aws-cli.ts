/**
 * Runs Debian's AWS CLI v2 (`/usr/bin/aws`, never whatever `aws` is first on
 * PATH) against the test server, with dummy credentials and no user config.
 * A missing CLI fails the test with the fix, it never skips.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DUMMY_CREDENTIALS } from './server.ts';

export const AWS_CLI = '/usr/bin/aws';

export function requireAwsCli(): void {
  if (!existsSync(AWS_CLI)) {
    throw new Error(`${AWS_CLI} is missing: install Debian's AWS CLI v2 with \`apt-get install -y awscli\` (.ci/run does this)`);
  }
}

export interface CliRun { code: number; stdout: string; stderr: string }

export function awsCli(endpoint: string, args: string[], region = 'us-east-1'): Promise<CliRun> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: region, AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  return new Promise((resolve) => {
    execFile(AWS_CLI, ['--endpoint-url', endpoint, '--output', 'json', ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI and parses its JSON output; a failure fails the test with the CLI's message. */
export async function awsJson<T = Record<string, unknown>>(endpoint: string, args: string[]): Promise<T> {
  const r = await awsCli(endpoint, args);
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return (r.stdout.trim() ? JSON.parse(r.stdout) : {}) as T;
}
