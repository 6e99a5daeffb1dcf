/** Runs the CLI in-process, capturing what it prints and its exit status. */
import { main } from '../../src/cli/main.ts';

export interface CliResult { code: number; out: string; err: string }

export async function cli(...argv: string[]): Promise<CliResult> {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}
