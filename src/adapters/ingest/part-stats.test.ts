/**
 * What the faster text path relies on: the writer's column statistics tell a
 * part with nothing to warn about from one that needs its checks read back,
 * and the meta columns written as one-value ENUMs read back as plain strings.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDuck } from '../store/duck.ts';
import { checksClean } from './checks.ts';
import { ingest, put, queryJson, removeDir, tempDir } from './testing.ts';

const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const rec = (i: number, tail = 'ACCEPT OK') => `2 123456789012 eni-0a1b2c3d4e5f60718 10.0.0.${i} 10.0.1.1 ${40000 + i} 443 6 ${i} ${i * 100} 1767225600 1767225660 ${tail}`;
const S3_NAME = '123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20260101T0000Z_0badcafe.log.gz';

let dir = '';
before(() => { dir = tempDir(); });
after(() => removeDir(dir));

test('checksClean reads the _checks maximum from RETURN_STATS rows, and says no to anything else', async () => {
  const duck = await openDuck();
  try {
    const stats = async (sql: string) => (await duck.query(`COPY (${sql}) TO '${join(dir, 'stats.parquet')}' (FORMAT parquet, RETURN_STATS true)`)).rows[0];
    assert.equal(checksClean(await stats('SELECT range AS a, 0 AS _checks FROM range(5)')), true);
    assert.equal(checksClean(await stats('SELECT range AS a, CAST(range = 3 AS INTEGER) * 4 AS _checks FROM range(5)')), false);
    assert.equal(checksClean(await stats('SELECT range AS a, 0 AS _checks FROM range(0)')), true);
  } finally {
    duck.close();
  }
  assert.equal(checksClean(undefined), false);
  assert.equal(checksClean({ count: 3 }), false);
  assert.equal(checksClean({ count: 3, column_statistics: [{ key: '"a"', value: [{ key: 'max', value: '0' }] }] }), false);
});

test('a clean S3 object: no warnings; meta columns are strings with the right values', async () => {
  const sub = join(dir, 'clean');
  const file = put(dir, S3_NAME, `${[HEADER, rec(1), rec(2), rec(3)].join('\n')}\n`);
  const r = await ingest(sub, [file]);
  assert.equal(r.code, 0);
  assert.equal(r.report.records, 3);
  assert.deepEqual(r.report.warnings, []);
  assert.deepEqual(await queryJson(sub, 'SELECT DISTINCT source_file, flow_log_id, typeof(source_file) AS t, typeof(flow_log_id) AS u FROM flow_logs'),
    [{ source_file: file, flow_log_id: 'fl-0123456789abcdef0', t: 'VARCHAR', u: 'VARCHAR' }]);
  const parts = readdirSync(join(sub, '.vpcflow', 'parts')).filter((n) => n.endsWith('.parquet'));
  assert.equal(parts.length, 1);
  const duck = await openDuck();
  try {
    const schema = await duck.query(`SELECT name, type, converted_type FROM parquet_schema('${join(sub, '.vpcflow', 'parts', parts[0]!)}') WHERE name IN ('source_file', 'flow_log_id') ORDER BY name`);
    assert.deepEqual(schema.rows, [
      { name: 'flow_log_id', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      { name: 'source_file', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
    ]);
  } finally {
    duck.close();
  }
});

test('an object with a flagged record still gets its warning', async () => {
  const sub = join(dir, 'flagged');
  const file = put(dir, `x-${S3_NAME}`, `${[HEADER, rec(1), rec(2, 'ACCEPT NODATA'), rec(3)].join('\n')}\n`);
  const r = await ingest(sub, [file]);
  assert.equal(r.report.records, 3);
  assert.ok(r.report.warnings.some((w) => w.file === file && /NODATA or SKIPDATA record with an action/.test(w.reason)), JSON.stringify(r.report.warnings));
});

test('small objects sharing one scan: each row keeps its own source_file and flow_log_id (NULL where the name has none)', async () => {
  const sub = join(dir, 'batch');
  const a = put(dir, `a-${S3_NAME}`, `${[HEADER, rec(1), rec(2)].join('\n')}\n`);
  const b = put(dir, 'plain.log.gz', `${[HEADER, rec(3)].join('\n')}\n`);
  const r = await ingest(sub, [a, b]);
  assert.equal(r.report.records, 3);
  assert.deepEqual(await queryJson(sub, 'SELECT source_file, flow_log_id, typeof(source_file) AS t, count(*) AS n FROM flow_logs GROUP BY ALL ORDER BY n DESC'), [
    { source_file: a, flow_log_id: 'fl-0123456789abcdef0', t: 'VARCHAR', n: 2 },
    { source_file: b, flow_log_id: null, t: 'VARCHAR', n: 1 },
  ]);
});
