/**
 * DuckDB instances for the store and for ingest. Every instance is opened with
 * extension autoloading and autoinstall off: parquet and json are built in,
 * and nothing vpcflow does may reach the network (there is no `inet`
 * extension here; CIDR checks happen in TypeScript). Times are UTC, as Athena's.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readResult, type QueryResult } from './values.ts';

export interface Duck {
  readonly instance: DuckDBInstance;
  readonly con: DuckDBConnection;
  run(sql: string): Promise<void>;
  query(sql: string): Promise<QueryResult>;
  close(): void;
}

export async function openDuck(options: { threads?: number } = {}): Promise<Duck> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const con = await instance.connect();
  await con.run(`SET TimeZone = 'UTC'`);
  // Set after creation: \`threads\` in the creation config left read_csv scanning on one thread here.
  if (options.threads) await con.run(`SET threads = ${Math.max(1, Math.floor(options.threads))}`);
  return {
    instance,
    con,
    run: async (sql) => { await con.run(sql); },
    query: async (sql) => readResult(await con.runAndReadAll(sql)),
    close: () => {
      con.closeSync();
      instance.closeSync();
    },
  };
}
