/** Each function family against SQL written by hand, or against AWS's documented examples. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cidrContains, parseCidr } from '../../core/net/cidr.ts';
import { parseIp } from '../../core/net/ip.ts';
import { Rng } from '../../core/random.ts';
import { runInsights } from './run.ts';
import type { EventsRelation } from './source.ts';
import { EVENTS, openTestDb, withFlowEvents, type TestDb } from './test-db.ts';
import { naturalCompare } from './test-compare.ts';

let db: TestDb;
before(async () => {
  db = await openTestDb();
  await withFlowEvents(db, 3000);
});
after(() => db.close());

const insights = async (q: string, rel: EventsRelation = EVENTS) => (await runInsights(db, rel, q)).rows;
const sql = (s: string) => db.arrays(s);

/** A one-event relation whose message is `text`, to evaluate functions on literal values. */
async function single(text: string): Promise<EventsRelation> {
  await db.query(`CREATE OR REPLACE TABLE one AS SELECT ${`'${text.replace(/'/g, "''")}'`} AS message, ${Date.UTC(2026, 1, 14, 13, 37, 42, 123)} AS ts`);
  return { ...EVENTS, relation: 'one', discoverable: 'false' };
}
async function value(expr: string, message = 'm'): Promise<unknown> {
  return (await insights(`fields ${expr} as v | display v`, await single(message)))[0]![0];
}

test('numeric functions and operators', async () => {
  const got = await insights('filter ispresent(bytes) | fields abs(-bytes), ceil(bytes / 7), floor(bytes / 7), greatest(packets, 100, srcPort), least(packets, 100), log(bytes), sqrt(bytes), 2 ^ 3, 10 % 3, -packets | sort @timestamp | limit 100');
  const want = await sql('SELECT abs(-bytes), ceil(bytes / 7), floor(bytes / 7), greatest(packets, 100, srcport), least(packets, 100), ln(bytes), sqrt(bytes), 8, 1, -packets FROM flow WHERE bytes IS NOT NULL ORDER BY ts LIMIT 100');
  assert.deepEqual(got, want);
  assert.equal(await value('2 ^ 3'), 8);
  assert.equal(await value('10 % 3'), 1);
  assert.equal(await value('7 / 2'), 3.5);
});

test('general functions: ispresent gives 1 or 0, coalesce', async () => {
  const got = await insights('fields ispresent(srcAddr) as hasSrc, coalesce(srcAddr, interfaceId, @logStream) as who | sort @timestamp | limit 300');
  const want = await sql('SELECT CAST(srcaddr IS NOT NULL AS INTEGER), coalesce(srcaddr, interface_id, log_stream) FROM flow ORDER BY ts LIMIT 300');
  assert.deepEqual(got, want);
  assert.ok(got.some((r) => r[0] === 0) && got.some((r) => r[0] === 1));
});

test('string functions: the examples AWS documents', async () => {
  assert.equal(await value('ltrim("xyZfooxyZ","xyZ")'), 'fooxyZ');
  assert.equal(await value('rtrim("xyZfooxyZ","xyZ")'), 'xyZfoo');
  assert.equal(await value('trim("xyZfooxyZ","xyZ")'), 'foo');
  assert.equal(await value('substr("xyZfooxyZ",3, 3)'), 'foo');
  assert.equal(await value('substr("xyZfooxyZ",3)'), 'fooxyZ');
  assert.equal(await value('replace("foo","o","0")'), 'f00');
  assert.equal(await value('strcontains("foo","oo")'), 1);
  assert.equal(await value('strcontains("foo","x")'), 0);
  assert.equal(await value('strlen("héllo")'), 5);
  assert.equal(await value('toupper(@message)', 'Abc'), 'ABC');
  assert.equal(await value('tolower(@message)', 'AbC'), 'abc');
  assert.equal(await value('concat(@message, "-", 42)', 'op'), 'op-42');
  assert.equal(await value('trim(@message)', ' \t pad \n'), 'pad');
  assert.equal(await value('ltrim(@message)', '  pad '), 'pad ');
  assert.equal(await value('rtrim(@message)', '  pad '), '  pad');
  assert.equal(await value('isempty(@message)', ''), 1);
  assert.equal(await value('isempty(nosuchfield)'), 1);
  assert.equal(await value('isblank(@message)', ' \t '), 1);
  assert.equal(await value('isblank(@message)', ' x '), 0);
});

test('string functions over events against SQL', async () => {
  const got = await insights('fields concat(srcAddr, ":", srcPort) as src, strlen(interfaceId), toupper(action), substr(interfaceId, 4, 6), replace(@logStream, "-all", ""), strcontains(srcAddr, "::") | sort @timestamp | limit 200');
  const want = await sql(`SELECT concat(srcaddr, ':', srcport), length(interface_id), upper(action), substring(interface_id, 5, 6), replace(log_stream, '-all', ''),
    CAST(contains(srcaddr, '::') AS INTEGER) FROM flow ORDER BY ts LIMIT 200`);
  assert.deepEqual(got, want);
});

test('datetime functions: bin, datefloor, dateceil, fromMillis, toMillis', async () => {
  const rel = await single('m');
  const exprs = ['bin(1h)', 'datefloor(@timestamp, 15m)', 'dateceil(@timestamp, 15m)', 'dateceil(datefloor(@timestamp, 1d), 1d)',
    'datefloor(@timestamp, 1mo)', 'dateceil(@timestamp, 1q)', 'datefloor(@timestamp, 1y)', 'datefloor(@timestamp, 1w)', 'bin(30s)', 'bin(100ms)',
    'toMillis(@timestamp)', 'fromMillis(1767225600000)', 'toMillis(bin(1d))'];
  const [row] = await insights(`fields ${exprs.map((e, i) => `${e} as x${i}`).join(', ')} | display ${exprs.map((_, i) => `x${i}`).join(', ')}`, rel);
  assert.deepEqual(row, [
    '2026-02-14 13:00:00.000', '2026-02-14 13:30:00.000', '2026-02-14 13:45:00.000', '2026-02-14 00:00:00.000',
    '2026-02-01 00:00:00.000', '2026-04-01 00:00:00.000', '2026-01-01 00:00:00.000', '2026-02-12 00:00:00.000',
    '2026-02-14 13:37:30.000', '2026-02-14 13:37:42.100', Date.UTC(2026, 1, 14, 13, 37, 42, 123), '2026-01-01 00:00:00.000', Date.UTC(2026, 1, 14),
  ]);
});

test('IP functions: validity', async () => {
  const cases: [string, number, number, number][] = [
    ['192.0.2.1', 1, 1, 0], ['255.255.255.255', 1, 1, 0], ['256.1.1.1', 0, 0, 0], ['1.2.3', 0, 0, 0], ['01.2.3.4', 0, 0, 0],
    ['2001:db8::1', 1, 0, 1], ['::', 1, 0, 1], ['::ffff:192.0.2.1', 1, 0, 1], ['2001:DB8:0:0:8:800:200C:417A', 1, 0, 1],
    ['2001:db8:::1', 0, 0, 0], ['1:2:3:4:5:6:7:8:9', 0, 0, 0], ['fe80::1%eth0', 0, 0, 0], ['-', 0, 0, 0], ['', 0, 0, 0],
  ];
  for (const [ip, any, v4, v6] of cases) {
    const rel = await single(ip);
    assert.deepEqual((await insights('fields isValidIp(@message) as a, isValidIpV4(@message) as b, isValidIpV6(@message) as c | display a, b, c', rel))[0], [any, v4, v6], ip);
  }
});

test('IP functions: subnets, against the CIDR code the data plane uses', async () => {
  const rng = new Rng(11);
  const hex = () => rng.int(0, 0xffff).toString(16);
  const addresses: string[] = [];
  for (let i = 0; i < 120; i++) {
    addresses.push(`${[10, 192, 172][i % 3]}.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(0, 255)}`);
    const groups = ['2001', 'db8', rng.int(0, 1) ? '0' : hex(), hex(), '0', '0', hex(), hex()];
    addresses.push(groups.join(':'));
    addresses.push(`2001:db8::${hex()}`);
    addresses.push(`::ffff:10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(0, 255)}`);
    addresses.push(`2001:DB8:${hex().toUpperCase()}::${hex()}:${hex()}`);
  }
  addresses.push('not-an-ip', '10.0.0', '2001:db8::1::2');
  await db.query(`CREATE OR REPLACE TABLE ips AS SELECT * FROM (VALUES ${addresses.map((a, i) => `('${a}', ${i})`).join(', ')}) t(message, ts)`);
  const rel: EventsRelation = { ...EVENTS, relation: 'ips', discoverable: 'false' };
  const subnets = ['10.0.0.0/8', '10.1.0.0/16', '10.2.128.0/17', '192.0.0.0/22', '0.0.0.0/0', '10.1.2.3/32',
    '2001:db8::/32', '2001:db8::/96', '2001:db8:0:1234::/64', '2001:db8::ff00/120', '::ffff:0:0/96', '::ffff:10.1.0.0/112', '::/0'];
  for (const cidr of subnets) {
    const c = parseCidr(cidr)!;
    const fn = c.fam === 4 ? 'isIpv4InSubnet' : 'isIpv6InSubnet';
    for (const f of [fn, 'isIpInSubnet']) {
      const got = (await insights(`fields ${f}(@message, "${cidr}") as inside | sort @timestamp asc | display @message, inside`, rel)).map((r) => `${r[0]} ${r[1]}`);
      const want = [...addresses].map((a) => {
        const ip = parseIp(a.toLowerCase());
        return `${a} ${ip && cidrContains(c, ip) ? 1 : 0}`;
      });
      assert.deepEqual(got, want, `${f} ${cidr}`);
    }
  }
});

test('IP functions over flow events against SQL', async () => {
  const got = await insights('filter isIpInSubnet(dstAddr, "10.0.2.0/24") or isIpv6InSubnet(srcAddr, "2001:db8::/116") | stats count(*) as n by srcAddr, dstAddr');
  const want = await sql(`SELECT srcaddr, dstaddr, count(*) AS n FROM flow
    WHERE dstaddr LIKE '10.0.2.%' OR (srcaddr LIKE '2001:db8::%' AND length(srcaddr) <= 13) GROUP BY ALL`);
  const key = (r: unknown[]) => JSON.stringify(r);
  assert.deepEqual(got.map(key).sort(), want.map(key).sort());
  assert.ok(got.length > 10);
});

test('sortsFirst and sortsLast use the natural order', async () => {
  const got = await insights('stats sortsFirst(dstAddr) as a, sortsLast(dstAddr) as z by action');
  const values = await sql('SELECT action, list(DISTINCT dstaddr) FILTER (WHERE dstaddr IS NOT NULL) FROM flow GROUP BY action ORDER BY action NULLS LAST');
  const want = values.map(([action, list]) => {
    const sorted = ((list as string[] | null) ?? []).sort(naturalCompare);
    return [action, sorted[0] ?? null, sorted.at(-1) ?? null];
  });
  assert.deepEqual(got, want);
  assert.equal(got[0]![1], '10.0.0.0');
});
