import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareKeys } from '../../adapters/s3-store/index.ts';
import { listPage } from './listing.ts';

const KEYS = ['a', 'a/1', 'a/2', 'b/x/1', 'b/y', 'c', 'ü', '\u{1F600}', '\uFFFD'].sort(compareKeys);

test('keys sort by UTF-8 bytes: U+FFFD before an emoji', () => {
  assert.deepEqual(KEYS.slice(-3), ['ü', '\uFFFD', '\u{1F600}']);
});

test('delimiter rolls keys up into common prefixes, each counted once', () => {
  const p = listPage(KEYS, { prefix: '', delimiter: '/', after: '', maxKeys: 1000 });
  assert.deepEqual(p.keys, ['a', 'c', 'ü', '\uFFFD', '\u{1F600}']);
  assert.deepEqual(p.commonPrefixes, ['a/', 'b/']);
  assert.equal(p.isTruncated, false);
});

test('pages of two walk everything once, resuming after a common prefix', () => {
  const seen: string[] = [];
  let after = '';
  for (let n = 0; n < 10; n++) {
    const p = listPage(KEYS, { prefix: '', delimiter: '/', after, maxKeys: 2 });
    seen.push(...p.keys, ...p.commonPrefixes);
    if (!p.isTruncated) break;
    after = p.last!;
  }
  assert.deepEqual(seen.sort(compareKeys), ['a', 'a/', 'b/', 'c', 'ü', '\uFFFD', '\u{1F600}']);
});

test('prefix and after', () => {
  assert.deepEqual(listPage(KEYS, { prefix: 'b/', delimiter: '/', after: '', maxKeys: 10 }), { keys: ['b/y'], commonPrefixes: ['b/x/'], isTruncated: false, last: 'b/y' });
  assert.deepEqual(listPage(KEYS, { prefix: 'a', delimiter: '', after: 'a/1', maxKeys: 10 }).keys, ['a/2']);
  assert.deepEqual(listPage(KEYS, { prefix: 'a', delimiter: '', after: '', maxKeys: 10 }).keys, ['a', 'a/1', 'a/2']);
});
