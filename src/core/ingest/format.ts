/**
 * The record formats ingest reads: from a header line, from `--format`, or
 * AWS's default (version 2, 14 fields) when a headerless record has 14 fields.
 */
import { DEFAULT_FORMAT, FormatError, type FieldDef } from '../flows/fields.ts';
import { STORE_FIELD_BY_NAME, STORE_FIELDS } from './columns.ts';

export type Format = readonly FieldDef[];

/**
 * Reads a `--format` value: the flow log's `${field} ${field}` string. Bare
 * field names (a header line pasted as is) are accepted too, and any run of
 * whitespace separates tokens, since this describes records already written.
 */
export function parseFormatOption(text: string): Format {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new FormatError('--format is empty: give the flow log\'s format, e.g. \'${version} ${account-id} ${interface-id} …\'');
  const seen = new Set<string>();
  return tokens.map((tok) => {
    const m = /^\$\{([^}]*)\}$/.exec(tok);
    const name = (m ? m[1]! : tok).toLowerCase();
    const def = STORE_FIELD_BY_NAME.get(name);
    if (!def) {
      const hint = closestField(name);
      throw new FormatError(`--format: unknown field "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; fields are the names of AWS's flow log record fields, e.g. \${srcaddr}`);
    }
    if (seen.has(def.name)) throw new FormatError(`--format: field "${def.name}" appears twice`);
    seen.add(def.name);
    return def;
  });
}

/** AWS's default format: the 14 version 2 fields. */
export const DEFAULT_V2: Format = parseFormatOption(DEFAULT_FORMAT);

/** The fields of a header line, or null when the line is not a header (every token a known field, none twice). */
export function headerFormat(line: string): Format | null {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length === 0 || tokens[0] === '') return null;
  const out: FieldDef[] = [];
  const seen = new Set<string>();
  for (const t of tokens) {
    const def = STORE_FIELD_BY_NAME.get(t);
    if (!def || seen.has(t)) return null;
    seen.add(t);
    out.push(def);
  }
  return out;
}

/** A stable key for grouping sources of the same format. */
export const formatKey = (f: Format): string => f.map((d) => d.name).join(' ');

/** The header line of a format, as S3 text objects begin. */
export const formatHeaderLine = (f: Format): string => formatKey(f);

/** The highest version among a format's fields: the `version` AWS writes for it. */
export const formatVersion = (f: Format): number => f.reduce((v, d) => Math.max(v, d.version), 2);

function closestField(name: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const f of STORE_FIELDS) {
    const d = editDistance(name, f.name);
    if (d < bestD) { bestD = d; best = f.name; }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
