import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_V2, parseFormatOption } from './format.ts';
import { parseRecord, readNumber, tokenize } from './record.ts';

test('fields split on any run of spaces or tabs; - is null', () => {
  assert.deepEqual(tokenize('  a  b\tc '), ['a', 'b', 'c']);
  assert.deepEqual(tokenize(' \t '), []);
  const r = parseRecord('2 123456789010 eni-1235b8ca123456789  - - - - - - - 1431280876 1431280934 - NODATA', DEFAULT_V2);
  assert.ok(r.ok);
  assert.deepEqual(r.values, [2, '123456789010', 'eni-1235b8ca123456789', null, null, null, null, null, null, null, 1431280876, 1431280934, null, 'NODATA']);
  assert.equal(r.line, '2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA');
});

test('a wrong field count or a value that is not a whole number is a reason, not a value', () => {
  const f = parseFormatOption('${version} ${srcport} ${packets}');
  assert.deepEqual(parseRecord('2 22', f), { ok: false, reason: 'expected 3 fields, found 2' });
  assert.deepEqual(parseRecord('2 22 1 x', f), { ok: false, reason: 'expected 3 fields, found 4 (extra: x)' });
  assert.deepEqual(parseRecord('2 abc 1', f), { ok: false, reason: 'srcport: "abc" is not a whole number' });
  assert.deepEqual(parseRecord('2 3000000000 1', f), { ok: false, reason: 'srcport: 3000000000 does not fit an int column' });
  assert.ok(parseRecord('2 22 3000000000', f).ok);
  assert.equal(readNumber('9223372036854775808', 'bigint'), '9223372036854775808 does not fit a bigint column');
});
