/**
 * Parquet objects, by vpcflow's own encoder (parquet-encode.ts: gzip, values
 * straight into columns) or through DuckDB. For DuckDB the rows arrive as the
 * very record lines (staged beside the object and parsed by read_csv): that is
 * about three times faster than the Appender, whose strings cross into native
 * code one call per value, and the lines already hold `-` exactly where the
 * Parquet nulls go. DuckDB's own gzip bounds that path's speed (see bench.ts).
 * (read_csv takes a path with `*`, `?` or `[` literally when that file exists,
 * so any output folder name works; parquet.test.ts checks it.)
 */
import { closeSync, openSync, statSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { FieldDef, FieldType } from '../../core/flows/fields.ts';
import { atomicWriteParts, atomicWriteVia, discardTemp, tempPathFor, writeChunks } from './atomic.ts';
import { ParquetBuilder } from './parquet-encode.ts';

const CREATED_BY = 'vpcflow';

/** AWS writes gzip; the others exist for speed (see bench.ts) and are not what AWS delivers. */
export type ParquetCompression = 'gzip' | 'snappy' | 'zstd';

/**
 * Who writes Parquet objects: vpcflow's own encoder (parquet-encode.ts: gzip
 * only, values straight into columns), or DuckDB from the record lines.
 */
export type ParquetEncoder = 'vpcflow' | 'duckdb';

const SQL_TYPE: Record<FieldType, string> = { int32: 'INTEGER', int64: 'BIGINT', string: 'VARCHAR' };

/** AWS's column name for a field: `log-status` → `log_status`. */
export const parquetColumnName = (field: FieldDef): string => field.name.replace(/-/g, '_');

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * The query that parses record lines with the format's types. Numbers read
 * `-` as null; strings get their `-` back, as AWS's Parquet schema gives them
 * the default "-" (see the SEKOIA file's Avro schema). read_csv's own
 * force_not_null cannot do this: it turns `-` into an empty string.
 */
export function selectLinesSql(stagingPath: string, fields: readonly FieldDef[]): string {
  const columns = fields.map((f) => `${sqlString(parquetColumnName(f))}: '${SQL_TYPE[f.type]}'`).join(', ');
  const select = fields.map((f) => {
    const c = `"${parquetColumnName(f)}"`;
    return f.type === 'string' ? `coalesce(${c}, '-') AS ${c}` : c;
  }).join(', ');
  const opts = [`delim=' '`, `quote=''`, `escape=''`, `header=false`, `auto_detect=false`, `nullstr='-'`, `columns={${columns}}`];
  return `SELECT ${select} FROM read_csv(${sqlString(stagingPath)}, ${opts.join(', ')})`;
}

export class ParquetWriter {
  private readonly compression: ParquetCompression;
  /** Whether objects are built from values (vpcflow's encoder) rather than written by DuckDB from lines. */
  readonly buildsColumns: boolean;
  private db: Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> | undefined;

  constructor(compression: ParquetCompression = 'gzip', encoder: ParquetEncoder = 'duckdb') {
    this.compression = compression;
    this.buildsColumns = encoder === 'vpcflow' && compression === 'gzip';
  }

  /** A builder for one object, when this writer builds columns. */
  builder(fields: readonly FieldDef[]): ParquetBuilder {
    return new ParquetBuilder(fields, parquetColumnName);
  }

  /** Writes a built object at `finalPath`; returns its size. */
  async writeBuilt(finalPath: string, built: ParquetBuilder): Promise<number> {
    return atomicWriteParts(finalPath, await built.finish(CREATED_BY));
  }

  private connection(): Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> {
    this.db ??= (async () => {
      // No extension may be fetched: parquet is built in, and a run must never touch the network.
      const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
      return { instance, con: await instance.connect() };
    })();
    return this.db;
  }

  /** Writes the record lines (UTF-8, each ending in `\n`) as one Parquet object at `finalPath`; returns its size. */
  async write(finalPath: string, fields: readonly FieldDef[], lines: Uint8Array): Promise<number> {
    const { con } = await this.connection();
    await atomicWriteVia(finalPath, async (tmp) => {
      const staging = tempPathFor(finalPath);
      try {
        const fd = openSync(staging, 'wx');
        try { writeChunks(fd, [lines]); } finally { closeSync(fd); }
        await con.run(`COPY (${selectLinesSql(staging, fields)}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION ${this.compression})`);
      } finally {
        discardTemp(staging);
      }
    });
    return statSync(finalPath).size;
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    if (!db) return;
    const { instance, con } = await db;
    con.closeSync();
    instance.closeSync();
  }
}
