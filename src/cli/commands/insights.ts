/**
 * `vpcflow insights DIR QUERY [--group G]... [--start T] [--end T] [--json]`:
 * a CloudWatch Logs Insights query over the CloudWatch Logs events of a data
 * folder (from `vpcflow run` or `vpcflow ingest`).
 */
import type { Command } from 'commander';
import { rowObjects } from '../../adapters/insights/run.ts';
import { renderInsights } from '../../adapters/insights/render.ts';
import { runInsightsQuery } from '../../adapters/insights/store-events.ts';
import { SqlError, StoreError } from '../../adapters/store/errors.ts';
import { openStore } from '../../adapters/store/store.ts';
import { dateTextMs } from '../../core/insights/coerce.ts';
import { InsightsQueryError } from '../../core/insights/index.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';

interface Opts { group: string[]; start?: string; end?: string; json?: boolean }

/** Milliseconds of an ISO time (UTC unless it says otherwise) or of epoch seconds. */
export function parseTimeOption(text: string, flag: string): number {
  const t = text.trim();
  if (/^[0-9]+$/.test(t)) return Number(t) * 1000;
  const ms = dateTextMs(t);
  if (ms === undefined) throw new UserError(`${flag}: expected an ISO time such as 2026-01-01T00:00:00Z or epoch seconds, found "${text}"`);
  return ms;
}

/** The error, then the query line with a caret under the column. */
function syntaxError(e: InsightsQueryError): UserError {
  return new UserError(`${e.message}\n  ${e.sourceLine}\n  ${' '.repeat(Math.max(0, e.column - 1))}^`);
}

export function registerInsights(program: Command, io: Io): void {
  program
    .command('insights')
    .description('Run a CloudWatch Logs Insights query on the CloudWatch Logs events of a data folder (from `vpcflow run` or `vpcflow ingest`), as AWS runs it on a log group.')
    .argument('<dir>', 'the data folder')
    .argument('<query>', 'the query, e.g. "filter action = \'REJECT\' | stats count(*) as n by srcAddr | sort n desc"')
    .option('--group <name>', 'query this log group (repeat for several; default: every log group)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--start <time>', 'first event time: ISO (2026-01-01T00:00:00Z) or epoch seconds (default: all events)')
    .option('--end <time>', 'last event time, included: ISO or epoch seconds (default: all events)')
    .option('--json', 'print an array of row objects keyed by the result field names (numbers as JSON numbers)')
    .addHelpText('after', `
Without sort, events come newest first; without limit, at most 10,000 rows, as in AWS.
Exit status: 0 on success, 2 if the folder, an option or the query is wrong (the message points at the line and column).`)
    .action(async (dir: string, query: string, o: Opts) => {
      const startMs = o.start !== undefined ? parseTimeOption(o.start, '--start') : undefined;
      const endMs = o.end !== undefined ? parseTimeOption(o.end, '--end') : undefined;
      if (startMs !== undefined && endMs !== undefined && startMs > endMs) throw new UserError('--start is after --end');
      try {
        const store = await openStore(dir);
        try {
          const r = await runInsightsQuery(store, query, { groups: o.group, startMs, endMs, statistics: !o.json });
          io.out(o.json ? `${JSON.stringify(rowObjects(r))}\n` : renderInsights(r));
        } finally {
          await store.close();
        }
      } catch (e) {
        if (e instanceof InsightsQueryError) throw syntaxError(e);
        if (e instanceof StoreError) throw new UserError(e.message);
        if (e instanceof SqlError) throw new UserError(`insights: ${e.message}`);
        throw e;
      }
    });
}
