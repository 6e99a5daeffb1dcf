/**
 * Text segments into a store part: DuckDB's read_csv parses them with the
 * store's column types (space-delimited, `-` as NULL, `#` lines skipped) and
 * writes Parquet straight away. Lines it refuses come back from its rejects
 * table with their line numbers; each gets a second, lenient reading in
 * TypeScript (core/ingest/record.ts): repairable ones (irregular whitespace)
 * load from a small staging file, the others are reported with the reason.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { columnName, duckType } from '../../core/ingest/columns.ts';
import { formatKey, headerFormat, type Format } from '../../core/ingest/format.ts';
import { parseRecord } from '../../core/ingest/record.ts';
import type { Skipped } from '../../core/ingest/report.ts';
import { sqlIdent, sqlList, sqlString } from '../../core/ingest/sql.ts';
import type { Duck } from '../store/duck.ts';
import { checksClean, withChecks } from './checks.ts';
import { metaConstants, metaJoin, type SourceMeta } from './meta.ts';
import type { TextSegment } from './text-scan.ts';

export interface TextItem { segment: TextSegment; meta: SourceMeta; /** for reports */ file: string }

export interface TextLoadResult { records: number; skipped: Skipped[]; repaired: Map<TextItem, number> }

/** What a part's rows carry besides fields: `source_line` (not for text DuckDB read), log events (`parse_error`, `message`). */
export interface PartKind { hasLine: boolean; events: boolean }

export interface PartSink {
  /** A new part path, registered with the fields it holds. */
  newPart(fields: Format, sources: readonly string[], kind: PartKind): string;
  /** `checksClean`: the part's `_checks` mask is 0 on every row, so no check has anything to report. */
  recordCount(part: string, n: number, checksClean?: boolean): void;
  /** A fresh staging path. */
  staging(ext: string): string;
}

let scanSeq = 0;
/** How DuckDB's read_csv says a line does not fit the columns (too many or few fields, a value of the wrong type, bad UTF-8). */
const CSV_ERROR = /CSV Error|Could not convert|Invalid unicode|invalid UTF-8/i;
const TEXT_PART: PartKind = { hasLine: false, events: false };

function readCsvSql(paths: string[], format: Format, skip: number, rejects: string | null, withFilename: boolean): string {
  const columns = format.map((f) => `${sqlString(columnName(f))}: '${duckType(f)}'`).join(', ');
  const opts = [
    `delim=' '`, `quote=''`, `escape=''`, `header=false`, `skip=${skip}`, `comment='#'`, `nullstr='-'`,
    `auto_detect=false`, `hive_partitioning=false`, `columns={${columns}}`,
  ];
  if (withFilename) opts.push('filename=true');
  if (rejects) opts.push('store_rejects=true', `rejects_table='${rejects}_errors'`, `rejects_scan='${rejects}_scans'`);
  return `read_csv(${sqlList(paths)}, ${opts.join(', ')})`;
}

/**
 * One read_csv over items sharing a format and skip count, written as one
 * part; returns its rows, and whether no check fired on any of them (from the
 * writer's own column statistics, which saves reading the part back).
 */
async function copyItems(duck: Duck, items: readonly TextItem[], format: Format, part: string, rejects: string | null): Promise<{ rows: number; clean: boolean }> {
  const paths = items.map((i) => i.segment.path);
  const cols = format.map((f) => `r.${sqlIdent(columnName(f))}`);
  let sql: string;
  if (items.length === 1) {
    sql = `SELECT ${[...cols, ...metaConstants(items[0]!.meta)].join(', ')} FROM ${readCsvSql(paths, format, items[0]!.segment.skip, rejects, false)} AS r`;
  } else {
    const j = metaJoin(items.map((i) => ({ path: i.segment.path, meta: i.meta })));
    sql = `SELECT ${[...cols, ...j.select].join(', ')} FROM ${readCsvSql(paths, format, items[0]!.segment.skip, rejects, true)} AS r JOIN ${j.from} ON r.filename = m.m_path`;
  }
  const res = await duck.query(`COPY (${withChecks(sql, format, false)}) TO ${sqlString(part)} (FORMAT parquet, COMPRESSION snappy, RETURN_STATS true)`);
  return { rows: Number(res.rows[0]?.count ?? 0), clean: checksClean(res.rows[0]) };
}

interface Reject { path: string; line: number; errorType: string; csvLine: string }

async function takeRejects(duck: Duck, name: string): Promise<Reject[]> {
  const res = await duck.query(
    `SELECT s.file_path AS path, e.line AS line, first(e.error_type) AS error_type, first(e.csv_line) AS csv_line
     FROM ${name}_errors e JOIN ${name}_scans s ON e.scan_id = s.scan_id AND e.file_id = s.file_id
     GROUP BY ALL ORDER BY path, line`);
  await duck.run(`DROP TABLE IF EXISTS ${name}_errors; DROP TABLE IF EXISTS ${name}_scans`);
  return res.rows.map((r) => ({ path: String(r.path), line: Number(r.line), errorType: String(r.error_type), csvLine: String(r.csv_line ?? '') }));
}

/** Loads items of one format; writes repaired lines through a second, clean scan. */
export async function loadText(duck: Duck, items: readonly TextItem[], sink: PartSink): Promise<TextLoadResult> {
  const result: TextLoadResult = { records: 0, skipped: [], repaired: new Map() };
  if (items.length === 0) return result;
  const format = items[0]!.segment.format;
  const bySkip = new Map<number, TextItem[]>();
  for (const it of items) {
    if (formatKey(it.segment.format) !== formatKey(format)) throw new Error('loadText: items of different formats');
    const list = bySkip.get(it.segment.skip) ?? [];
    list.push(it);
    bySkip.set(it.segment.skip, list);
  }
  const byPath = new Map(items.map((i) => [i.segment.path, i]));
  const repairs = new Map<TextItem, string[]>();
  for (const group of bySkip.values()) {
    const part = sink.newPart(format, [...new Set(group.map((g) => g.meta.sourceFile))], TEXT_PART);
    let n: { rows: number; clean: boolean };
    let rejects: Reject[] = [];
    try {
      // Most objects are clean: read them without keeping rejects, which costs about a tenth more.
      n = await copyItems(duck, group, format, part, null);
    } catch (e) {
      if (!CSV_ERROR.test((e as Error).message)) throw e;
      const name = `rej${++scanSeq}`;
      n = await copyItems(duck, group, format, part, name);
      rejects = await takeRejects(duck, name);
    }
    sink.recordCount(part, n.rows, n.clean);
    result.records += n.rows;
    for (const r of rejects) {
      const item = byPath.get(r.path);
      if (!item) throw new Error(`DuckDB rejected a line of ${r.path}, which it was not asked to read`);
      const line = r.line + item.segment.lineOffset;
      const text = r.csvLine.replace(/^[\r\n]+/, '');
      if (/INVALID (UNICODE|ENCODING)/i.test(r.errorType)) {
        result.skipped.push({ file: item.file, line, reason: 'not valid UTF-8 text' });
        continue;
      }
      if (text.trim() === '') continue;
      const header = headerFormat(text);
      if (header) {
        if (formatKey(header) !== formatKey(format)) result.skipped.push({ file: item.file, line, reason: 'a header line of another format where a record was expected' });
        continue;
      }
      const parsed = parseRecord(text, format);
      if (!parsed.ok) {
        result.skipped.push({ file: item.file, line, reason: parsed.reason });
        continue;
      }
      const list = repairs.get(item) ?? [];
      list.push(parsed.line);
      repairs.set(item, list);
    }
  }
  if (repairs.size) {
    const staged: TextItem[] = [];
    for (const [item, lines] of repairs) {
      const path = sink.staging('txt');
      const fd = openSync(path, 'w');
      try { writeSync(fd, `${lines.join('\n')}\n`); } finally { closeSync(fd); }
      staged.push({ segment: { ...item.segment, path, staged: true, skip: 0, lineOffset: 0 }, meta: item.meta, file: item.file });
      result.repaired.set(item, lines.length);
    }
    const part = sink.newPart(format, [...new Set(staged.map((s) => s.meta.sourceFile))], TEXT_PART);
    const n = await copyItems(duck, staged, format, part, null);
    sink.recordCount(part, n.rows, n.clean);
    result.records += n.rows;
  }
  return result;
}
