/** `vpcflow ingest PATH... --out DIR [--format FMT] [--json]`: real AWS flow logs into a data folder's store. */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadIntoStore } from '../../adapters/ingest/engine.ts';
import { expandInputs } from '../../adapters/ingest/inputs.ts';
import { FormatError } from '../../core/flows/fields.ts';
import { parseFormatOption, type Format } from '../../core/ingest/format.ts';
import type { IngestReport, Skipped } from '../../core/ingest/report.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';

interface Opts { out: string; format?: string; json?: boolean }

const SHOWN = 20;
const where = (s: Skipped): string => (s.line === null ? s.file : `${s.file}:${s.line}`);

export function renderIngest(r: IngestReport, out: string): string {
  const lines = [`loaded ${r.records} record${r.records === 1 ? '' : 's'} from ${r.files.filter((f) => f.records > 0).length} of ${r.files.length + r.skipped.filter((s) => s.line === null).length} files into ${out}`];
  const list = (title: string, items: Skipped[]) => {
    if (!items.length) return;
    lines.push('', `${title}:`);
    for (const s of items.slice(0, SHOWN)) lines.push(`  ${where(s)}: ${s.reason}`);
    if (items.length > SHOWN) lines.push(`  … and ${items.length - SHOWN} more (--json lists them all)`);
  };
  list(`not loaded (${r.skipped.length})`, r.skipped);
  list('warnings', r.warnings);
  return `${lines.join('\n')}\n`;
}

export function registerIngest(program: Command, io: Io): void {
  program
    .command('ingest')
    .description('Load real AWS flow logs (S3 text or Parquet objects, CloudWatch Logs payloads and exports, bare record lines) into a data folder that `vpcflow query` reads.')
    .argument('<paths...>', 'files or folders')
    .requiredOption('--out <dir>', 'the data folder (created if missing; loading the same file again replaces it)')
    .option('--format <fmt>', "the flow log's format, for records that come without a header line (CloudWatch Logs, bare lines): '${version} ${account-id} …'; AWS's default when omitted")
    .option('--json', 'print {"records": N, "skipped": [{"file", "line", "reason"}], "warnings": […], "files": […]}')
    .addHelpText('after', '\nExit status: 0 if records loaded (lines that could not be read are listed), 2 if nothing could be loaded.')
    .action(async (paths: string[], o: Opts) => {
      let format: Format | undefined;
      try {
        format = o.format === undefined ? undefined : parseFormatOption(o.format);
      } catch (e) {
        if (e instanceof FormatError) throw new UserError(e.message);
        throw e;
      }
      const { files, missing } = expandInputs(paths);
      if (files.length === 0) {
        throw new UserError(missing.length ? missing.map((m) => `${m.file}: ${m.reason}`).join('\n') : `no files in ${paths.join(', ')}`);
      }
      const report: IngestReport = { records: 0, skipped: [...missing], warnings: [], files: [] };
      try {
        await loadIntoStore(o.out, files, { origin: 'ingest', format, sourceName: (f) => resolve(f) }, report);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EEXIST') {
          throw new UserError(`cannot write the store in ${resolve(o.out)}: ${(e as Error).message}`);
        }
        if (/the store is busy|store manifest/.test((e as Error).message)) throw new UserError((e as Error).message);
        throw e;
      }
      io.out(o.json ? `${JSON.stringify(report, null, 2)}\n` : renderIngest(report, o.out));
      if (report.records === 0 && report.skipped.length > 0) {
        const first = report.skipped.slice(0, 3).map((s) => `${where(s)}: ${s.reason}`).join('\n  ');
        io.err(`vpcflow: nothing could be loaded:\n  ${first}${report.skipped.length > 3 ? `\n  … and ${report.skipped.length - 3} more` : ''}\n`);
        program.setOptionValue('exitCode', 2);
      }
    });
}
