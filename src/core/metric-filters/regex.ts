/**
 * `%regex%` terms. CloudWatch Logs accepts a small regular-expression
 * language: letters, digits, the symbols `: _ # = @ / ; , -` and the
 * operators `^ $ ? [ ] { } | \ * + .`; no groups `( )` and no other
 * characters. Within that set, JavaScript's RegExp means the same thing.
 */
import type { Scanner } from './scanner.ts';

const ALLOWED = /[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]/;

/** Reads `%…%` at the scanner and compiles it; errors point at the offending character. */
export function readRegex(s: Scanner): RegExp {
  const open = s.pos;
  const source = s.percent();
  if (source === '') s.fail('a regular expression between the % signs', open + 1);
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (!ALLOWED.test(c)) {
      const why = c === '(' || c === ')' ? 'a regular expression without groups (CloudWatch Logs does not support "(" or ")")' : 'a character CloudWatch Logs allows in a regular expression (letters, digits, : _ # = @ / ; , - and ^ $ ? [ ] { } | \\ * + .)';
      s.fail(why, open + 1 + i);
    }
  }
  try {
    return new RegExp(source);
  } catch (e) {
    return s.fail(`a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')})`, open + 1);
  }
}
