/**
 * JSON patterns: `{ SELECTOR OP VALUE }` with `= != < <= > >=`, `IS NULL`,
 * `IS TRUE`, `IS FALSE`, `NOT EXISTS`, combined with `&&` and `||`
 * (parentheses first, then `&&`, then `||`). A comparison only holds on a
 * value node (string, number or boolean): on an object, an array or a
 * missing property both `=` and `!=` are false. Events that are not JSON
 * objects never match.
 */
import { makeTest, readOp, readOperand } from './conditions.ts';
import { type PathStep, parseSelector, readSelector, resolvePath } from './json-path.ts';
import { Scanner } from './scanner.ts';
import type { CompiledPattern, PatternMatch } from './types.ts';

type Cond = (root: unknown) => boolean;

export function compileJson(text: string, open: number, close: number): CompiledPattern {
  const s = new Scanner(text, open + 1, close);
  const selectors = new Map<string, PathStep[]>();
  s.skipSpace();
  if (s.done) s.fail('a condition such as $.eventType = "UpdateTrail" inside { }');
  const cond = readOr(s, selectors);
  s.skipSpace();
  if (!s.done) s.fail('"&&", "||" or the closing "}"');

  const parse = (message: string): unknown => {
    const t = message.trimStart();
    if (t[0] !== '{') return undefined;
    try {
      return JSON.parse(message);
    } catch {
      return undefined;
    }
  };
  const test = (message: string): boolean => {
    const root = parse(message);
    return root !== undefined && cond(root);
  };
  const match = (message: string): PatternMatch | false => {
    const root = parse(message);
    if (root === undefined || !cond(root)) return false;
    const fields: Record<string, string> = {};
    for (const [sel, steps] of selectors) {
      const v = resolvePath(root, steps);
      if (isValueNode(v)) fields[sel] = String(v);
    }
    return {
      fields,
      value: (ref) => {
        const steps = parseSelector(ref);
        const v = steps ? resolvePath(root, steps) : undefined;
        return v === null || isValueNode(v) ? v : undefined;
      },
    };
  };
  return { text, kind: 'json', test, match, canReference: (ref) => parseSelector(ref) !== undefined };
}

function isValueNode(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function readOr(s: Scanner, sel: Map<string, PathStep[]>): Cond {
  const parts = [readAnd(s, sel)];
  while (s.eat('||')) parts.push(readAnd(s, sel));
  return parts.length === 1 ? parts[0]! : (root) => parts.some((c) => c(root));
}

function readAnd(s: Scanner, sel: Map<string, PathStep[]>): Cond {
  const parts = [readPrimary(s, sel)];
  while (s.eat('&&')) parts.push(readPrimary(s, sel));
  return parts.length === 1 ? parts[0]! : (root) => parts.every((c) => c(root));
}

function readPrimary(s: Scanner, sel: Map<string, PathStep[]>): Cond {
  s.skipSpace();
  if (s.peek() === '(') {
    s.pos++;
    const c = readOr(s, sel);
    s.expect(')', '")" to close the parenthesis');
    return c;
  }
  const { text, steps } = readSelector(s);
  sel.set(text, steps);
  const at = (root: unknown) => resolvePath(root, steps);
  s.skipSpace();
  const word = /^[A-Za-z]+/.exec(s.text.slice(s.pos, s.end))?.[0]?.toUpperCase();
  if (word === 'IS') {
    s.pos += 2;
    s.skipSpace();
    const what = /^[A-Za-z]+/.exec(s.text.slice(s.pos, s.end))?.[0]?.toUpperCase();
    const tests: Record<string, Cond> = {
      NULL: (root) => at(root) === null,
      TRUE: (root) => at(root) === true,
      FALSE: (root) => at(root) === false,
    };
    if (!what || !tests[what]) s.fail('NULL, TRUE or FALSE after IS');
    s.pos += what.length;
    return tests[what];
  }
  if (word === 'NOT') {
    s.pos += 3;
    s.skipSpace();
    if (/^EXISTS\b/i.test(s.text.slice(s.pos, s.end))) {
      s.pos += 6;
      return (root) => at(root) === undefined;
    }
    s.fail('EXISTS after NOT');
  }
  const op = readOp(s);
  if (!op) s.fail('an operator (=, !=, <, <=, >, >=) or IS NULL, IS TRUE, IS FALSE, NOT EXISTS');
  const test = makeTest(op, readOperand(s, op, ')}'));
  return (root) => {
    const v = at(root);
    if (typeof v === 'boolean') return test(String(v));
    return (typeof v === 'string' || typeof v === 'number') && test(v);
  };
}
