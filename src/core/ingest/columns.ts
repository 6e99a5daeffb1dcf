/**
 * The columns of the store's `flow_logs` table: every record field of versions
 * 2 to 8 (the VPC fields of `core/flows/fields.ts` plus the transit gateway
 * fields of version 6), named and typed as AWS's Athena table names and types
 * them, then the columns that say where a record came from.
 */
import { FIELDS, type FieldDef } from '../flows/fields.ts';

/** Transit gateway flow log fields (version 6), which `FIELDS` leaves out because ENIs never log them. */
const tgw = (name: string, type: FieldDef['type'] = 'string'): FieldDef => ({ name, version: 6, type });
export const TGW_FIELDS: readonly FieldDef[] = [
  tgw('resource-type'), tgw('tgw-id'), tgw('tgw-attachment-id'), tgw('tgw-src-vpc-account-id'), tgw('tgw-dst-vpc-account-id'),
  tgw('tgw-src-vpc-id'), tgw('tgw-dst-vpc-id'), tgw('tgw-src-subnet-id'), tgw('tgw-dst-subnet-id'), tgw('tgw-src-eni'),
  tgw('tgw-dst-eni'), tgw('tgw-src-az-id'), tgw('tgw-dst-az-id'), tgw('tgw-pair-attachment-id'),
  tgw('packets-lost-no-route', 'int64'), tgw('packets-lost-blackhole', 'int64'), tgw('packets-lost-mtu-exceeded', 'int64'),
  tgw('packets-lost-ttl-expired', 'int64'),
];

/** Every field the store knows, in version order (v2–v5, then v6 transit gateway, v7 ECS, v8). */
export const STORE_FIELDS: readonly FieldDef[] = [
  ...FIELDS.filter((f) => f.version <= 5), ...TGW_FIELDS, ...FIELDS.filter((f) => f.version >= 7),
];

export const STORE_FIELD_BY_NAME: ReadonlyMap<string, FieldDef> = new Map(STORE_FIELDS.map((f) => [f.name, f]));

export type AthenaType = 'int' | 'bigint' | 'string';

/**
 * Athena's type for a field. It follows the Parquet types except for
 * `protocol`, which AWS's Athena DDL declares bigint although Parquet holds INT32.
 */
export function athenaType(f: FieldDef): AthenaType {
  if (f.name === 'protocol') return 'bigint';
  return f.type === 'int32' ? 'int' : f.type === 'int64' ? 'bigint' : 'string';
}

const DUCK_TYPE: Record<AthenaType, string> = { int: 'INTEGER', bigint: 'BIGINT', string: 'VARCHAR' };

/** The DuckDB type the store gives a field's column. */
export const duckType = (f: FieldDef): string => DUCK_TYPE[athenaType(f)];

/** The column name of a field: `log-status` → `log_status`. */
export const columnName = (f: FieldDef | string): string => (typeof f === 'string' ? f : f.name).replace(/-/g, '_');

/** The field a column name (or field name) stands for, if any. */
export function fieldForColumn(name: string): FieldDef | undefined {
  return STORE_FIELD_BY_NAME.get(name.trim().toLowerCase().replace(/_/g, '-'));
}

/**
 * Where a record came from, stored beside its fields when known:
 * - `log_group`, `log_stream`: CloudWatch Logs events;
 * - `flow_log_id`: from AWS's S3 object name (`…_fl-0123…_20220831T1255Z_….log.gz`);
 * - `source_file`, `source_line`: the file read (and its line, or Parquet row, when the reader knew it);
 * - `event_timestamp`, `ingestion_time` (ms) and `message`: CloudWatch Logs events;
 * - `partition_date`: the date folder of an S3 key (Athena's `date` partition);
 * - `parse_error`: set on log events whose message is not a record of the known format
 *   (kept as log events, left out of `flow_logs`).
 */
export interface MetaColumn { name: string; type: 'VARCHAR' | 'BIGINT' | 'DATE' }
export const META_COLUMNS: readonly MetaColumn[] = [
  { name: 'log_group', type: 'VARCHAR' }, { name: 'log_stream', type: 'VARCHAR' }, { name: 'flow_log_id', type: 'VARCHAR' },
  { name: 'source_file', type: 'VARCHAR' }, { name: 'source_line', type: 'BIGINT' },
  { name: 'event_timestamp', type: 'BIGINT' }, { name: 'ingestion_time', type: 'BIGINT' }, { name: 'message', type: 'VARCHAR' },
  { name: 'partition_date', type: 'DATE' }, { name: 'parse_error', type: 'VARCHAR' },
];
