/**
 * Regular expressions of queries run on DuckDB's RE2, which has no
 * `(?<name>…)` groups (and no `@` in group names, which Insights allows):
 * named groups become plain groups, and their names are kept apart, in order.
 */
export interface Capture {
  /** The group's name, for `(?<name>…)` and `(?P<name>…)`. */
  readonly name?: string;
  /** Offset of its `(` in the pattern. */
  readonly offset: number;
}

export interface Re2Pattern {
  readonly pattern: string;
  readonly captures: readonly Capture[];
}

const NAMED = /^\(\?P?<([^>=!][^>]*)>/;

/** The capturing groups of a pattern and the RE2 form of it; a string when the pattern is malformed. */
export function toRe2(src: string): Re2Pattern | string {
  const captures: Capture[] = [];
  let out = '';
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      if (i + 1 >= src.length) return 'a trailing "\\" escapes nothing';
      out += c + src[++i];
    } else if (c === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) return 'a "[" has no closing "]"';
      out += src.slice(i, j + 1);
      i = j;
    } else if (c === '(') {
      depth++;
      const named = NAMED.exec(src.slice(i));
      if (named) {
        const name = named[1]!;
        if (!/^[\p{L}_@][\p{L}\p{N}_@.]*$/u.test(name)) return `"${name}" is not a valid group name`;
        captures.push({ name, offset: i });
        out += '(';
        i += named[0].length - 1;
      } else {
        if (src[i + 1] !== '?') captures.push({ offset: i });
        out += c;
      }
    } else if (c === ')') {
      if (--depth < 0) return 'a ")" has no opening "("';
      out += c;
    } else out += c;
  }
  if (depth > 0) return 'a "(" has no closing ")"';
  return { pattern: out, captures };
}

/** The capturing groups of a pattern, or why it is malformed. */
export function regexCaptures(src: string): readonly Capture[] | string {
  const r = toRe2(src);
  return typeof r === 'string' ? r : r.captures;
}

const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}]/g;

/**
 * The regular expression of a glob pattern: each `*` captures lazily, but a
 * final `*` takes the rest of the value. Text before the pattern is skipped
 * (the pattern need not start at the beginning of the value).
 */
export function globToRe2(glob: string): string {
  const parts = glob.split('*');
  const escaped = parts.map((p) => p.replace(REGEX_SPECIAL, '\\$&'));
  let out = '(?s)' + escaped[0];
  for (let i = 1; i < escaped.length; i++) out += (i === escaped.length - 1 && escaped[i] === '' ? '(.*)' : '(.*?)') + escaped[i];
  return out;
}
