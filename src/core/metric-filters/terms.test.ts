/**
 * Term patterns against the matches AWS documents in "Filter and pattern
 * syntax" (CloudWatch Logs User Guide, FilterAndPatternSyntax.md): the event
 * texts and the expected matches are AWS's examples.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePattern } from './index.ts';

const matching = (pattern: string, events: string[]): number[] => {
  const p = compilePattern(pattern);
  return events.flatMap((e, i) => (p.test(e) ? [i + 1] : []));
};

test('a single term matches every event that contains it, also inside a longer word', () => {
  const events = ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1'];
  assert.deepEqual(matching('ERROR', events), [1, 2]);
  assert.deepEqual(matching('"ERROR"', events), [1, 2]);
});

test('"ERROR" - "Exiting" excludes the event that contains Exiting', () => {
  const events = ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1'];
  assert.deepEqual(matching('"ERROR" - "Exiting"', events), [1]);
  assert.deepEqual(matching('ERROR -Exiting', events), [1]);
});

test('several terms must all appear; a quoted phrase must appear as written', () => {
  assert.deepEqual(matching('ERROR Exception', ['[ERROR] Caught IllegalArgumentException', '[ERROR] Unhandled Exception', '[ERROR] all good']), [1, 2]);
  const phrase = ['[WARN] Failed to process the request', '[ERROR] Unable to continue: Failed to process the request', 'Failed to process it: the request'];
  assert.deepEqual(matching('"Failed to process the request"', phrase), [1, 2]);
  // Unquoted, the same words are separate terms: all three events have them.
  assert.deepEqual(matching('Failed to process the request', phrase), [1, 2, 3]);
});

test('OR with ?, AND, and exclusion over AWS\'s three events', () => {
  const events = ['ERROR WARN message', 'ERROR message', 'WARN message'];
  assert.deepEqual(matching('ERROR', events), [1, 2]);
  assert.deepEqual(matching('?ERROR ?WARN', events), [1, 2, 3]);
  assert.deepEqual(matching('ERROR WARN', events), [1]);
  assert.deepEqual(matching('ERROR -WARN', events), [2]);
});

test('a ? starts an alternative group: ?"ERROR" "MainThread" ?"WARN" "Deadlock"', () => {
  const events = ['ERROR in MainThread', 'ERROR in worker', 'WARN Deadlock found', 'WARN slow'];
  assert.deepEqual(matching('?"ERROR" "MainThread" ?"WARN" "Deadlock"', events), [1, 3]);
});

test('matching is case-sensitive', () => {
  assert.deepEqual(matching('ERROR', ['error: lower case', 'Error: mixed']), []);
});

test('an empty pattern, "" and " " match every event', () => {
  for (const p of ['', '   ', '""', '" "']) {
    const c = compilePattern(p);
    assert.equal(c.kind, 'all', JSON.stringify(p));
    assert.equal(c.test('anything at all'), true);
    assert.deepEqual((c.match('x') as { fields: object }).fields, {});
  }
});

test('%regex% terms (AWS\'s example %AUTHORIZED%)', () => {
  const events = ['[ERROR 401] UNAUTHORIZED REQUEST', '[SUCCESS 200] AUTHORIZED REQUEST', '[SUCCESS 200] OK'];
  assert.deepEqual(matching('%AUTHORIZED%', events), [1, 2]);
  assert.deepEqual(matching('%^\\[ERROR%', events), [1]);
  assert.deepEqual(matching('%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', ['from 10.0.0.1', 'from nowhere']), [1]);
});

test('term patterns on flow log records', () => {
  const records = [
    '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
    '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK',
  ];
  assert.deepEqual(matching('REJECT', records), [2]);
  assert.deepEqual(matching('"172.31.9.69" REJECT', records), [2]);
  assert.deepEqual(matching('?ACCEPT ?REJECT -3389', records), [1]);
});
