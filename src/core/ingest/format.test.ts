import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FormatError } from '../flows/fields.ts';
import { DEFAULT_V2, formatKey, formatVersion, headerFormat, parseFormatOption } from './format.ts';

test('--format takes the ${field} string of a flow log, or bare field names, with any spacing', () => {
  const f = parseFormatOption('${version} ${interface-id}  ${srcaddr}\t${dstaddr}');
  assert.deepEqual(f.map((d) => d.name), ['version', 'interface-id', 'srcaddr', 'dstaddr']);
  assert.equal(formatKey(parseFormatOption('version interface-id srcaddr dstaddr')), formatKey(f));
});

test('--format knows the transit gateway fields of version 6 and the ECS and reject-reason fields', () => {
  const f = parseFormatOption('${tgw-id} ${packets-lost-no-route} ${ecs-task-id} ${reject-reason}');
  assert.deepEqual(f.map((d) => d.version), [6, 6, 7, 8]);
  assert.equal(formatVersion(f), 8);
});

test('an unknown --format field is named, with the field it most likely meant', () => {
  assert.throws(() => parseFormatOption('${version} ${src-addr}'), (e: Error) => e instanceof FormatError && /unknown field "src-addr"/.test(e.message) && /did you mean "srcaddr"/.test(e.message));
  assert.throws(() => parseFormatOption('${version} ${colour}'), (e: Error) => /unknown field "colour"/.test(e.message) && !/did you mean/.test(e.message));
  assert.throws(() => parseFormatOption('${version} ${version}'), /appears twice/);
  assert.throws(() => parseFormatOption('  '), /empty/);
});

test('a header line is a line of known field names, each once', () => {
  assert.equal(formatKey(headerFormat('version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status')!), formatKey(DEFAULT_V2));
  assert.equal(headerFormat('2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA'), null);
  assert.equal(headerFormat('version version'), null);
  assert.equal(headerFormat('   '), null);
  assert.equal(headerFormat('instance-id interface-id srcaddr')!.length, 3);
});
