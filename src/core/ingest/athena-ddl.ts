/**
 * The CREATE TABLE statements a user runs in Athena for flow log objects in
 * S3, in the shapes of AWS's documentation (aws-flow-logs.md §8.1): text
 * tables are delimited by a space and skip the header line; Parquet tables
 * use the Parquet SerDe; Hive-compatible keys are partitioned by their
 * `key=value` folders and loaded with MSCK REPAIR TABLE, other keys by a
 * `date` partition (and `hour` for per-hour keys) added with ALTER TABLE.
 * Text columns are positional, so they follow the objects' header; Parquet
 * columns match by name.
 */
import type { FieldDef } from '../flows/fields.ts';
import { athenaType, columnName } from './columns.ts';
import { formatKey, type Format } from './format.ts';
import { parseS3Key } from './s3-path.ts';

export interface S3Object {
  bucket: string;
  /** The object key, `/`-separated. */
  key: string;
  fileFormat: 'plain-text' | 'parquet';
  /** The fields of its records, in header (text) or column (Parquet) order. */
  format: Format;
}

interface TableGroup {
  bucket: string;
  /** `s3://bucket/prefix/AWSLogs/` */
  root: string;
  account: string;
  region: string;
  hive: boolean;
  perHour: boolean;
  fileFormat: 'plain-text' | 'parquet';
  format: Format;
  /** Partition folders: date (YYYY-MM-DD) and hour. */
  partitions: Map<string, { date: string; hour?: string }>;
  objects: number;
}

/** Athena column names that need backticks in DDL (its reserved keywords among ours). */
const RESERVED = new Set(['end', 'date', 'timestamp']);
const ident = (name: string): string => (RESERVED.has(name) || /[^a-z0-9_]/.test(name) ? `\`${name}\`` : name);

export function columnList(fields: readonly FieldDef[]): string {
  return fields.map((f) => `  ${ident(columnName(f))} ${athenaType(f)}`).join(',\n');
}

const PARQUET_STORAGE = [
  `ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'`,
  `STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'`,
  `OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'`,
].join('\n');
const TEXT_STORAGE = `ROW FORMAT DELIMITED\nFIELDS TERMINATED BY ' '`;

function groupObjects(objects: readonly S3Object[]): TableGroup[] {
  const groups = new Map<string, TableGroup>();
  for (const o of objects) {
    const k = parseS3Key(o.key);
    if (k.account === undefined || k.region === undefined || k.before === undefined || k.date === undefined) continue;
    const prefix = k.before === '' ? '' : `${k.before}/`;
    const id = [o.bucket, prefix, k.account, k.region, k.hive, k.perHour, o.fileFormat, formatKey(o.format)].join('\u0000');
    let g = groups.get(id);
    if (!g) {
      g = {
        bucket: o.bucket, root: `s3://${o.bucket}/${prefix}AWSLogs/`, account: k.account, region: k.region, hive: k.hive,
        perHour: k.perHour, fileFormat: o.fileFormat, format: o.format, partitions: new Map(), objects: 0,
      };
      groups.set(id, g);
    }
    g.objects++;
    const part = k.perHour ? { date: k.date, hour: k.hour } : { date: k.date };
    g.partitions.set(`${part.date}/${part.hour ?? ''}`, part);
  }
  return [...groups.values()];
}

function tableSql(g: TableGroup, name: string): string {
  const parquet = g.fileFormat === 'parquet';
  const what = `${g.objects} ${parquet ? 'Parquet' : 'gzip text'} object${g.objects === 1 ? '' : 's'} under ${g.root}, ${g.hive ? 'Hive-compatible' : 'default'} ${g.perHour ? 'per-hour' : 'daily'} folders`;
  const out = [`-- ${what}`, `CREATE EXTERNAL TABLE IF NOT EXISTS \`${name}\` (`, columnList(g.format), ')'];
  if (g.hive) {
    out.push(`PARTITIONED BY (\`aws-account-id\` string, \`aws-service\` string, \`aws-region\` string, \`year\` string, \`month\` string, \`day\` string${g.perHour ? ', `hour` string' : ''})`);
  } else {
    out.push(`PARTITIONED BY (\`date\` date${g.perHour ? ', `hour` string' : ''})`);
  }
  out.push(parquet ? PARQUET_STORAGE : TEXT_STORAGE);
  const location = g.hive ? g.root : `${g.root}${g.account}/vpcflowlogs/${g.region}/`;
  out.push(`LOCATION '${location}'`);
  out.push(parquet ? `TBLPROPERTIES ('EXTERNAL'='true', 'skip.header.line.count'='1');` : `TBLPROPERTIES ("skip.header.line.count"="1");`);
  if (g.hive) {
    out.push('', `MSCK REPAIR TABLE \`${name}\`;`);
  } else {
    const parts = [...g.partitions.values()].sort((a, b) => `${a.date}${a.hour ?? ''}`.localeCompare(`${b.date}${b.hour ?? ''}`));
    out.push('', `ALTER TABLE \`${name}\` ADD IF NOT EXISTS`);
    out.push(parts.map((p) => {
      const folder = `${location}${p.date.replace(/-/g, '/')}${p.hour !== undefined ? `/${p.hour}` : ''}`;
      return `  PARTITION (\`date\`='${p.date}'${p.hour !== undefined ? `, \`hour\`='${p.hour}'` : ''}) LOCATION '${folder}'`;
    }).join('\n') + ';');
  }
  return out.join('\n');
}

/**
 * Table names: AWS's (`vpc_flow_logs`, `vpc_flow_logs_parquet`) when one table
 * of the kind is needed; else suffixed with the key prefix (`vpc_flow_logs_text_daily`),
 * or numbered when prefixes do not tell the tables apart.
 */
function tableNames(groups: readonly TableGroup[]): string[] {
  const base = (g: TableGroup): string => (g.fileFormat === 'parquet' ? 'vpc_flow_logs_parquet' : 'vpc_flow_logs');
  const prefixOf = (g: TableGroup): string => g.root.slice(`s3://${g.bucket}/`.length, -'AWSLogs/'.length).replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
  const names = groups.map((g) => {
    const sameKind = groups.filter((o) => base(o) === base(g));
    if (sameKind.length === 1) return base(g);
    const p = prefixOf(g);
    const clash = sameKind.filter((o) => prefixOf(o) === p).length > 1;
    return p && !clash ? `${base(g)}_${p}` : '';
  });
  const used = new Map<string, number>();
  return names.map((n, i) => {
    if (n) return n;
    const b = base(groups[i]!);
    const k = (used.get(b) ?? 0) + 1;
    used.set(b, k);
    return `${b}_${k}`;
  });
}

/** The statements for every table the objects need (one per location, layout, file format and record format). */
export function athenaDdl(objects: readonly S3Object[]): string {
  const groups = groupObjects(objects);
  const names = tableNames(groups);
  return groups.map((g, i) => tableSql(g, names[i]!)).join('\n\n') + '\n';
}

/**
 * The statement for Parquet files written by vpcflow itself (an ingest folder's
 * store parts), to be uploaded under `location`: no partitions, columns by name.
 */
export function partsDdl(fields: readonly FieldDef[], extra: readonly { name: string; type: string }[], location: string): string {
  const cols = [columnList(fields), ...extra.map((c) => `  ${ident(c.name)} ${c.type}`)].join(',\n');
  return [
    `CREATE EXTERNAL TABLE IF NOT EXISTS \`vpc_flow_logs_parquet\` (`, cols, ')', PARQUET_STORAGE,
    `LOCATION '${location}'`, `TBLPROPERTIES ('EXTERNAL'='true');`, '',
  ].join('\n');
}
