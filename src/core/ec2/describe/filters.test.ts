/** The Describe filter engine and paging on their own. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ec2Error } from '../errors.ts';
import { type FilterTable, applyFilters, readFilters, wildcard } from './filters.ts';
import { paginate } from './paginate.ts';

interface Item { id: string; n: number; tags: { Key: string; Value: string }[] }
const items: Item[] = [
  { id: 'a-1', n: 1, tags: [{ Key: 'Name', Value: 'web' }] },
  { id: 'b-2', n: 2, tags: [{ Key: 'Name', Value: 'db' }, { Key: 'x', Value: '' }] },
  { id: 'a*3', n: 3, tags: [] },
];
const table: FilterTable<Item, undefined> = { id: (i) => i.id, n: (i) => i.n };
const run = (filters: { Name: string; Values: string[] }[]) =>
  applyFilters(items, readFilters({ Filters: filters }), table, { action: 'DescribeThings', ctx: undefined, tags: (i) => i.tags }).map((i) => i.id);

test('wildcards: * any run, ? one character, backslash escapes', () => {
  assert.equal(wildcard('a-*')('a-123'), true);
  assert.equal(wildcard('a-?')('a-12'), false);
  assert.equal(wildcard('a\\*3')('a*3'), true);
  assert.equal(wildcard('a\\*3')('ab3'), false);
  assert.equal(wildcard('a.b')('axb'), false);
});

test('values are OR-ed, filters AND-ed, tags by key and value', () => {
  assert.deepEqual(run([{ Name: 'id', Values: ['a-1', 'b-2'] }]), ['a-1', 'b-2']);
  assert.deepEqual(run([{ Name: 'id', Values: ['a*'] }, { Name: 'n', Values: ['3'] }]), ['a*3']);
  assert.deepEqual(run([{ Name: 'tag:Name', Values: ['d?'] }]), ['b-2']);
  assert.deepEqual(run([{ Name: 'tag-key', Values: ['x'] }]), ['b-2']);
  assert.deepEqual(run([{ Name: 'tag-value', Values: ['web'] }]), ['a-1']);
});

test('an unsupported filter names itself and the supported ones', () => {
  assert.throws(() => run([{ Name: 'colour', Values: ['red'] }]), (e: Ec2Error) => e.code === 'InvalidParameterValue' && /'colour'.*DescribeThings: id, n, tag:<key>/.test(e.message));
  assert.throws(() => run([{ Name: 'id', Values: [] }]), (e: Ec2Error) => e.code === 'InvalidParameterValue');
});

test('paging: MaxResults bounds, tokens tied to the action', () => {
  const all = Array.from({ length: 12 }, (_, i) => i);
  const first = paginate(all, { MaxResults: 5 }, { action: 'A', min: 5, max: 1000 });
  assert.deepEqual(first.items, [0, 1, 2, 3, 4]);
  const second = paginate(all, { MaxResults: 5, NextToken: first.nextToken }, { action: 'A', min: 5 });
  const third = paginate(all, { MaxResults: 5, NextToken: second.nextToken }, { action: 'A', min: 5 });
  assert.deepEqual(third, { items: [10, 11], nextToken: undefined });
  assert.throws(() => paginate(all, { MaxResults: 4 }, { action: 'A', min: 5 }), (e: Ec2Error) => e.code === 'InvalidParameterValue');
  assert.throws(() => paginate(all, { NextToken: first.nextToken }, { action: 'B' }), (e: Ec2Error) => e.code === 'InvalidNextToken');
});
