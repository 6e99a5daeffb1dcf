/** `vpcflow query DIR SQL [--json|--csv]` and `vpcflow query DIR --athena-ddl`: SQL as in Athena over a data folder. */
import type { Command } from 'commander';
import { athenaDdlFor } from '../../adapters/store/athena.ts';
import { SqlError, StoreError } from '../../adapters/store/errors.ts';
import { openStore } from '../../adapters/store/store.ts';
import { unreadNotice } from '../../adapters/store/unread.ts';
import type { QueryResult, Value } from '../../adapters/store/values.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';

interface Opts { json?: boolean; csv?: boolean; athenaDdl?: boolean }

const text = (v: Value): string => (v === null ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** An aligned table: numbers to the right, everything else to the left, NULL spelled out. */
export function renderTable(r: QueryResult): string {
  const names = r.columns.map((c) => c.name);
  const cells = r.rows.map((row) => names.map((n) => text(row[n] ?? null)));
  const numeric = names.map((n) => r.rows.length > 0 && r.rows.every((row) => typeof row[n] === 'number' || row[n] === null));
  const width = names.map((n, i) => Math.max(n.length, ...cells.map((c) => c[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => (numeric[i] ? v.padStart(width[i]!) : v.padEnd(width[i]!))).join(' | ').trimEnd();
  const out = [line(names), width.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map(line)];
  out.push(`(${r.rows.length} row${r.rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}

const csvCell = (v: Value): string => {
  if (v === null) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function renderCsv(r: QueryResult): string {
  const names = r.columns.map((c) => c.name);
  return [names.map(csvCell), ...r.rows.map((row) => names.map((n) => csvCell(row[n] ?? null)))].map((l) => l.join(',')).join('\r\n') + '\r\n';
}

export function registerQuery(program: Command, io: Io): void {
  program
    .command('query')
    .description('Run SQL (DuckDB, with the Athena functions flow log queries use) on the flow_logs table of a data folder (from `vpcflow run` or `vpcflow ingest`); also log_events for CloudWatch Logs events.')
    .argument('<dir>', 'the data folder')
    .argument('[sql]', 'the query, e.g. "SELECT action, count(*) FROM flow_logs GROUP BY action"')
    .option('--json', 'print an array of row objects (numbers as JSON numbers)')
    .option('--csv', 'print CSV with a header line')
    .option('--athena-ddl', 'print the CREATE TABLE statements for Athena over the S3 objects in the folder, instead of running SQL')
    .addHelpText('after', '\nExit status: 0 on success, 2 if the folder or the SQL is wrong.')
    .action(async (dir: string, sql: string | undefined, o: Opts) => {
      if (o.json && o.csv) throw new UserError('--json and --csv: choose one');
      try {
        if (o.athenaDdl) {
          if (sql !== undefined) throw new UserError('--athena-ddl takes no SQL');
          io.out(await athenaDdlFor(dir));
          return;
        }
        if (sql === undefined || sql.trim() === '') throw new UserError('give the SQL to run, e.g. vpcflow query DIR "SELECT count(*) FROM flow_logs"');
        const store = await openStore(dir);
        try {
          const notice = unreadNotice(store.refreshed?.skipped ?? []);
          if (notice) io.err(notice);
          const result = await store.queryResult(sql);
          io.out(o.json ? `${JSON.stringify(result.rows)}\n` : o.csv ? renderCsv(result) : renderTable(result));
        } finally {
          await store.close();
        }
      } catch (e) {
        if (e instanceof SqlError) throw new UserError(`SQL error: ${e.message}`);
        if (e instanceof StoreError) throw new UserError(e.message);
        throw e;
      }
    });
}
