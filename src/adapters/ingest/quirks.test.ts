/**
 * The quirks of real S3 objects and CloudWatch deliveries, built here byte by
 * byte: each loads, or is reported with its file, line and reason while the
 * rest loads.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { STORE_FIELDS } from '../../core/ingest/columns.ts';
import { ingest, put, queryJson, removeDir, tempDir } from './testing.ts';

const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const rec = (i: number, action = 'ACCEPT') => `2 123456789012 eni-0a1b2c3d4e5f60718 10.0.0.${i} 10.0.1.1 ${40000 + i} 443 6 ${i} ${i * 100} 1767225600 1767225660 ${action} OK`;

let dir = '';
before(() => { dir = tempDir(); });
after(() => removeDir(dir));

test('CRLF endings, blank lines, a missing final newline: all records load, none reported', async () => {
  const text = `${HEADER}\r\n${rec(1)}\r\n\r\n${rec(2)}\n\n   \n${rec(3)}`;
  for (const name of ['crlf.log', 'crlf.log.gz']) {
    const out = join(dir, `out-${name}`);
    const r = await ingest(out, [put(dir, name, text)]);
    assert.equal(r.report.records, 3, JSON.stringify(r.report));
    assert.deepEqual(r.report.skipped, []);
    assert.deepEqual(await queryJson(out, 'SELECT srcport, log_status FROM flow_logs ORDER BY srcport'), [1, 2, 3].map((i) => ({ srcport: 40000 + i, log_status: 'OK' })));
  }
});

test('a bad line is reported with its file, line number and reason, and the rest loads', async () => {
  const lines = [HEADER, rec(1), `${rec(2)} extra`, rec(3), '2 123456789012 eni-0a1b2c3d4e5f60718 10.0.0.4 10.0.1.1 http 443 6 1 1 1767225600 1767225660 ACCEPT OK', rec(5), '2 123456789012 eni-0a', rec(7)];
  for (const name of ['bad.log', 'bad.log.gz']) {
    const file = put(dir, name, lines.join('\n') + '\n');
    const r = await ingest(join(dir, `out-${name}`), [file]);
    assert.equal(r.code, 0);
    assert.equal(r.report.records, 4);
    assert.deepEqual(r.report.skipped, [
      { file, line: 3, reason: 'expected 14 fields, found 15 (extra: extra)' },
      { file, line: 5, reason: 'srcport: "http" is not a whole number' },
      { file, line: 7, reason: 'expected 14 fields, found 3' },
    ]);
  }
});

test('a line that is not UTF-8 is reported; the lines around it load', async () => {
  const file = put(dir, 'latin1.log', Buffer.concat([Buffer.from(`${HEADER}\n${rec(1)}\n`), Buffer.from(rec(2).replace('eni-', 'eni-\u00e9'), 'latin1'), Buffer.from(`\n${rec(3)}\n`)]));
  const r = await ingest(join(dir, 'out-latin1'), [file]);
  assert.equal(r.report.records, 2);
  assert.deepEqual(r.report.skipped, [{ file, line: 3, reason: 'not valid UTF-8 text' }]);
});

test('double spaces and tabs are read leniently, with a warning', async () => {
  const file = put(dir, 'spaces.log', `${HEADER}\n${rec(1).replace(' 443', '  443')}\n${rec(2).replace(/ /g, '\t')}\n ${rec(3)}\n`);
  const r = await ingest(join(dir, 'out-spaces'), [file]);
  assert.equal(r.report.records, 3);
  assert.deepEqual(r.report.skipped, []);
  assert.deepEqual(r.report.warnings, [{ file, line: null, reason: '3 lines with irregular spacing (AWS writes single spaces) read leniently' }]);
});

test('concatenated objects of two formats: each header switches the format, line numbers stay true', async () => {
  const nat = 'instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr';
  const text = [HEADER, rec(1), '', nat, '- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5', 'i-01234567890123456 eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.5 10.0.1.5', HEADER, rec(2)].join('\n');
  for (const name of ['two.log', 'two.log.gz']) {
    const file = put(dir, name, text);
    const out = join(dir, `out-${name}`);
    const r = await ingest(out, [file]);
    assert.equal(r.report.records, 3);
    assert.deepEqual(r.report.skipped, [{ file, line: 6, reason: 'expected 6 fields, found 5' }]);
    assert.deepEqual(await queryJson(out, 'SELECT version, instance_id, interface_id, pkt_dstaddr FROM flow_logs ORDER BY interface_id, version'), [
      { version: 2, instance_id: null, interface_id: 'eni-0a1b2c3d4e5f60718', pkt_dstaddr: null },
      { version: 2, instance_id: null, interface_id: 'eni-0a1b2c3d4e5f60718', pkt_dstaddr: null },
      { version: null, instance_id: null, interface_id: 'eni-1235b8ca123456789', pkt_dstaddr: '203.0.113.5' },
    ]);
  }
});

test('a header line of an all-string format repeated mid-file is not taken for a record', async () => {
  const nat = 'instance-id interface-id srcaddr dstaddr';
  const file = put(dir, 'nat.log', `${nat}\ni-1 eni-1 10.0.0.1 10.0.0.2\n${nat}\ni-2 eni-2 10.0.0.3 10.0.0.4\n`);
  const out = join(dir, 'out-nat');
  assert.equal((await ingest(out, [file])).report.records, 2);
  assert.deepEqual(await queryJson(out, 'SELECT instance_id FROM flow_logs ORDER BY 1'), [{ instance_id: 'i-1' }, { instance_id: 'i-2' }]);
});

test('bare lines: AWS\'s default format when they have 14 fields; --format otherwise', async () => {
  const bare = put(dir, 'bare.txt', `${rec(1)}\n${rec(2)}\n`);
  assert.equal((await ingest(join(dir, 'out-bare'), [bare])).report.records, 2);
  const custom = put(dir, 'custom.txt', '2 eni-1 10.0.0.1 10.0.0.2\n2 eni-1 10.0.0.2 10.0.0.1\n');
  const without = await ingest(join(dir, 'out-custom'), [custom]);
  assert.equal(without.code, 2);
  assert.deepEqual(without.report.skipped, [{ file: custom, line: null, reason: "its records have 4 fields and it has no header line: give the flow log's format with --format '${version} ${account-id} …'" }]);
  const withFormat = await ingest(join(dir, 'out-custom'), [custom], '--format', '${version} ${interface-id} ${srcaddr} ${dstaddr}');
  assert.equal(withFormat.report.records, 2);
});

test('a large gzip object is parsed in slices; its line numbers still point at the right lines', async () => {
  const lines = [HEADER];
  for (let i = 1; i < 400_000; i++) lines.push(i === 370_000 || i === 5 ? '2 oops' : rec(i % 250));
  const file = put(dir, 'large.log.gz', lines.join('\n'));
  const out = join(dir, 'out-large');
  const r = await ingest(out, [file]);
  assert.equal(r.report.records, 399_997);
  assert.deepEqual(r.report.skipped, [5, 370_000].map((i) => ({ file, line: i + 1, reason: 'expected 14 fields, found 2' })));
  const manifest = JSON.parse(readFileSync(join(out, '.vpcflow', 'manifest.json'), 'utf8')) as { parts: unknown[] };
  assert.ok(manifest.parts.length >= 2, `${manifest.parts.length} part(s)`);
});

test('CloudWatch: gzip\'d payloads, payloads concatenated as Firehose writes them, the Lambda wrapper, CONTROL_MESSAGE', async () => {
  const payload = (stream: string, events: string[]) => JSON.stringify({
    messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/vpc/flows', logStream: stream, subscriptionFilters: ['f'],
    logEvents: events.map((m, i) => ({ id: String(i), timestamp: 1767225600000 + i, message: m })),
  });
  const control = JSON.stringify({ messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [], logEvents: [{ id: '', timestamp: 1, message: 'CWL CONTROL MESSAGE: Checking health of destination Firehose.' }] });
  const files = [
    put(dir, 'p1.json.gz', payload('eni-1-all', [rec(1), rec(2)])),
    put(dir, 'firehose-object', Buffer.from(payload('eni-2-all', [rec(3)]) + control + payload('eni-3-all', [rec(4)]))),
    put(dir, 'lambda-event.json', JSON.stringify({ awslogs: { data: gzipSync(payload('eni-4-all', [rec(5)])).toString('base64') } })),
  ];
  const out = join(dir, 'out-cw');
  const r = await ingest(out, files);
  assert.equal(r.report.records, 5);
  assert.deepEqual(r.report.skipped, []);
  assert.deepEqual(r.report.warnings, [{ file: files[1], line: null, reason: "1 CONTROL_MESSAGE payload (CloudWatch's check that the subscription works): no records in it" }]);
  assert.deepEqual(await queryJson(out, 'SELECT log_stream, count(*) AS n FROM log_events GROUP BY 1 ORDER BY 1'), [
    { log_stream: 'eni-1-all', n: 2 }, { log_stream: 'eni-2-all', n: 1 }, { log_stream: 'eni-3-all', n: 1 }, { log_stream: 'eni-4-all', n: 1 },
  ]);
});

test('CloudWatch: exports (get-log-events JSON, CreateExportTask text) and {"message"} lines', async () => {
  const getLogEvents = put(dir, 'events.json', JSON.stringify({ events: [{ timestamp: 1767225600000, message: rec(1), ingestionTime: 1767225900000 }], nextForwardToken: 'f/1' }, null, 2));
  const exportDir = join(dir, 'export', '0f2e-task', 'eni-9-all');
  mkdirSync(exportDir, { recursive: true });
  const exported = put(exportDir, '000000.gz', `2026-01-01T00:00:00.000Z ${rec(2)}\n2026-01-01T00:00:01.000Z ${rec(3)}\nnot an export line\n`);
  const ndjson = put(dir, 'lines.ndjson', `{"message":"${rec(4)}","logGroup":"/g","logStream":"s"}\n{"msg":"no"}\n{broken\n`);
  const out = join(dir, 'out-exports');
  const r = await ingest(out, [getLogEvents, exported, ndjson]);
  assert.equal(r.report.records, 4);
  assert.deepEqual(r.report.skipped, [
    { file: exported, line: 3, reason: 'not a CloudWatch Logs export line (an ISO timestamp, a space, then the message)' },
    { file: ndjson, line: 2, reason: 'not a CloudWatch Logs payload: an object with "msg" (expected messageType and logEvents, events, message, or flow log field names)' },
    { file: ndjson, line: 3, reason: r.report.skipped[2]!.reason },
  ]);
  assert.match(r.report.skipped[2]!.reason, /^not valid JSON/);
  assert.deepEqual(await queryJson(out, 'SELECT log_group, log_stream, timestamp, ingestion_time, srcport FROM log_events ORDER BY srcport'), [
    { log_group: null, log_stream: null, timestamp: 1767225600000, ingestion_time: 1767225900000, srcport: 40001 },
    { log_group: null, log_stream: 'eni-9-all', timestamp: 1767225600000, ingestion_time: null, srcport: 40002 },
    { log_group: null, log_stream: 'eni-9-all', timestamp: 1767225601000, ingestion_time: null, srcport: 40003 },
    { log_group: '/g', log_stream: 's', timestamp: null, ingestion_time: null, srcport: 40004 },
  ]);
});

test('a CloudWatch event whose message is not a record stays a log event, left out of flow_logs and reported', async () => {
  const file = put(dir, 'mixed.json', JSON.stringify({ messageType: 'DATA_MESSAGE', owner: '1', logGroup: '/g', logStream: 's', subscriptionFilters: [], logEvents: [
    { id: '1', timestamp: 1, message: rec(1) }, { id: '2', timestamp: 2, message: rec(2).replace('443', 'https') },
  ] }));
  const out = join(dir, 'out-mixed');
  const r = await ingest(out, [file]);
  assert.equal(r.report.records, 1);
  assert.deepEqual(r.report.skipped, [{ file, line: 1, reason: 'event 2 of 2 in this payload: dstport: "https" is not a whole number that fits an int' }]);
  assert.deepEqual(await queryJson(out, 'SELECT count(*) AS n FROM flow_logs'), [{ n: 1 }]);
  const events = await queryJson(out, 'SELECT timestamp, dstport, parse_error IS NOT NULL AS bad FROM log_events ORDER BY timestamp');
  assert.deepEqual(events, [{ timestamp: 1, dstport: 443, bad: false }, { timestamp: 2, dstport: null, bad: true }]);
});

test('loading a file again replaces what it loaded before, in place', async () => {
  const out = join(dir, 'out-again');
  const a = put(dir, 'again-a.log', `${HEADER}\n${rec(1)}\n${rec(2)}\n`);
  const b = put(dir, 'again-b.log', `${HEADER}\n${rec(3)}\n`);
  await ingest(out, [a, b]);
  put(dir, 'again-a.log', `${HEADER}\n${rec(9)}\n`);
  await ingest(out, [a]);
  assert.deepEqual(await queryJson(out, 'SELECT srcport FROM flow_logs ORDER BY 1'), [{ srcport: 40003 }, { srcport: 40009 }]);
});

test('a data folder or an input whose path holds key=value folders gains no columns from them', async () => {
  const inputDir = join(dir, 'year=2026', 'month=01');
  mkdirSync(inputDir, { recursive: true });
  const file = put(inputDir, 'flows.log', `${HEADER}\n${rec(1)}\n`);
  const out = join(dir, 'region=x', 'out');
  assert.equal((await ingest(out, [file])).report.records, 1);
  const cols = await queryJson(out, 'SELECT column_name FROM (DESCRIBE flow_logs)');
  assert.equal(cols.length, STORE_FIELDS.length + 7);
  assert.ok(!cols.some((c) => ['year', 'month'].includes(String(c.column_name))));
  // region=x in the folder's path must not fill the record field region.
  assert.deepEqual(await queryJson(out, 'SELECT count(region) AS n FROM flow_logs'), [{ n: 0 }]);
});
