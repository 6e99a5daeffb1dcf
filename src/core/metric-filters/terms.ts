/**
 * Term patterns: words and quoted phrases that must all appear in the event
 * (case-sensitive substrings), `-term` for words that must not, `%regex%`,
 * and `?term` for alternatives. A `?` starts a new alternative; the terms
 * after it, up to the next `?`, belong to it (`?"ERROR" "MainThread"
 * ?"WARN" "Deadlock"` is (ERROR and MainThread) or (WARN and Deadlock)).
 * A pattern that is empty or only blanks in quotes (`""`, `" "`) matches
 * every event.
 */
import { readRegex } from './regex.ts';
import { Scanner, isSpace } from './scanner.ts';
import { type CompiledPattern, NO_FIELDS } from './types.ts';

type Term = (message: string) => boolean;

interface Group {
  include: Term[];
  exclude: Term[];
}

export function compileTerms(text: string): CompiledPattern {
  const s = new Scanner(text);
  const groups: Group[] = [];
  let current: Group | undefined;
  let matchAll = false;
  for (;;) {
    s.skipSpace();
    if (s.done) break;
    let mode: 'include' | 'exclude' = 'include';
    if (s.peek() === '?') {
      s.pos++;
      groups.push((current = { include: [], exclude: [] }));
    } else if (s.peek() === '-') {
      s.pos++;
      mode = 'exclude';
    }
    s.skipSpace();
    const at = s.pos;
    const term = readTerm(s);
    if (term === 'blank') {
      if (mode === 'exclude') s.fail('a term to exclude after "-"', at);
      matchAll = true;
      continue;
    }
    if (!current) groups.push((current = { include: [], exclude: [] }));
    current[mode].push(term);
  }
  if (groups.length === 0 || (matchAll && groups.every((g) => g.include.length === 0 && g.exclude.length === 0))) {
    return { text, kind: 'all', test: () => true, match: () => NO_FIELDS, canReference: () => false };
  }
  const test = (m: string): boolean => groups.some((g) => g.include.every((t) => t(m)) && !g.exclude.some((t) => t(m)));
  return { text, kind: 'terms', test, match: (m) => (test(m) ? NO_FIELDS : false), canReference: () => false };
}

/** One term at the scanner: a quoted phrase, a `%regex%` or a bare word; 'blank' for a quoted phrase of blanks only. */
function readTerm(s: Scanner): Term | 'blank' {
  const c = s.peek();
  if (c === '"') {
    const phrase = s.quoted();
    if (phrase.trim() === '') return 'blank';
    return (m) => m.includes(phrase);
  }
  if (c === '%') {
    const re = readRegex(s);
    return (m) => re.test(m);
  }
  if (c === '' || c === '?' || c === '-') s.fail('a term (a word, a "quoted phrase" or a %regex%)');
  if (c === '[' || c === '{') s.fail('a term; a space-delimited [ … ] or JSON { … } pattern must be the whole pattern');
  let word = '';
  while (!s.done && !isSpace(s.peek()) && s.peek() !== '"') word += s.text[s.pos++];
  return (m) => m.includes(word);
}
