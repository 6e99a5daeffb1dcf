/**
 * A flow log's format, parsed once into a list of getters, so that rendering a
 * record is a loop over closures and a join: no parsing per record.
 */
import type { FieldValue } from './emitted.ts';
import { type FieldDef, formatHeader, formatVersion, parseLogFormat } from './fields.ts';
import { FIELD_GETTERS, type FieldGetter, type RecordData, type RecordEnv } from './record.ts';

export interface RenderedRecord {
  values: FieldValue[];
  line: string;
}

/**
 * What a record's consumer reads: its values, its line, or both. A
 * destination reads one of them (Parquet the values, text the line), so a
 * runner that knows where each flow log goes renders only that.
 */
export type RecordParts = 'both' | 'values' | 'line';

/** Stands for the values of a record rendered as a line only. */
export const NO_VALUES: FieldValue[] = Object.freeze([]) as unknown as FieldValue[];

export interface CompiledFormat {
  readonly format: string;
  readonly fields: readonly FieldDef[];
  /** The `version` value of every record in this format. */
  readonly version: number;
  /** The header line of S3 text objects. */
  readonly header: string;
  render(r: RecordData, env: RecordEnv): RenderedRecord;
  /** render, with only the part asked for: the other is NO_VALUES or the empty line. */
  renderPart(r: RecordData, env: RecordEnv, part: RecordParts): RenderedRecord;
}

const cache = new Map<string, CompiledFormat>();

/** Compiles a LogFormat string (throws FormatError when AWS would reject it). Cached per string. */
export function compileFormat(format: string): CompiledFormat {
  const known = cache.get(format);
  if (known) return known;
  const fields = parseLogFormat(format);
  const version = formatVersion(fields);
  const getters: FieldGetter[] = fields.map((d) => {
    if (d.name === 'version') return () => version;
    const g = FIELD_GETTERS[d.name];
    if (!g) throw new Error(`no value is defined for field ${d.name}`);
    return g;
  });
  const n = getters.length;
  const compiled: CompiledFormat = {
    format, fields, version, header: formatHeader(fields),
    render(r, env) {
      const values = new Array<FieldValue>(n);
      let line = '';
      for (let i = 0; i < n; i++) {
        const v = getters[i]!(r, env);
        values[i] = v;
        const text = v === null ? '-' : typeof v === 'string' ? v : String(v);
        line = i === 0 ? text : `${line} ${text}`;
      }
      // The line is a rope of its pieces (cheaper to make than a join); destinations encode it to bytes at once,
      // which flattens it, and keep no string (a kept rope would cost several times the line).
      return { values, line };
    },
    renderPart(r, env, part) {
      if (part === 'both') return this.render(r, env);
      if (part === 'values') {
        const values = new Array<FieldValue>(n);
        for (let i = 0; i < n; i++) values[i] = getters[i]!(r, env);
        return { values, line: '' };
      }
      let line = '';
      for (let i = 0; i < n; i++) {
        const v = getters[i]!(r, env);
        const text = v === null ? '-' : typeof v === 'string' ? v : String(v);
        line = i === 0 ? text : `${line} ${text}`;
      }
      return { values: NO_VALUES, line };
    },
  };
  cache.set(format, compiled);
  return compiled;
}
