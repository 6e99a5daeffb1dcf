/**
 * S3 Parquet objects into a store part. Columns match fields by name, as in
 * Athena. AWS's schema (INT32/INT64/STRING per field, `-` in strings) loads as
 * it is; another schema is reported column by column and converted where the
 * values allow (numbers written as text, text "None" for missing, …). A row
 * whose value cannot be converted is skipped with its row number; a file with
 * no flow log column at all is refused.
 */
import type { FieldDef } from '../../core/flows/fields.ts';
import { athenaType, duckType, fieldForColumn } from '../../core/ingest/columns.ts';
import type { Skipped, Warning } from '../../core/ingest/report.ts';
import { readParquet, sqlIdent, sqlString } from '../../core/ingest/sql.ts';
import type { Duck } from '../store/duck.ts';
import { checksClean, withChecks } from './checks.ts';
import { metaConstants, type SourceMeta } from './meta.ts';
import { ReadError } from './reader.ts';
import type { PartSink } from './text-load.ts';

const AWS_PARQUET: Record<FieldDef['type'], string> = { int32: 'INTEGER', int64: 'BIGINT', string: 'VARCHAR' };
const AWS_NAME: Record<string, string> = { INTEGER: 'INT32', BIGINT: 'INT64', VARCHAR: 'STRING' };
const INTEGERS = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT']);
const NULL_TEXTS = `('', '-', 'None', 'none', 'null', 'NULL', 'NaN', 'nan')`;

interface Plan {
  field: FieldDef;
  expr: string;
  error: string | null;
  /** The quoted column, when numbers arrive as text (their "None"s are counted for a warning). */
  numbersAsText?: string;
}

function planColumn(field: FieldDef, column: string, srcType: string): Plan | null {
  const c = sqlIdent(column);
  const store = duckType(field);
  const numeric = athenaType(field) !== 'string';
  const fits = `'${field.name}: ' || CAST(${c} AS VARCHAR) || ' does not fit ${store === 'INTEGER' ? 'an int' : 'a bigint'}'`;
  if (!numeric) {
    if (srcType === 'VARCHAR') return { field, expr: `nullif(${c}, '-')`, error: null };
    if (INTEGERS.has(srcType) || /^(DOUBLE|FLOAT|DECIMAL)/.test(srcType)) return { field, expr: `CAST(${c} AS VARCHAR)`, error: null };
    return null;
  }
  if (INTEGERS.has(srcType)) {
    return srcType === store || (srcType === 'INTEGER' && store === 'BIGINT') || ['TINYINT', 'SMALLINT', 'UTINYINT', 'USMALLINT'].includes(srcType)
      ? { field, expr: `CAST(${c} AS ${store})`, error: null }
      : { field, expr: `TRY_CAST(${c} AS ${store})`, error: `CASE WHEN ${c} IS NOT NULL AND TRY_CAST(${c} AS ${store}) IS NULL THEN ${fits} END` };
  }
  if (srcType === 'VARCHAR') {
    const v = `trim(${c})`;
    return {
      field,
      numbersAsText: c,
      expr: `CASE WHEN ${v} IN ${NULL_TEXTS} THEN NULL ELSE TRY_CAST(${v} AS ${store}) END`,
      error: `CASE WHEN ${c} IS NOT NULL AND ${v} NOT IN ${NULL_TEXTS} AND (NOT regexp_full_match(${v}, '[+-]?[0-9]+') OR TRY_CAST(${v} AS ${store}) IS NULL) THEN '${field.name}: "' || ${c} || '" is not a whole number that fits its column' END`,
    };
  }
  if (/^(DOUBLE|FLOAT|DECIMAL)/.test(srcType)) {
    return {
      field,
      expr: `TRY_CAST(${c} AS ${store})`,
      error: `CASE WHEN ${c} IS NOT NULL AND (${c} <> floor(${c}) OR TRY_CAST(${c} AS ${store}) IS NULL) THEN '${field.name}: ' || CAST(${c} AS VARCHAR) || ' is not a whole number that fits its column' END`,
    };
  }
  return null;
}

export interface ParquetOutcome { records: number; skipped: Skipped[]; warnings: Warning[] }

export async function loadParquet(duck: Duck, file: string, meta: SourceMeta, sink: PartSink): Promise<ParquetOutcome> {
  const src = readParquet(file, 'file_row_number = true');
  let described;
  try {
    described = await duck.query(`DESCRIBE SELECT * FROM ${readParquet(file)}`);
  } catch (e) {
    throw new ReadError(file, `not a readable Parquet file (${(e as Error).message.split('\n')[0]})`);
  }
  const warnings: Warning[] = [];
  const plans: Plan[] = [];
  const unknown: string[] = [];
  const deviations: string[] = [];
  const seen = new Set<string>();
  for (const r of described.rows) {
    const name = String(r.column_name), type = String(r.column_type);
    const field = fieldForColumn(name);
    if (!field || seen.has(field.name)) { unknown.push(name); continue; }
    seen.add(field.name);
    const expected = AWS_PARQUET[field.type];
    const plan = planColumn(field, name, type);
    if (!plan) { deviations.push(`${name} is ${type}, which cannot hold ${field.name} (ignored)`); continue; }
    if (type !== expected) deviations.push(`${name} is ${type} (AWS writes ${AWS_NAME[expected]})`);
    plans.push(plan);
  }
  if (plans.length === 0) {
    const cols = described.rows.map((r) => String(r.column_name));
    throw new ReadError(file, `not a flow log Parquet file: none of its columns (${cols.slice(0, 8).join(', ')}${cols.length > 8 ? ', …' : ''}) is a flow log field with a usable type`);
  }
  if (deviations.length) warnings.push({ file, line: null, reason: `not AWS's Parquet schema: ${deviations.join('; ')}; values were converted where they allow it` });
  if (unknown.length) warnings.push({ file, line: null, reason: `column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ${unknown.length > 1 ? 'are not flow log fields' : 'is not a flow log field'}: ignored` });

  const errors = plans.map((p) => p.error).filter((e): e is string => e !== null);
  const err = errors.length ? `coalesce(${errors.join(', ')})` : 'NULL';
  const select = [...plans.map((p) => `${p.expr} AS ${sqlIdent(p.field.name.replace(/-/g, '_'))}`), ...metaConstants(meta), 'file_row_number + 1 AS source_line'];
  const fields = plans.map((p) => p.field);
  const part = sink.newPart(fields, [meta.sourceFile], { hasLine: true, events: false });
  const copied = await duck.query(`COPY (${withChecks(`SELECT ${select.join(', ')} FROM ${src} WHERE ${err} IS NULL`, fields, false)}) TO ${sqlString(part)} (FORMAT parquet, COMPRESSION snappy, RETURN_STATS true)`);
  const records = Number(copied.rows[0]?.count ?? 0);
  sink.recordCount(part, records, checksClean(copied.rows[0]));
  const skipped: Skipped[] = [];
  if (errors.length) {
    const bad = await duck.query(`SELECT file_row_number + 1 AS row, ${err} AS reason FROM ${src} WHERE ${err} IS NOT NULL ORDER BY row`);
    for (const r of bad.rows) skipped.push({ file, line: r.row as number, reason: `row ${r.row}: ${r.reason}` });
  }
  const texts = plans.flatMap((p) => (p.numbersAsText ? [p.numbersAsText] : []));
  if (texts.length) {
    const counted = await duck.query(`SELECT ${texts.map((c) => `count(*) FILTER (WHERE trim(${c}) IN ('', 'None', 'none', 'null', 'NULL', 'NaN', 'nan'))`).join(' + ')} AS n FROM ${src}`);
    const n = Number(counted.rows[0]?.n ?? 0);
    if (n) warnings.push({ file, line: null, reason: `${n} number value${n > 1 ? 's' : ''} written as text such as "None" read as missing (AWS writes null)` });
  }
  return { records, skipped, warnings };
}
