/**
 * `compilePattern(text)`: a CloudWatch Logs filter pattern read once into a
 * matcher, for metric filters, FilterLogEvents and TestMetricFilter. The
 * first character decides the form: `[` space-delimited, `{` JSON, anything
 * else terms (an empty pattern matches every event).
 */
import { compileDelimited } from './delimited.ts';
import { compileJson } from './json-pattern.ts';
import { Scanner } from './scanner.ts';
import { compileTerms } from './terms.ts';
import type { CompiledPattern } from './types.ts';

/** CloudWatch Logs' limit on FilterPattern. */
export const MAX_PATTERN_LENGTH = 1024;

/** Throws PatternSyntaxError (with a 1-based column) for a pattern CloudWatch Logs would refuse. */
export function compilePattern(text: string): CompiledPattern {
  const s = new Scanner(text);
  if (text.length > MAX_PATTERN_LENGTH) s.fail(`a pattern of at most ${MAX_PATTERN_LENGTH} characters`, MAX_PATTERN_LENGTH);
  s.skipSpace();
  const first = s.peek();
  if (first !== '[' && first !== '{') return compileTerms(text);
  const open = s.pos;
  const closer = first === '[' ? ']' : '}';
  let close = text.length - 1;
  while (close > open && /\s/.test(text[close]!)) close--;
  if (close === open || text[close] !== closer) s.fail(`"${closer}" at the end of the ${first === '[' ? 'space-delimited' : 'JSON'} pattern`, close === open ? text.length : close + 1);
  return first === '[' ? compileDelimited(text, open, close) : compileJson(text, open, close);
}
