/**
 * Space-delimited patterns: `[name1, name2 = value, …]` names the event's
 * fields by position. A field may carry conditions joined with `&&` and
 * `||` (parentheses group); every condition in a position tests that
 * position's field, whatever name it repeats (`dstport = 80 || dstport =
 * 8080`), and the first name names the field. `...` stands for any number
 * of fields; an empty position (`[a, , c]`, or a trailing comma) is an
 * unnamed field. Without `...`, the event must have exactly as many fields
 * as the pattern.
 */
import { makeTest, readOp, readOperand } from './conditions.ts';
import { Scanner } from './scanner.ts';
import { splitFields } from './split-fields.ts';
import type { CompiledPattern, PatternMatch } from './types.ts';

type Cond = (field: string) => boolean;

interface Slot {
  name?: string;
  ellipsis: boolean;
  cond?: Cond;
}

const NAME = /[A-Za-z0-9_-]/;

export function compileDelimited(text: string, open: number, close: number): CompiledPattern {
  const s = new Scanner(text, open + 1, close);
  const slots: Slot[] = [];
  for (;;) {
    s.skipSpace();
    const start = s.pos;
    const slot = readSlot(s);
    if (slot.ellipsis && slots.some((x) => x.ellipsis)) s.fail('at most one "..." in a space-delimited pattern', start);
    if (slot.name !== undefined && slots.some((x) => x.name === slot.name)) s.fail(`a field name not used before in this pattern ("${slot.name}" is)`, start);
    slots.push(slot);
    s.skipSpace();
    if (s.done) break;
    if (s.peek() !== ',') s.fail('"," between fields or "]" at the end');
    s.pos++;
  }
  return buildMatcher(text, slots);
}

function readSlot(s: Scanner): Slot {
  if (s.startsWith('...')) {
    s.pos += 3;
    return { ellipsis: true };
  }
  if (s.done || s.peek() === ',') return { ellipsis: false };
  const names: string[] = [];
  const cond = readOr(s, names);
  return { ellipsis: false, name: names[0], cond };
}

function readOr(s: Scanner, names: string[]): Cond | undefined {
  const parts = [readAnd(s, names)];
  while (s.eat('||')) parts.push(readAnd(s, names));
  const conds = parts.filter((c): c is Cond => c !== undefined);
  if (conds.length < parts.length) return undefined; // a bare name in an alternative: always true
  return conds.length === 1 ? conds[0] : (f) => conds.some((c) => c(f));
}

function readAnd(s: Scanner, names: string[]): Cond | undefined {
  const parts = [readPrimary(s, names)];
  while (s.eat('&&')) parts.push(readPrimary(s, names));
  const conds = parts.filter((c): c is Cond => c !== undefined);
  if (conds.length === 0) return undefined;
  return conds.length === 1 ? conds[0] : (f) => conds.every((c) => c(f));
}

function readPrimary(s: Scanner, names: string[]): Cond | undefined {
  s.skipSpace();
  if (s.peek() === '(') {
    s.pos++;
    const c = readOr(s, names);
    s.expect(')', '")" to close the parenthesis');
    return c;
  }
  let name = '';
  while (!s.done && NAME.test(s.peek())) name += s.text[s.pos++];
  if (name === '') s.fail('a field name (letters, digits, _ and -) or "..."');
  names.push(name);
  const op = readOp(s);
  if (!op) return undefined;
  const test = makeTest(op, readOperand(s, op, ',)]'));
  return test;
}

function buildMatcher(text: string, slots: Slot[]): CompiledPattern {
  const n = slots.length;
  const ell = slots.findIndex((x) => x.ellipsis);
  const checks = slots.flatMap((x, i) => (x.cond ? [{ i, cond: x.cond }] : []));
  const names = new Set(slots.flatMap((x) => (x.name !== undefined ? [x.name] : [])));
  /** Field index of slot `i` in an event of `count` fields. */
  const index = (i: number, count: number): number => (ell < 0 || i < ell ? i : count - (n - i));
  const fits = (count: number): boolean => (ell < 0 ? count === n : count >= n - 1);

  const evaluate = (message: string): string[] | undefined => {
    const fields = splitFields(message);
    if (!fits(fields.length)) return undefined;
    for (const { i, cond } of checks) if (!cond(fields[index(i, fields.length)]!)) return undefined;
    return fields;
  };

  const extract = (fields: string[]): PatternMatch => {
    const out: Record<string, string> = {};
    const named = new Set<number>();
    slots.forEach((x, i) => {
      if (x.ellipsis) return;
      const at = index(i, fields.length);
      named.add(at);
      out[x.name !== undefined ? `$${x.name}` : `$${at + 1}`] = fields[at]!;
    });
    fields.forEach((f, at) => { if (!named.has(at)) out[`$${at + 1}`] = f; });
    return {
      fields: out,
      value: (ref) => out[ref],
    };
  };

  // Plain lines (single spaces, no quotes or brackets, as flow log records are): find the
  // field boundaries once and cut out only the fields a condition tests.
  const starts = new Int32Array(256);
  const quickTest = (m: string): boolean | undefined => {
    if (m.indexOf('"') >= 0 || m.indexOf('[') >= 0 || m.indexOf('\t') >= 0) return undefined;
    let count = 1;
    starts[0] = 0;
    for (let at = m.indexOf(' '); at >= 0; at = m.indexOf(' ', at + 1)) {
      if (at === starts[count - 1] || count >= starts.length) return undefined; // an empty field or too many: the general path
      starts[count++] = at + 1;
    }
    if (m.length === 0 || m.endsWith(' ')) return undefined;
    if (!fits(count)) return false;
    for (const { i, cond } of checks) {
      const f = index(i, count);
      if (!cond(m.slice(starts[f]!, f + 1 < count ? starts[f + 1]! - 1 : m.length))) return false;
    }
    return true;
  };

  return {
    text,
    kind: 'delimited',
    test: (m) => quickTest(m) ?? evaluate(m) !== undefined,
    match: (m) => {
      const fields = evaluate(m);
      return fields ? extract(fields) : false;
    },
    canReference: (ref) => (/^\$\d+$/.test(ref) ? Number(ref.slice(1)) >= 1 : ref.startsWith('$') && names.has(ref.slice(1))),
  };
}
