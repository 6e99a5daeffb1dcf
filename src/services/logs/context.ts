/**
 * What a Logs handler gets: the region's log store and queries, the account
 * and region (for ARNs) and the server clock. The data folder comes from
 * `configureLogsData` (or a `dataDir` the server state carries); without one
 * the store lives in memory.
 */
import { join } from 'node:path';
import { LogStore } from '../../adapters/logs-store/index.ts';
import type { ServerState } from '../../server/state.ts';
import type { ServiceRequest } from '../../server/types.ts';
import { QueryBook } from './queries/book.ts';

export interface LogsCall {
  readonly store: LogStore;
  readonly queries: QueryBook;
  readonly account: string;
  readonly region: string;
  now(): number;
}

const DATA_SLOT = 'logs.dataDir';

/** Makes the Logs service of this server keep its data under `dataDir/<account>/<region>/`; call before its first request. */
export function configureLogsData(server: ServerState, dataDir: string): void {
  const set = server.slot<{ dir: string | undefined }>(DATA_SLOT, () => ({ dir: dataDir }));
  if (set.dir !== dataDir) throw new Error(`the Logs data folder is already ${set.dir ?? 'in memory'}`);
}

function dataDirOf(server: ServerState): string | undefined {
  if (server.dataDir !== undefined) return server.dataDir;
  return server.slot<{ dir: string | undefined }>(DATA_SLOT, () => ({ dir: undefined })).dir;
}

/** The store of (account, region), loaded from disk on first use. */
export function logStoreOf(server: ServerState, account: string, region: string): LogStore {
  const state = server.region(region);
  return state.slot('logs.store', () => {
    const dir = dataDirOf(server);
    return new LogStore({ root: dir === undefined ? undefined : join(dir, account, region), now: () => state.ec2.now() });
  });
}

export function logsCall(req: ServiceRequest): LogsCall {
  const store = logStoreOf(req.server, req.account, req.region);
  const queries = req.state.slot('logs.queries', () => new QueryBook());
  return { store, queries, account: req.account, region: req.region, now: () => req.state.ec2.now() };
}

export const groupArn = (c: LogsCall, name: string): string => `arn:aws:logs:${c.region}:${c.account}:log-group:${name}`;
