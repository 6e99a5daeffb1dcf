/** Each command against hand-written SQL on the same generated events. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rowObjects, runInsights, type InsightsOptions } from './run.ts';
import { EVENTS, openTestDb, withFlowEvents, type TestDb } from './test-db.ts';
import { close } from './test-compare.ts';

let db: TestDb;
before(async () => {
  db = await openTestDb();
  await withFlowEvents(db, 5000);
});
after(() => db.close());

const insights = async (q: string, o: InsightsOptions = {}) => (await runInsights(db, EVENTS, q, o)).rows;
const sql = (s: string) => db.arrays(s);
/** Insights' timestamp text of a millisecond column. */
const T = (ms: string) => `strftime(make_timestamp(${ms} * 1000), '%Y-%m-%d %H:%M:%S.%g')`;

test('no command but filter: @timestamp and @message, newest first, at most 10,000 rows', async () => {
  const r = await runInsights(db, EVENTS, 'filter action = "REJECT"');
  assert.deepEqual(r.fields.map((f) => f.name), ['@timestamp', '@message']);
  assert.deepEqual(r.rows, await sql(`SELECT ${T('ts')}, message FROM flow WHERE action = 'REJECT' ORDER BY ts DESC`));
  const capped = await insights('fields @timestamp', { limit: 100 });
  assert.equal(capped.length, 100);
  assert.deepEqual(capped, await sql(`SELECT ${T('ts')} FROM events ORDER BY ts DESC LIMIT 100`));
});

test('fields: discovered fields, expressions with aliases, later commands see them', async () => {
  const got = await insights('fields @timestamp, srcAddr, bytes / packets as perPacket, packets * 2 + 1 as x | filter perPacket > 1000 | sort @timestamp asc | limit 50');
  const want = await sql(`SELECT ${T('ts')}, srcaddr, bytes / packets, packets * 2 + 1 FROM flow WHERE bytes / packets > 1000 ORDER BY ts LIMIT 50`);
  assert.deepEqual(got, want);
});

test('parse: fields it extracts are shown beside those of fields commands', async () => {
  const r = await runInsights(db, EVENTS, 'fields @timestamp | parse @message "* * * *" as v, acct, eni, rest | limit 1');
  assert.deepEqual(r.fields.map((f) => f.name), ['@timestamp', 'v', 'acct', 'eni', 'rest']);
});

test('fields: system fields @logStream, @log, @ingestionTime', async () => {
  const got = await insights('fields @logStream, @log, @ingestionTime | sort @timestamp | limit 5');
  assert.deepEqual(got, await sql(`SELECT log_stream, '123456789012:' || log_group, ${T('ingestion_time')} FROM flow ORDER BY ts LIMIT 5`));
});

test('fields: no field is discovered in custom-format messages', async () => {
  const got = await insights('filter not ispresent(version) | fields @message, srcAddr, bytes');
  const want = await sql(`SELECT message, NULL, NULL FROM events WHERE NOT is_default ORDER BY ts DESC`);
  assert.ok(want.length > 50);
  assert.deepEqual(got, want);
});

test('filter: comparisons, and/or/not, in, like, =~ and not like', async () => {
  const cases: [string, string][] = [
    ['dstPort = 443 and action = "REJECT"', `dstport = 443 AND action = 'REJECT'`],
    ['(dstPort = 22 or dstPort = 3389) and not action = "ACCEPT"', `(dstport = 22 OR dstport = 3389) AND NOT action = 'ACCEPT'`],
    ['packets >= 100 and packets < 150 and bytes != 40', 'packets >= 100 AND packets < 150 AND bytes <> 40'],
    ['dstPort in [22, 3389]', 'dstport IN (22, 3389)'],
    ['dstPort not in [22, 3389, 443]', 'dstport NOT IN (22, 3389, 443)'],
    ['srcAddr like "192.0.2."', `contains(srcaddr, '192.0.2.')`],
    ['srcAddr like /^2001:db8::[0-9a-f]{3}$/', `regexp_matches(srcaddr, '^2001:db8::[0-9a-f]{3}$')`],
    ['srcAddr =~ /^10\\.0\\.3\\./', `srcaddr LIKE '10.0.3.%'`],
    ['srcAddr not like "10.0."', `NOT contains(srcaddr, '10.0.')`],
    ['interfaceId like /(?i)ENI-0+1A$/', `interface_id LIKE 'eni-%1a'`],
    ['logStatus in ["NODATA", "SKIPDATA"]', `log_status IN ('NODATA', 'SKIPDATA')`],
    ['dstPort = "443"', 'dstport = 443'],
    ['@timestamp >= "2026-01-02T00:00:00Z" and @timestamp < "2026-01-02 06:00:00"', `ts >= ${Date.UTC(2026, 0, 2)} AND ts < ${Date.UTC(2026, 0, 2, 6)}`],
    ['@logStream = "eni-00000000000000001-all"', `log_stream = 'eni-00000000000000001-all'`],
  ];
  for (const [cond, where] of cases) {
    const got = await insights(`filter ${cond} | fields @timestamp, @message`);
    const want = await sql(`SELECT ${T('ts')}, message FROM flow WHERE ${where} ORDER BY ts DESC`);
    assert.ok(want.length > 0, cond);
    assert.deepEqual(got, want, cond);
  }
});

test('stats: every aggregation against SQL, by several fields', async () => {
  const got = await runInsights(db, EVENTS, `stats count(*) as n, count(srcAddr) as withSrc, count_distinct(srcAddr) as srcs, sum(bytes) as b,
    avg(bytes) as mean, min(packets) as lo, max(packets) as hi, pct(bytes, 90) as p90, stddev(bytes) as sd,
    earliest(srcAddr) as first, latest(srcAddr) as last by dstPort, action`);
  assert.deepEqual(got.fields.map((f) => f.name), ['dstPort', 'action', 'n', 'withSrc', 'srcs', 'b', 'mean', 'lo', 'hi', 'p90', 'sd', 'first', 'last']);
  const want = await sql(`SELECT dstport, action, count(*), count(srcaddr), count(DISTINCT srcaddr), sum(bytes), avg(bytes), min(packets), max(packets),
    quantile_disc(bytes, 0.9), stddev_samp(bytes), arg_min(srcaddr, ts), arg_max(srcaddr, ts)
    FROM flow GROUP BY dstport, action ORDER BY dstport NULLS LAST, action NULLS LAST`);
  assert.equal(got.rows.length, want.length);
  got.rows.forEach((row, i) => {
    const w = want[i]!;
    assert.deepEqual([...row.slice(0, 6), ...row.slice(7, 10), ...row.slice(11)], [...w.slice(0, 6), ...w.slice(7, 10), ...w.slice(11)]);
    if (w[6] !== null) close(row[6], w[6], 'avg');
    if (w[10] !== null) close(row[10], w[10], 'stddev');
  });
});

test('stats: count(*) without by is one row; aggregations of expressions; a second stats', async () => {
  assert.deepEqual(await insights('stats count(*), sum(bytes) / count(*) as perEvent'), await sql('SELECT count(*), sum(bytes) / count(*) FROM flow'));
  const got = await insights('stats count(*) as n by srcAddr | stats count(*) as sources, max(n) as busiest');
  assert.deepEqual(got, await sql('SELECT count(*), max(n) FROM (SELECT srcaddr, count(*) AS n FROM flow GROUP BY srcaddr)'));
});

test('stats by bin(): 5m, 1d, 1mo, and a filter after stats', async () => {
  for (const [period, bucket] of [['5m', "INTERVAL 5 minute"], ['1d', 'INTERVAL 1 day'], ['1mo', 'INTERVAL 1 month']]) {
    const got = await insights(`stats sum(packets) as p by bin(${period}) as t | filter p > 0`);
    const want = await sql(`SELECT strftime(time_bucket(${bucket}, make_timestamp(ts * 1000)), '%Y-%m-%d %H:%M:%S.%g') AS t, sum(packets) AS p
      FROM flow GROUP BY t HAVING p > 0 ORDER BY t`);
    assert.deepEqual(got, want, period);
  }
});

test('sort: asc and desc on numbers, natural order on text, several keys', async () => {
  assert.deepEqual(await insights('fields bytes | sort bytes desc | limit 30'), await sql('SELECT bytes FROM flow ORDER BY bytes DESC NULLS LAST LIMIT 30'));
  const two = await insights('filter ispresent(srcPort) | fields dstPort, srcPort | sort dstPort asc, srcPort desc | limit 40');
  assert.deepEqual(two, await sql('SELECT dstport, srcport FROM flow WHERE srcport IS NOT NULL ORDER BY dstport, srcport DESC LIMIT 40'));
  const ips = (await insights('stats count(*) by dstAddr | filter isValidIpV4(dstAddr) | sort dstAddr | limit 10000')).map((r) => String(r[0]));
  const numeric = [...ips].sort((a, b) => {
    const x = a.split('.').map(Number), y = b.split('.').map(Number);
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]! || x[3]! - y[3]!;
  });
  assert.deepEqual(ips, numeric, 'dotted quads sort by their numbers, not as text');
});

test('sort: AWS documented natural order, exactly', async () => {
  const values = ['!:', '#', '*%04', '0#', '5A', '111A', '2345_', '@', '@_', 'A', 'A9876fghj', 'a12345hfh', '0', '01', '1', '2', '3'];
  const shuffled = [...values].reverse();
  await db.query(`CREATE OR REPLACE TABLE natural_order AS SELECT v, 0 AS ts FROM (VALUES ${shuffled.map((v) => `('${v}')`).join(', ')}) t(v)`);
  const rel = { ...EVENTS, relation: 'natural_order', discoverable: 'true', message: 'v', record: () => 'NULL' };
  const asc = (await runInsights(db, rel, 'fields @message | sort @message asc')).rows.map((r) => r[0]);
  assert.deepEqual(asc, values);
  const desc = (await runInsights(db, rel, 'fields @message | sort @message desc')).rows.map((r) => r[0]);
  assert.deepEqual(desc, [...values].reverse());
});

test('limit after sort keeps the top rows; limit then filter works on those rows', async () => {
  assert.deepEqual(await insights('sort packets desc | limit 7 | fields packets'), await sql('SELECT packets FROM flow ORDER BY packets DESC NULLS LAST LIMIT 7'));
  const got = await insights('sort @timestamp desc | limit 100 | filter action = "REJECT" | fields @timestamp');
  assert.deepEqual(got, await sql(`SELECT ${T('ts')} FROM (SELECT * FROM flow ORDER BY ts DESC LIMIT 100) WHERE action = 'REJECT' ORDER BY ts DESC`));
});

test('parse: glob and regular expression against split_part and regexp_extract', async () => {
  const glob = await insights('filter ispresent(version) | parse @message "* * * * * *" as v, acct, eni, src, dst, rest | display eni, src, dst | sort @timestamp | limit 200');
  assert.deepEqual(glob, await sql(`SELECT split_part(message, ' ', 3), split_part(message, ' ', 4), split_part(message, ' ', 5) FROM flow WHERE version IS NOT NULL ORDER BY ts LIMIT 200`));
  const re = await insights('parse @message /(?<NetworkInterface>eni-.*?) / | display NetworkInterface, @message | sort @timestamp | limit 200');
  assert.deepEqual(re, await sql(`SELECT CASE WHEN regexp_matches(message, '(eni-.*?) ') THEN regexp_extract(message, '(eni-.*?) ', 1) END, message FROM events ORDER BY ts LIMIT 200`));
  const withParsed = await runInsights(db, EVENTS, 'parse @message "* * * * *" as a, b, c, d, e | stats count(*) as n by c | sort n desc | limit 3');
  assert.deepEqual(withParsed.fields.map((f) => f.name), ['c', 'n']);
  const shown = await runInsights(db, EVENTS, 'parse @message /(?<@eni>eni-[0-9a-f]+)/ | limit 1');
  assert.deepEqual(shown.fields.map((f) => f.name), ['@timestamp', '@message', '@eni'], 'parsed fields are shown with the defaults');
  const numeric = await insights('parse @message "* * * * * * * * * *" as v, a, i, s, d, sp, dp, pr, pk, rest | filter pk > 150 | stats count(*)');
  assert.deepEqual(numeric, await sql('SELECT count(*) FROM flow WHERE packets > 150'), 'parsed text compares as a number');
});

test('dedup: first row per value in sort order, null values always kept', async () => {
  const got = await insights('fields @timestamp, srcAddr, dstPort | sort @timestamp desc | dedup dstPort');
  assert.deepEqual(got, await sql(`SELECT ${T('ts')}, srcaddr, dstport FROM flow QUALIFY row_number() OVER (PARTITION BY dstport ORDER BY ts DESC) = 1 OR dstport IS NULL ORDER BY ts DESC`));
  const two = await insights('fields dstPort, action | sort packets asc | dedup dstPort, action | limit 3');
  assert.deepEqual(two, await sql('SELECT dstport, action FROM flow QUALIFY row_number() OVER (PARTITION BY dstport, action ORDER BY packets NULLS LAST) = 1 OR dstport IS NULL OR action IS NULL ORDER BY packets NULLS LAST LIMIT 3'));
});

test('display: only the last one counts, after everything else', async () => {
  const r = await runInsights(db, EVENTS, 'fields @message | parse @message "* * * *" as a, b, eni, rest | display a | filter eni like "eni-" | display eni, srcAddr | limit 3');
  assert.deepEqual(r.fields.map((f) => f.name), ['eni', 'srcAddr']);
  assert.equal(r.rows.length, 3);
});

test('--group and the time range select the events', async () => {
  const start = Date.UTC(2026, 0, 2), end = Date.UTC(2026, 0, 2, 12);
  const got = await insights('stats count(*) by @log', { groups: ['/vpc/flow-a', '/aws/vpc/other'], startMs: start, endMs: end });
  assert.deepEqual(got, await sql(`SELECT '123456789012:' || log_group AS g, count(*) FROM flow WHERE log_group IN ('/vpc/flow-a', '/aws/vpc/other') AND ts BETWEEN ${start} AND ${end} GROUP BY g
    ORDER BY g`));
});

test('statistics: events scanned, their bytes, events matched', async () => {
  const r = await runInsights(db, EVENTS, 'filter action = "REJECT" | stats count(*) by dstPort', { statistics: true, groups: ['/vpc/flow-b'] });
  const [[scanned, bytes]] = await sql(`SELECT count(*), sum(strlen(message)) FROM events WHERE log_group = '/vpc/flow-b'`) as [[number, number]];
  const [[matched]] = await sql(`SELECT count(*) FROM flow WHERE log_group = '/vpc/flow-b' AND action = 'REJECT'`) as [[number]];
  assert.deepEqual(r.statistics, { recordsScanned: scanned, bytesScanned: bytes, recordsMatched: matched });
});

test('rowObjects: keyed by the output names, absent fields left out', async () => {
  const r = await runInsights(db, EVENTS, 'stats count(*) as n by srcAddr | sort n desc | limit 500');
  const objs = rowObjects(r);
  assert.deepEqual(Object.keys(objs.find((o) => 'srcAddr' in o)!), ['srcAddr', 'n']);
  assert.ok(objs.every((o) => typeof o.n === 'number'));
  assert.ok(objs.some((o) => !('srcAddr' in o)), 'the group of events without srcAddr has no srcAddr');
});
