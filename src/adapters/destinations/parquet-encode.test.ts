/**
 * vpcflow's Parquet encoder, read back by DuckDB: every value, null and type
 * as given, across row groups, dictionary and plain pages, long runs and
 * wide dictionaries.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import fc from 'fast-check';
import type { FieldValue } from '../../core/flows/emitted.ts';
import type { FieldDef } from '../../core/flows/fields.ts';
import { parquetColumnName } from './parquet.ts';
import { ParquetBuilder, ROW_GROUP_ROWS } from './parquet-encode.ts';
import { query, removeDir, tempDir } from './test-fixtures.ts';

let dir = '';
beforeEach(() => { dir = tempDir(); });
afterEach(() => removeDir(dir));

const FIELDS: FieldDef[] = [
  { name: 'version', version: 2, type: 'int32' },
  { name: 'interface-id', version: 2, type: 'string' },
  { name: 'srcport', version: 2, type: 'int32' },
  { name: 'bytes', version: 2, type: 'int64' },
  { name: 'action', version: 2, type: 'string' },
];

async function roundTrip(rows: FieldValue[][], name = 'x.parquet'): Promise<Record<string, unknown>[]> {
  const b = new ParquetBuilder(FIELDS, parquetColumnName);
  for (const r of rows) b.add(r);
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(await b.finish('test')));
  return query(`SELECT * FROM read_parquet('${path}')`);
}

/** What DuckDB gives back: strings keep '-' for null, numbers read null. */
const expected = (rows: FieldValue[][]) => rows.map((r) => ({
  version: r[0], interface_id: r[1] ?? '-', srcport: r[2], bytes: r[3], action: r[4] ?? '-',
}));

test('property: what goes in comes out, nulls and all', async () => {
  const value = fc.tuple(
    fc.option(fc.constantFrom(2, 3, 5), { nil: null }),
    fc.option(fc.constantFrom('eni-1', 'eni-2', 'eni-é', '-'), { nil: null }),
    fc.option(fc.integer({ min: 0, max: 65535 }), { nil: null }),
    fc.option(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.maxSafeInteger()), { nil: null }),
    fc.option(fc.constantFrom('ACCEPT', 'REJECT'), { nil: null }),
  ).map((t) => [...t] as FieldValue[]);
  await fc.assert(fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 60 }), async (rows) => {
    assert.deepEqual(await roundTrip(rows), expected(rows));
  }), { numRuns: 60 });
});

test('more rows than a row group, long runs, many distinct values (plain pages) and a wide dictionary', async () => {
  const rows: FieldValue[][] = [];
  const n = ROW_GROUP_ROWS + 20_000;
  for (let i = 0; i < n; i++) {
    rows.push([
      2,
      `eni-${i % 3000}`, // a dictionary wider than 8 bits
      i % 100 < 50 ? 443 : i % 65536, // runs, then spread values
      i * 1_000_003, // every value distinct: plain
      i % 1000 === 0 ? null : 'ACCEPT',
    ]);
  }
  const got = await roundTrip(rows, 'big.parquet');
  assert.equal(got.length, n);
  const want = expected(rows);
  for (let i = 0; i < n; i += 997) assert.deepEqual(got[i], want[i], `row ${i}`);
  assert.deepEqual(got[n - 1], want[n - 1]);
  const groups = await query(`SELECT count(DISTINCT row_group_id) AS g FROM parquet_metadata('${join(dir, 'big.parquet')}')`);
  assert.deepEqual(groups, [{ g: 2 }]);
});

test('a value that is not a number of its column refuses the object', async () => {
  const b = new ParquetBuilder(FIELDS, parquetColumnName);
  b.add([2, 'eni-1', 'notaport', 1, 'ACCEPT']);
  await assert.rejects(b.finish('test'), /Could not convert "notaport" to INT32/);
  const c = new ParquetBuilder(FIELDS, parquetColumnName);
  c.add([2, 'eni-1', 70000 * 70000, 1, 'ACCEPT']);
  await assert.rejects(c.finish('test'), /to INT32/);
});
