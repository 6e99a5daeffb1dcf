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
  const render = unrolled(getters, 'both'), renderValues = unrolled(getters, 'values'), renderLine = unrolled(getters, 'line');
  const compiled: CompiledFormat = {
    format, fields, version, header: formatHeader(fields),
    render,
    renderPart(r, env, part) {
      return part === 'values' ? renderValues(r, env) : part === 'line' ? renderLine(r, env) : render(r, env);
    },
  };
  cache.set(format, compiled);
  return compiled;
}

type Renderer = (r: RecordData, env: RecordEnv) => RenderedRecord;

/**
 * A renderer for these getters with one call site per field, made as source:
 * a loop over the getters calls all of them from one site, which V8 cannot
 * inline and dispatches each time (a sizeable share of a run's rendering);
 * here each site sees one getter and inlines it. Same values and line as the
 * loop: `-` for null, String() of numbers, single spaces.
 *
 * The line is a rope of its pieces (cheaper to make than a join); destinations
 * encode it to bytes at once, which flattens it, and keep no string (a kept
 * rope would cost several times the line).
 */
function unrolled(getters: readonly FieldGetter[], part: RecordParts): Renderer {
  const n = getters.length;
  const params = getters.map((_, i) => `g${i}`);
  const body: string[] = ['let v;'];
  if (part !== 'line') body.push(`const values = new Array(${n});`);
  if (part !== 'values') body.push("let line = '';");
  for (let i = 0; i < n; i++) {
    body.push(`v = g${i}(r, env);`);
    if (part !== 'line') body.push(`values[${i}] = v;`);
    if (part !== 'values') {
      const text = "(v === null ? '-' : typeof v === 'string' ? v : String(v))";
      body.push(i === 0 ? `line = ${text};` : `line = line + ' ' + ${text};`);
    }
  }
  body.push(`return { values: ${part === 'line' ? 'NO_VALUES' : 'values'}, line: ${part === 'values' ? "''" : 'line'} };`);
  // The source is made from field positions only, never from input text.
  const make = new Function('NO_VALUES', ...params, `return function render(r, env) {\n${body.join('\n')}\n};`) as (...a: unknown[]) => Renderer;
  return make(NO_VALUES, ...getters);
}
