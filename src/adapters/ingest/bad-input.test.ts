/**
 * Input that cannot be read: a clear message naming the file (or the field,
 * or the SQL position) and exit status 2 when nothing could be done; the
 * other files still load when only some are bad.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { openDuck } from '../store/duck.ts';
import { cli, ingest, put, removeDir, tempDir } from './testing.ts';

const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const REC = '2 123456789012 eni-0a1b2c3d4e5f60718 10.0.0.1 10.0.1.1 40001 443 6 1 100 1767225600 1767225660 ACCEPT OK';

let dir = '';
before(() => { dir = tempDir(); });
after(() => removeDir(dir));

async function parquet(name: string, select: string): Promise<string> {
  const path = join(dir, name);
  const duck = await openDuck();
  try { await duck.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`); } finally { duck.close(); }
  return path;
}

test('a truncated gzip object: named, nothing of it loads, exit 2 when it is alone', async () => {
  const whole = gzipSync(`${HEADER}\n${Array.from({ length: 2000 }, () => REC).join('\n')}\n`);
  const file = put(dir, 'cut.log', whole.subarray(0, Math.floor(whole.length * 0.6)));
  const r = await ingest(join(dir, 'out-cut'), [file]);
  assert.equal(r.code, 2);
  assert.equal(r.report.records, 0);
  assert.deepEqual(r.report.skipped, [{ file, line: null, reason: 'truncated gzip: the compressed data ends before the end of the gzip stream' }]);
  assert.match(r.err, new RegExp(`nothing could be loaded:\\n  ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: truncated gzip`));
  // Beside a good file, the good one loads and the command succeeds.
  const good = put(dir, 'good.log', `${HEADER}\n${REC}\n`);
  const both = await ingest(join(dir, 'out-cut2'), [file, good]);
  assert.equal(both.code, 0);
  assert.equal(both.report.records, 1);
  assert.equal(both.report.skipped.length, 1);
});

test('a large gzip object cut short after some of it was loaded: none of it stays, the file beside it does', async () => {
  const lines = [HEADER];
  for (let i = 0; i < 450_000; i++) lines.push(REC.replace('40001', String(i % 60000)));
  const whole = gzipSync(lines.join('\n'));
  const big = put(dir, 'big-cut.log', whole.subarray(0, Math.floor(whole.length * 0.95)));
  const small = put(dir, 'small.log', `${HEADER}\n${REC}\n${REC}\n`);
  const out = join(dir, 'out-big-cut');
  const r = await ingest(out, [small, big]);
  assert.equal(r.code, 0);
  assert.equal(r.report.records, 2);
  assert.deepEqual(r.report.skipped, [{ file: big, line: null, reason: 'truncated gzip: the compressed data ends before the end of the gzip stream' }]);
  const q = await cli('query', out, 'SELECT source_file, count(*) AS n FROM flow_logs GROUP BY 1', '--json');
  assert.deepEqual(JSON.parse(q.out), [{ source_file: small, n: 2 }]);
});

test('a Parquet file with no flow log column: named with its columns, exit 2', async () => {
  const file = await parquet('people.parquet', `SELECT 'ann' AS name, 42 AS age`);
  const r = await ingest(join(dir, 'out-people'), [file]);
  assert.equal(r.code, 2);
  assert.deepEqual(r.report.skipped, [{ file, line: null, reason: 'not a flow log Parquet file: none of its columns (name, age) is a flow log field with a usable type' }]);
});

test('a Parquet file with the wrong types: converted where possible, rows that cannot be are skipped by row number', async () => {
  const file = await parquet('wrong.parquet', `SELECT * FROM (VALUES ('2', 'eni-1', '443', 'ACCEPT', true), ('2', 'eni-1', 'https', 'ACCEPT', true), ('-', 'eni-2', '', 'REJECT', false)) AS t(version, interface_id, dstport, action, extra)`);
  const r = await ingest(join(dir, 'out-wrong'), [file]);
  assert.equal(r.code, 0);
  assert.equal(r.report.records, 2);
  assert.deepEqual(r.report.skipped, [{ file, line: 2, reason: 'row 2: dstport: "https" is not a whole number that fits its column' }]);
  const reasons = r.report.warnings.map((w) => w.reason);
  assert.ok(reasons.includes("not AWS's Parquet schema: version is VARCHAR (AWS writes INT32); dstport is VARCHAR (AWS writes INT32); values were converted where they allow it"), reasons.join('\n'));
  assert.ok(reasons.includes('column extra is not a flow log field: ignored'));
});

test('JSON that is not a CloudWatch Logs payload: named, with what it holds and what was expected', async () => {
  const file = put(dir, 'other.json', JSON.stringify({ Records: [{ eventName: 'PutObject' }] }));
  const r = await ingest(join(dir, 'out-json'), [file]);
  assert.equal(r.code, 2);
  assert.deepEqual(r.report.skipped, [{ file, line: 1, reason: 'not a CloudWatch Logs payload: an object with "Records" (expected messageType and logEvents, events, message, or flow log field names)' }]);
  const broken = put(dir, 'broken.json', '{"messageType": "DATA_MESSAGE", "logEvents": [\n{"id": "1"');
  const b = await ingest(join(dir, 'out-json'), [broken]);
  assert.equal(b.code, 2);
  assert.deepEqual(b.report.skipped, [{ file: broken, line: null, reason: 'not valid JSON at line 1: the JSON value starting here is cut short (truncated file?)' }]);
});

test('an unknown --format field: the field is named, exit 2, nothing read', async () => {
  const r = await cli('ingest', put(dir, 'f.log', `${REC}\n`), '--out', join(dir, 'out-fmt'), '--format', '${version} ${srcadr}');
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err, 'vpcflow: --format: unknown field "srcadr" (did you mean "srcaddr"?); fields are the names of AWS\'s flow log record fields, e.g. ${srcaddr}\n');
});

test('paths that do not exist, binary files, empty files', async () => {
  const missing = join(dir, 'nope.log');
  const r = await cli('ingest', missing, '--out', join(dir, 'out-missing'));
  assert.equal(r.code, 2);
  assert.equal(r.err, `vpcflow: ${missing}: no such file or folder\n`);
  const bin = put(dir, 'x.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
  const empty = put(dir, 'empty.log', '');
  const b = await ingest(join(dir, 'out-bin'), [bin, empty]);
  assert.equal(b.code, 2);
  assert.deepEqual(b.report.skipped, [{ file: bin, line: null, reason: 'neither text, JSON nor Parquet (it holds binary data)' }]);
  assert.deepEqual(b.report.warnings, [{ file: empty, line: null, reason: 'empty file: no records' }]);
});

test('a SQL syntax error: DuckDB\'s message with the position, exit 2', async () => {
  const out = join(dir, 'out-sql');
  await ingest(out, [put(dir, 'sql.log', `${HEADER}\n${REC}\n`)]);
  const r = await cli('query', out, 'SELECT count(*) FORM flow_logs');
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /^vpcflow: SQL error: Parser Error: syntax error at or near "flow_logs"\n\nLINE 1: SELECT count\(\*\) FORM flow_logs\n {29}\^\n$/);
  const unknown = await cli('query', out, 'SELECT nope FROM flow_logs');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /SQL error: Binder Error: Referenced column "nope" not found/);
});

test('a folder with no flow logs, and a folder that does not exist, are refused by query', async () => {
  const r = await cli('query', dir, 'SELECT 1');
  assert.equal(r.code, 2);
  assert.match(r.err, /holds no flow logs: fill it with `vpcflow run SCENARIO --out .*` or `vpcflow ingest FILES --out .*`/);
  const m = await cli('query', join(dir, 'none'), 'SELECT 1');
  assert.equal(m.code, 2);
  assert.match(m.err, /^vpcflow: no such folder: /);
});
