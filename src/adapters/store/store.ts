/**
 * The store: the records of a data folder as DuckDB tables. See README.md.
 *
 *   const store = await openStore('out/frontal-bd');
 *   const rows = await store.query(`SELECT action, count(*) AS n FROM flow_logs GROUP BY action`);
 *   await store.close();
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestReport } from '../../core/ingest/report.ts';
import { isServeDataFolder } from '../ingest/inputs.ts';
import { openDuck, type Duck } from './duck.ts';
import { SqlError, StoreError } from './errors.ts';
import { RUN_OUTPUT_FOLDERS, storeLayout } from './layout.ts';
import { readManifest, type Manifest, type PartEntry } from './manifest.ts';
import { PRESTO_MACROS } from './presto.ts';
import { refreshRunOutputs } from './refresh.ts';
import type { QueryResult, Row } from './values.ts';
import { FLOW_LOGS_VIEW, LOG_EVENTS_VIEW, recordsViewSql } from './views.ts';

export interface StoreOptions {
  /** Load `vpcflow run` outputs that changed since the last load first (default true). */
  refresh?: boolean;
  /** DuckDB worker threads (default: one per core). */
  threads?: number;
}

export interface Store {
  /** The data folder, absolute. */
  readonly dir: string;
  /** The parts the views read, as the manifest lists them. */
  readonly parts: readonly PartEntry[];
  /** What loading changed run outputs reported when this open loaded them (else undefined). */
  readonly refreshed: IngestReport | undefined;
  /** What the last load of the run outputs reported (lines it skipped, warnings). */
  readonly runReport: Manifest['run'];
  /** Runs SQL; rows as plain objects (numbers for every integer type, strings for dates). */
  query(sql: string): Promise<Row[]>;
  /** Runs SQL; rows with the result's column names and types. */
  queryResult(sql: string): Promise<QueryResult>;
  /** The DuckDB connection, for what `query` does not cover (prepared statements, streaming). */
  readonly duck: Duck;
  close(): Promise<void>;
}

/** A run's output folder, or a `vpcflow serve` data folder (whose deliveries sit per account and region). */
function hasRunOutputs(dir: string): boolean {
  return RUN_OUTPUT_FOLDERS.some((d) => existsSync(join(dir, d))) || isServeDataFolder(dir);
}

export async function openStore(dir: string, options: StoreOptions = {}): Promise<Store> {
  const layout = storeLayout(dir);
  if (!existsSync(layout.dir)) throw new StoreError(`no such folder: ${layout.dir}`);
  if (!statSync(layout.dir).isDirectory()) throw new StoreError(`${layout.dir} is not a folder`);
  const runOutputs = hasRunOutputs(layout.dir);
  if (!runOutputs && !existsSync(layout.manifest)) {
    throw new StoreError(`${layout.dir} holds no flow logs: fill it with \`vpcflow run SCENARIO --out ${dir}\` or \`vpcflow ingest FILES --out ${dir}\``);
  }
  let refreshed: IngestReport | undefined;
  if (options.refresh !== false && runOutputs) {
    try {
      refreshed = await refreshRunOutputs(layout.dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') throw new StoreError(`cannot build the store in ${layout.root}: ${code}`);
      throw e;
    }
  }
  const manifest = existsSync(layout.manifest) ? readManifest(layout.manifest) : undefined;
  const parts = manifest?.parts ?? [];
  const duck = await openDuck({ threads: options.threads });
  try {
    for (const m of PRESTO_MACROS) await duck.run(m);
    await duck.run(recordsViewSql(parts.map((p) => join(layout.root, p.file))));
    await duck.run(FLOW_LOGS_VIEW);
    await duck.run(LOG_EVENTS_VIEW);
  } catch (e) {
    duck.close();
    throw e;
  }
  const queryResult = async (sql: string): Promise<QueryResult> => {
    try {
      return await duck.query(sql);
    } catch (e) {
      throw new SqlError((e as Error).message);
    }
  };
  return {
    dir: layout.dir,
    parts,
    refreshed,
    runReport: manifest?.run,
    duck,
    queryResult,
    query: async (sql) => (await queryResult(sql)).rows,
    close: async () => duck.close(),
  };
}
