/**
 * The sample queries of AWS's Athena documentation for flow logs
 * (aws-flow-logs.md §8.1) run unchanged but for the table name: the store's
 * `date` and `day` columns stand for the documented `date` partition and the
 * `day` partition projection. The records are S3 objects dated where the
 * queries look (2020-05-04, Jan to Apr 2021, yesterday) with the addresses
 * they name; each answer is checked against the same records filtered in
 * TypeScript.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingest, put, queryJson, removeDir, tempDir } from '../ingest/testing.ts';

const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

interface Rec { date: string; interface_id: string; srcaddr: string; dstaddr: string; dstport: number; protocol: number; packets: number; start: number; action: string }

const DOC_QUERIES = {
  byDate: `SELECT * FROM vpc_flow_logs WHERE date = DATE('2020-05-04') LIMIT 100;`,
  rejectedTcp: `SELECT day_of_week(date) AS day, date, interface_id, srcaddr, action, protocol
  FROM vpc_flow_logs WHERE action = 'REJECT' AND protocol = 6 LIMIT 100;`,
  https7Days: `SELECT SUM(packets) AS packetcount, dstaddr FROM vpc_flow_logs
  WHERE dstport = 443 AND date > current_date - interval '7' day
  GROUP BY dstaddr ORDER BY packetcount DESC LIMIT 10;`,
  projectedFeb: `SELECT * FROM test_table_vpclogs WHERE day >= '2021/02/01' AND day < '2021/02/28' ORDER BY day ASC LIMIT 100;`,
  httpsMarch: `SELECT SUM(packets) AS packetcount, dstaddr FROM test_table_vpclogs
  WHERE dstport = 443 AND day >= '2021/03/01' AND day < '2021/03/31'
  GROUP BY dstaddr ORDER BY packetcount DESC LIMIT 10;`,
  isoTimes: `SELECT interface_id, srcaddr, action, protocol, to_iso8601(from_unixtime(start)) AS start_time,
  to_iso8601(from_unixtime("end")) AS end_time FROM test_table_vpclogs
  WHERE DAY >= '2021/04/01' AND DAY < '2021/04/30';`,
  fromAddress: `SELECT * FROM test_table_vpclogs WHERE srcaddr = '10.117.1.22' AND day >= '2021/02/01' AND day < '2021/02/28';`,
  rejectedFeb: `SELECT day, interface_id, srcaddr, action, protocol FROM test_table_vpclogs
  WHERE action = 'REJECT' AND protocol = 6 AND day >= '2021/02/01' AND day < '2021/02/28' LIMIT 10;`,
  splitPart: `SELECT * FROM test_table_vpclogs WHERE split_part(srcaddr,'.', 1)='10' AND split_part(srcaddr,'.', 2) ='117';`,
  toAddress: `SELECT * FROM test_table_vpclogs WHERE dstaddr = '10.0.1.14' AND day >= '2021/01/01' AND day < '2021/01/31';`,
};
const ours = (sql: string): string => sql.replace(/\b(vpc_flow_logs|test_table_vpclogs)\b/g, 'flow_logs');

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const YESTERDAY = isoDay(new Date(Date.now() - 86_400_000));
const DATES = ['2020-05-04', '2021-01-10', '2021-02-10', '2021-02-27', '2021-03-15', '2021-04-02', YESTERDAY];
const ADDRS = ['10.117.1.22', '10.0.1.14', '10.117.9.9', '203.0.113.7'];

let dir = '';
let out = '';
const recs: Rec[] = [];

before(async () => {
  dir = tempDir();
  out = join(dir, 'store');
  let n = 0;
  for (const date of DATES) {
    const start = Date.parse(`${date}T12:00:00Z`) / 1000;
    const lines = [HEADER];
    for (let i = 0; i < 12; i++, n++) {
      const r: Rec = {
        date, interface_id: `eni-0${i % 3}aaaaaaaaaaaaaaaa`, srcaddr: ADDRS[n % 4]!, dstaddr: ADDRS[(n + 1) % 4]!,
        dstport: [443, 22, 443, 80][i % 4]!, protocol: i % 5 === 4 ? 17 : 6, packets: 1 + ((n * 7) % 13), start: start + i, action: i % 3 === 0 ? 'REJECT' : 'ACCEPT',
      };
      recs.push(r);
      lines.push(`2 123456789012 ${r.interface_id} ${r.srcaddr} ${r.dstaddr} 40000 ${r.dstport} ${r.protocol} ${r.packets} ${r.packets * 60} ${r.start} ${r.start + 30} ${r.action} OK`);
    }
    const [y, m, d] = date.split('-');
    const key = `lake/AWSLogs/123456789012/vpcflowlogs/us-east-1/${y}/${m}/${d}/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f67890_${y}${m}${d}T1200Z_0a0b0c0d.log.gz`;
    mkdirSync(dirname(join(dir, key)), { recursive: true });
    put(dir, key, `${lines.join('\n')}\n`);
  }
  const r = await ingest(out, [join(dir, 'lake')]);
  assert.equal(r.report.records, recs.length);
});
after(() => removeDir(dir));

const dayOf = (r: Rec): string => r.date.replace(/-/g, '/');
const inDays = (r: Rec, from: string, to: string): boolean => dayOf(r) >= from && dayOf(r) < to;
const sortBy = <T>(xs: T[], key: (x: T) => string): T[] => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
const topPackets = (rows: Rec[]) => {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.dstaddr, (sums.get(r.dstaddr) ?? 0) + r.packets);
  return [...sums].map(([dstaddr, packetcount]) => ({ packetcount, dstaddr })).sort((a, b) => b.packetcount - a.packetcount).slice(0, 10);
};

test('SELECT * … WHERE date = DATE(\'2020-05-04\') LIMIT 100', async () => {
  const rows = await queryJson(out, ours(DOC_QUERIES.byDate));
  assert.equal(rows.length, recs.filter((r) => r.date === '2020-05-04').length);
  assert.ok(rows.every((r) => r.date === '2020-05-04' && r.day === '2020/05/04'));
});

test('day_of_week(date) of rejected TCP records', async () => {
  const rows = await queryJson(out, ours(DOC_QUERIES.rejectedTcp));
  const expected = recs.filter((r) => r.action === 'REJECT' && r.protocol === 6);
  assert.equal(rows.length, Math.min(100, expected.length));
  for (const row of rows) {
    const isoDow = ((new Date(`${row.date as string}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    assert.equal(row.day, isoDow);
    assert.equal(row.action, 'REJECT');
  }
  assert.deepEqual(Object.keys(rows[0]!), ['day', 'date', 'interface_id', 'srcaddr', 'action', 'protocol']);
});

test('packets to port 443 in the last 7 days, by destination', async () => {
  const cutoff = isoDay(new Date(Date.now() - 7 * 86_400_000));
  assert.deepEqual(await queryJson(out, ours(DOC_QUERIES.https7Days)), topPackets(recs.filter((r) => r.dstport === 443 && r.date > cutoff)));
});

test('partition projection: every record of February, by day', async () => {
  const rows = await queryJson(out, ours(DOC_QUERIES.projectedFeb));
  const expected = recs.filter((r) => inDays(r, '2021/02/01', '2021/02/28'));
  assert.equal(rows.length, expected.length);
  assert.deepEqual(rows.map((r) => r.day), sortBy(expected, dayOf).map(dayOf));
});

test('partition projection: packets to port 443 in March', async () => {
  assert.deepEqual(await queryJson(out, ours(DOC_QUERIES.httpsMarch)), topPackets(recs.filter((r) => r.dstport === 443 && inDays(r, '2021/03/01', '2021/03/31'))));
});

test('to_iso8601(from_unixtime(start)) as Athena prints it', async () => {
  const rows = await queryJson(out, ours(DOC_QUERIES.isoTimes));
  const expected = recs.filter((r) => inDays(r, '2021/04/01', '2021/04/30'));
  assert.deepEqual(sortBy(rows, (r) => r.start_time as string), sortBy(expected, (r) => String(r.start)).map((r) => ({
    interface_id: r.interface_id, srcaddr: r.srcaddr, action: r.action, protocol: r.protocol,
    start_time: new Date(r.start * 1000).toISOString(), end_time: new Date((r.start + 30) * 1000).toISOString(),
  })));
});

test('records from one address, to one address, and rejected TCP in February', async () => {
  assert.equal((await queryJson(out, ours(DOC_QUERIES.fromAddress))).length, recs.filter((r) => r.srcaddr === '10.117.1.22' && inDays(r, '2021/02/01', '2021/02/28')).length);
  assert.equal((await queryJson(out, ours(DOC_QUERIES.toAddress))).length, recs.filter((r) => r.dstaddr === '10.0.1.14' && inDays(r, '2021/01/01', '2021/01/31')).length);
  const rejected = await queryJson(out, ours(DOC_QUERIES.rejectedFeb));
  assert.equal(rejected.length, Math.min(10, recs.filter((r) => r.action === 'REJECT' && r.protocol === 6 && inDays(r, '2021/02/01', '2021/02/28')).length));
  assert.ok(rejected.length > 0);
});

test('split_part on addresses', async () => {
  const rows = await queryJson(out, ours(DOC_QUERIES.splitPart));
  assert.equal(rows.length, recs.filter((r) => r.srcaddr.startsWith('10.117.')).length);
  assert.ok(rows.length > 0);
});
