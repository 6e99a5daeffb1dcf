/**
 * Warnings about records that loaded but are not what AWS writes: the
 * synthetic oddities of test fixtures (ACCEPT on a NODATA record, counts on
 * SKIPDATA records, start after end, fewer bytes than packets, a version
 * older than the format's fields). The checks run inside the statement that
 * writes a part, as a bit mask column (`_checks`), so they cost no second pass
 * over the records; reading the mask back afterwards is cheap.
 */
import { formatVersion, type Format } from '../../core/ingest/format.ts';
import type { Warning } from '../../core/ingest/report.ts';
import { readParquet } from '../../core/ingest/sql.ts';
import type { Duck } from '../store/duck.ts';
import type { Row } from '../store/values.ts';

/** `onText`: the check compares strings, so it only runs on rows the cheap guard lets through. */
interface Check { when: string; what: (n: number) => string; onText?: boolean }

const s = (n: number): string => (n === 1 ? '' : 's');
const NO_TRAFFIC = `log_status IN ('NODATA', 'SKIPDATA')`;

function checksFor(fields: Format): Check[] {
  const has = (...names: string[]): boolean => names.every((n) => fields.some((f) => f.name === n));
  const out: Check[] = [];
  if (has('log-status', 'action')) out.push({ onText: true, when: `${NO_TRAFFIC} AND action IS NOT NULL`, what: (n) => `${n} NODATA or SKIPDATA record${s(n)} with an action (AWS writes - there)` });
  if (has('log-status')) {
    const counts = ['packets', 'bytes', 'srcport', 'dstport', 'protocol'].filter((c) => has(c));
    if (counts.length) out.push({ onText: true, when: `${NO_TRAFFIC} AND (${counts.map((c) => `${c} IS NOT NULL`).join(' OR ')})`, what: (n) => `${n} NODATA or SKIPDATA record${s(n)} with traffic values (AWS writes - there)` });
    out.push({ onText: true, when: `log_status NOT IN ('OK', 'NODATA', 'SKIPDATA')`, what: (n) => `${n} record${s(n)} with a log-status other than OK, NODATA or SKIPDATA` });
  }
  if (has('action')) out.push({ onText: true, when: `action NOT IN ('ACCEPT', 'REJECT')`, what: (n) => `${n} record${s(n)} with an action other than ACCEPT or REJECT` });
  if (has('start', 'end')) {
    out.push({ when: `start > "end"`, what: (n) => `${n} record${s(n)} whose start is after its end` });
    out.push({ when: `"end" - start > 3600`, what: (n) => `${n} record${s(n)} spanning more than an hour (AWS aggregates over 10 minutes at most)` });
  }
  if (has('packets', 'bytes')) out.push({ when: `bytes < packets`, what: (n) => `${n} record${s(n)} with fewer bytes than packets` });
  const v = formatVersion(fields);
  if (has('version') && v > 2) {
    const newest = fields.filter((f) => f.version === v).map((f) => f.name).slice(0, 2).join(', ');
    out.push({ when: `version < ${v}`, what: (n) => `${n} record${s(n)} with a version below ${v}, although the format has version ${v} fields (${newest})` });
  }
  return out;
}

/**
 * The part-writing query with the `_checks` mask added (0 for rows with a
 * parse_error). String comparisons are costly next to integer ones, so the
 * string checks sit behind one guard that passes nearly every real record
 * (`log_status = 'OK' AND action IN (ACCEPT, REJECT)`): they run on the rest only.
 */
export function withChecks(inner: string, fields: Format, hasParseError: boolean): string {
  const checks = checksFor(fields);
  const bit = (c: Check): string => `CASE WHEN ${c.when} THEN ${1 << checks.indexOf(c)} ELSE 0 END`;
  const onText = checks.filter((c) => c.onText).map(bit);
  const onNumbers = checks.filter((c) => !c.onText).map(bit);
  const has = (n: string): boolean => fields.some((f) => f.name === n);
  // `IN` rather than two ORed equalities: the same truth values (NULL included), evaluated in one pass.
  const guard = [has('log-status') ? `log_status = 'OK'` : '', has('action') ? `action IN ('ACCEPT', 'REJECT')` : ''].filter(Boolean).join(' AND ');
  const terms = [...onNumbers];
  if (onText.length) terms.push(guard ? `CASE WHEN ${guard} THEN 0 ELSE ${onText.join(' + ')} END` : onText.join(' + '));
  const mask = terms.length ? terms.join(' + ') : '0';
  const expr = hasParseError ? `CASE WHEN parse_error IS NULL THEN ${mask} ELSE 0 END` : mask;
  return `SELECT *, CAST(${expr} AS INTEGER) AS _checks FROM (${inner})`;
}

/**
 * Whether RETURN_STATS says the `_checks` column of the part just written is
 * 0 throughout (or the part is empty). Anything unexpected in the statistics
 * counts as "not clean", so the part is checked the slow way.
 */
export function checksClean(row: Row | undefined): boolean {
  if (!row) return false;
  if (Number(row.count ?? -1) === 0) return true;
  const stats = row.column_statistics;
  if (!Array.isArray(stats)) return false;
  for (const entry of stats) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
    if (String(entry.key).replace(/"/g, '') !== '_checks' || !Array.isArray(entry.value)) continue;
    const max = entry.value.find((kv) => kv && typeof kv === 'object' && !Array.isArray(kv) && kv.key === 'max');
    return max !== undefined && !Array.isArray(max) && typeof max === 'object' && max !== null && String(max.value) === '0';
  }
  return false;
}

export interface CheckedPart { path: string; fields: Format; hasLine: boolean }

export async function checkPart(duck: Duck, part: CheckedPart, fileOf: (sourceFile: string) => string): Promise<Warning[]> {
  const checks = checksFor(part.fields);
  if (!checks.length) return [];
  const items = checks.flatMap((_, i) => [
    `count(*) FILTER (WHERE (_checks & ${1 << i}) <> 0) AS n${i}`,
    part.hasLine ? `min(source_line) FILTER (WHERE (_checks & ${1 << i}) <> 0) AS l${i}` : `NULL AS l${i}`,
  ]);
  const res = await duck.query(`SELECT source_file, ${items.join(', ')} FROM ${readParquet(part.path)} WHERE _checks <> 0 GROUP BY source_file ORDER BY source_file`);
  const out: Warning[] = [];
  for (const r of res.rows) {
    checks.forEach((c, i) => {
      const n = Number(r[`n${i}`] ?? 0);
      if (n > 0) {
        const line = r[`l${i}`] as number | null;
        out.push({ file: fileOf(String(r.source_file)), line, reason: c.what(n) + (line !== null && n > 1 ? `, the first at line ${line}` : '') });
      }
    });
  }
  return out;
}
