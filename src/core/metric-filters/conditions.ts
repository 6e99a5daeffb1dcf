/**
 * One comparison of a field with a value, as written in space-delimited and
 * JSON patterns: `= != < <= > >=` against a number, a string (with `*` at
 * its start or end as a wildcard), a `%regex%`, or `*` alone (any value).
 */
import { readRegex } from './regex.ts';
import type { Scanner } from './scanner.ts';

export type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Operand =
  | { kind: 'number'; value: number; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'regex'; re: RegExp }
  | { kind: 'any' };

/** Numbers as AWS documents them: optional sign, integer or decimal, optional exponent. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function isNumeric(s: string): boolean {
  return NUMBER.test(s);
}

/** Reads an operator if one comes next (after blanks). `==` is read as `=`. */
export function readOp(s: Scanner): Op | undefined {
  s.skipSpace();
  for (const op of ['!=', '<=', '>=', '==', '=', '<', '>'] as const) {
    if (s.startsWith(op)) {
      s.pos += op.length;
      return op === '==' ? '=' : op;
    }
  }
  return undefined;
}

/**
 * Reads the value after an operator. A bare value runs until a blank or one of
 * `stops` (the characters that end it in this kind of pattern).
 */
export function readOperand(s: Scanner, op: Op, stops: string): Operand {
  s.skipSpace();
  const at = s.pos;
  let operand: Operand;
  if (s.peek() === '"') operand = { kind: 'string', value: s.quoted() };
  else if (s.peek() === '%') operand = { kind: 'regex', re: readRegex(s) };
  else {
    let text = '';
    while (!s.done && !stops.includes(s.peek()) && !/\s/.test(s.peek()) && !s.startsWith('&&') && !s.startsWith('||')) text += s.text[s.pos++];
    if (text === '') s.fail(`a value after "${op}"`);
    if (text === '*') operand = { kind: 'any' };
    else if (NUMBER.test(text)) operand = { kind: 'number', value: Number(text), text };
    else operand = { kind: 'string', value: text };
  }
  if (op !== '=' && op !== '!=' && operand.kind !== 'number') s.fail(`a number after "${op}"`, at);
  return operand;
}

/** A test of one value (a field's text, or a JSON string or number). */
export type ValueTest = (v: string | number) => boolean;

export function makeTest(op: Op, operand: Operand): ValueTest {
  switch (operand.kind) {
    case 'any':
      return op === '=' ? () => true : () => false;
    case 'regex': {
      const re = operand.re;
      return op === '=' ? (v) => re.test(String(v)) : (v) => !re.test(String(v));
    }
    case 'string': {
      const m = wildcard(operand.value);
      return op === '=' ? (v) => m(String(v)) : (v) => !m(String(v));
    }
    case 'number':
      return numberTest(op, operand.value, operand.text);
  }
}

function numberTest(op: Op, n: number, text: string): ValueTest {
  const num = (v: string | number): number | undefined => (typeof v === 'number' ? v : NUMBER.test(v) ? Number(v) : undefined);
  switch (op) {
    // A field that is not a number is compared as text: `-` is not 22.
    case '=': return (v) => { const x = num(v); return x === undefined ? v === text : x === n; };
    case '!=': return (v) => { const x = num(v); return x === undefined ? v !== text : x !== n; };
    case '<': return (v) => { const x = num(v); return x !== undefined && x < n; };
    case '<=': return (v) => { const x = num(v); return x !== undefined && x <= n; };
    case '>': return (v) => { const x = num(v); return x !== undefined && x > n; };
    case '>=': return (v) => { const x = num(v); return x !== undefined && x >= n; };
  }
}

/** `*` at the start or end of a value matches any text there; elsewhere it is a plain star. */
export function wildcard(pattern: string): (v: string) => boolean {
  const lead = pattern.startsWith('*');
  const trail = pattern.length > 1 && pattern.endsWith('*');
  const core = pattern.slice(lead ? 1 : 0, trail ? -1 : undefined);
  if (lead && trail) return (v) => v.includes(core);
  if (lead) return (v) => v.endsWith(core);
  if (trail) return (v) => v.startsWith(core);
  return (v) => v === core;
}
