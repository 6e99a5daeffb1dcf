/**
 * JSON property selectors as metric filters and Contributor Insights write
 * them: `$` for the root, `.name` for a property (letters, digits, `-`, `_`),
 * `[N]` for an array element (`$.users[0].id`, `$.coordinates[0][1]`).
 */
import type { Scanner } from './scanner.ts';

export type PathStep = string | number;

const NAME = /[A-Za-z0-9_-]/;

/** Reads a selector starting with `$` at the scanner. */
export function readSelector(s: Scanner): { text: string; steps: PathStep[] } {
  s.skipSpace();
  const start = s.pos;
  if (s.peek() !== '$') s.fail('a selector starting with "$" (such as $.eventType)');
  s.pos++;
  const steps: PathStep[] = [];
  for (;;) {
    if (s.peek() === '.') {
      s.pos++;
      let name = '';
      while (!s.done && NAME.test(s.peek())) name += s.text[s.pos++];
      if (name === '') s.fail('a property name after "."');
      steps.push(name);
    } else if (s.peek() === '[') {
      s.pos++;
      let digits = '';
      while (/[0-9]/.test(s.peek())) digits += s.text[s.pos++];
      if (digits === '') s.fail('an array index (a whole number) after "["');
      if (s.peek() !== ']') s.fail('"]" after the array index');
      s.pos++;
      steps.push(Number(digits));
    } else break;
  }
  if (steps.length === 0) s.fail('a property after "$" (such as $.eventType)', start + 1);
  return { text: s.text.slice(start, s.pos), steps };
}

/** The steps of a selector given on its own (`$.a.b[0]`), or undefined if it is not one. */
export function parseSelector(text: string): PathStep[] | undefined {
  const m = /^\$((\.[A-Za-z0-9_-]+|\[\d+\])+)$/.exec(text);
  if (!m) return undefined;
  const steps: PathStep[] = [];
  for (const part of m[1]!.match(/\.[A-Za-z0-9_-]+|\[\d+\]/g)!) steps.push(part.startsWith('.') ? part.slice(1) : Number(part.slice(1, -1)));
  return steps;
}

/** The node the steps lead to, or undefined when it does not exist. */
export function resolvePath(root: unknown, steps: readonly PathStep[]): unknown {
  let at: unknown = root;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(at) || step >= at.length) return undefined;
      at = at[step];
    } else {
      if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, step)) return undefined;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return at;
}
