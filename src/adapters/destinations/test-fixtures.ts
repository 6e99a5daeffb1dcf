/** Flow logs and records for the destination tests; imported by tests only. */
import { sharedFile } from '../../../test/support/shared-data.ts';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { EmittedRecord, FieldValue } from '../../core/flows/emitted.ts';
import { DEFAULT_FORMAT } from '../../core/flows/fields.ts';
import type { FlowLog } from '../../core/model/types.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-3';

export function flowLog(over: Partial<FlowLog> & Pick<FlowLog, 'id' | 'destinationType' | 'logDestination'>): FlowLog {
  return {
    tags: [], resourceType: 'VPC', resourceId: 'vpc-0123456789abcdef0', trafficType: 'ALL',
    logFormat: DEFAULT_FORMAT, maxAggregationInterval: 60, fileFormat: 'plain-text',
    hiveCompatiblePartitions: false, perHourPartition: false, creationTime: 0,
    ...over,
  };
}

export function record(fl: FlowLog, eniId: string, values: FieldValue[], start: number, end: number): EmittedRecord {
  // The window is taken to end with the record's last second, so ingestion times read as end + delay.
  return { flowLog: fl, eniId, start, end, windowEndMs: end * 1000, values, line: values.map((v) => (v === null ? '-' : String(v))).join(' '), status: 'OK', action: 'ACCEPT' };
}

/** A default-format (v2) record. */
export function v2(fl: FlowLog, eniId: string, start: number, end: number, over: { src?: string; sport?: number; action?: string; packets?: number } = {}): EmittedRecord {
  return record(fl, eniId, [2, ACCOUNT, eniId, over.src ?? '10.0.1.5', '10.0.2.9', over.sport ?? 49152, 443, 6, over.packets ?? 3, 180, start, end, over.action ?? 'ACCEPT', 'OK'], start, end);
}

/** A v2 NODATA record: `-` in every flow field. */
export function nodata(fl: FlowLog, eniId: string, start: number, end: number): EmittedRecord {
  return record(fl, eniId, [2, ACCOUNT, eniId, null, null, null, null, null, null, null, start, end, null, 'NODATA'], start, end);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vpcflow-dest-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir`, relative, `/`-separated, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(/[\\/]/).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export const SEKOIA_PARQUET = sharedFile('data', 'flowlogs', 'sekoia_111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_2ad4bef5.parquet');
export const LOKI_TEXT = sharedFile('data', 'flowlogs', 'loki_lambda-promtail_vpcflowlog.log.gz');

/** Runs one query in a throwaway DuckDB (no extension loading) and returns plain rows, bigints as numbers. */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const con = await instance.connect();
    try {
      const rows = (await con.runAndReadAll(sql)).getRowObjectsJS();
      return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
    } finally {
      con.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
