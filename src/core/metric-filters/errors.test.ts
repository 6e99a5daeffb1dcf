/** Patterns CloudWatch Logs would refuse: each error names the column where reading stopped. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternSyntaxError, compilePattern } from './index.ts';

const error = (pattern: string): PatternSyntaxError => {
  try {
    compilePattern(pattern);
  } catch (e) {
    assert.ok(e instanceof PatternSyntaxError, String(e));
    return e;
  }
  assert.fail(`${JSON.stringify(pattern)} compiled`);
};

test('each kind of mistake gives its column and what was expected there', () => {
  const cases: [string, number, RegExp][] = [
    ['"ERROR', 7, /closing double quote/],
    ['[a, b', 6, /"]" at the end/],
    ['[a, b c]', 7, /"," between fields/],
    ['[a, b >= x]', 10, /a number after ">="/],
    ['[a, b = ]', 9, /a value after "="/],
    ['[a, ..., b, ...]', 13, /at most one "\.\.\."/],
    ['[a, a]', 5, /not used before/],
    ['[a, (b = 1]', 11, /"\)" to close/],
    ['{ $.a = }', 9, /a value after "="/],
    ['{ a = 1 }', 3, /selector starting with "\$"/],
    ['{ $.a IS MAYBE }', 10, /NULL, TRUE or FALSE/],
    ['{ $.a NOT THERE }', 11, /EXISTS after NOT/],
    ['{ $.a = 1 $.b = 2 }', 11, /"&&", "\|\|" or the closing/],
    ['{ $.a[x] = 1 }', 7, /array index/],
    ['{ $.a = 1', 10, /"}" at the end/],
    ['%ERROR', 7, /closing %/],
    ['%(ERROR|WARN)%', 2, /without groups/],
    ['%ERROR!%', 7, /a character CloudWatch Logs allows/],
    ['ERROR -', 8, /a term to exclude|a term/],
    ['ERROR [a, b]', 7, /must be the whole pattern/],
  ];
  for (const [pattern, column, message] of cases) {
    const e = error(pattern);
    assert.equal(e.column, column, `${pattern}: ${e.message}`);
    assert.match(e.message, message, pattern);
    assert.match(e.message, new RegExp(`^invalid filter pattern at column ${column}: expected `));
  }
});

test('a pattern longer than 1024 characters is refused', () => {
  assert.match(error(`"${'x'.repeat(1030)}"`).message, /at most 1024 characters/);
});
