/** `vpcflow insights` on the CloudWatch Logs events of a `vpcflow run` folder. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../store/store.ts';
import { cli } from '../../../test/support/cli.ts';

let tmp: string;
let dir: string;
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vpcflow-insights-'));
  dir = join(tmp, 'out');
  const r = await cli('run', 'examples/frontal-bd/scenario.yaml', '--out', dir, '--no-progress');
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

async function sql(query: string): Promise<unknown[][]> {
  const store = await openStore(dir);
  try {
    return (await store.query(query)).map((r) => Object.values(r));
  } finally {
    await store.close();
  }
}

async function json(query: string, ...opts: string[]): Promise<Record<string, unknown>[]> {
  const r = await cli('insights', dir, query, '--json', ...opts);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out);
}

const sorted = (rows: unknown[][]): string[] => rows.map((r) => JSON.stringify(r)).sort();

test('--json: row objects keyed by the output names, numbers as JSON numbers', async () => {
  const rows = await json('stats count(*) as n by srcAddr');
  assert.deepEqual(Object.keys(rows[0]!), ['srcAddr', 'n']);
  assert.ok(rows.every((r) => typeof r.n === 'number'));
  assert.deepEqual(sorted(rows.map((r) => [r.srcAddr, r.n])), sorted(await sql('SELECT srcaddr, count(*) FROM log_events GROUP BY srcaddr')));
});

test("AWS's four flow log samples give what the same SQL gives on the events", async () => {
  const one = await json('stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc | limit 15');
  assert.deepEqual(one.map((r) => r.packetsTransferred), (await sql('SELECT sum(packets) AS p FROM log_events GROUP BY srcaddr, dstaddr ORDER BY p DESC LIMIT 15')).map((r) => r[0]));
  const two = await json('filter isIpv4InSubnet(srcAddr, "172.31.60.0/24") | stats sum(bytes) as bytesTransferred by dstAddr | sort bytesTransferred desc | limit 15');
  assert.deepEqual(two.map((r) => [r.dstAddr, r.bytesTransferred]), await sql(`SELECT dstaddr, sum(bytes) AS b FROM log_events WHERE srcaddr LIKE '172.31.60.%' GROUP BY dstaddr ORDER BY b DESC LIMIT 15`));
  const three = await json('filter protocol=6 | stats count(*) by srcAddr');
  assert.deepEqual(sorted(three.map((r) => [r.srcAddr, r['count(*)']])), sorted(await sql('SELECT srcaddr, count(*) FROM log_events WHERE protocol = 6 GROUP BY srcaddr')));
  const four = await json('filter logStatus="OK" | stats count(*) by bin(1m) as t | sort t');
  assert.deepEqual(four.map((r) => [r.t, r['count(*)']]), await sql(`SELECT strftime(time_bucket(INTERVAL 1 minute, make_timestamp("timestamp" * 1000)), '%Y-%m-%d %H:%M:%S.%g') AS t, count(*)
    FROM log_events WHERE log_status = 'OK' GROUP BY t ORDER BY t`));
});

test('--group, --start and --end select the events', async () => {
  const count = async (...opts: string[]) => (await json('stats count(*) as n', ...opts))[0]!.n;
  const [[all]] = await sql('SELECT count(*) FROM log_events') as [[number]];
  assert.equal(await count(), all);
  assert.equal(await count('--group', '/vpc/frontal-bd'), all);
  assert.equal(await count('--group', '/nope'), 0);
  const [[early]] = await sql(`SELECT count(*) FROM log_events WHERE "timestamp" BETWEEN ${Date.UTC(2026, 0, 1, 0, 0, 30)} AND ${Date.UTC(2026, 0, 1, 0, 1)}`) as [[number]];
  assert.equal(await count('--start', '2026-01-01T00:00:30Z', '--end', String(Date.UTC(2026, 0, 1, 0, 1) / 1000)), early);
  assert.ok(early > 0 && early < all);
});

test('human output: an aligned table and the statistics', async () => {
  const r = await cli('insights', dir, 'fields @timestamp, srcAddr, dstPort, action | filter action = "REJECT" | sort @timestamp asc | limit 3');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0]!, /^@timestamp +srcAddr +dstPort +action$/);
  assert.match(lines[2]!, /^2026-01-01 00:00:\d\d\.000  [0-9.]+ +\d+  REJECT$/);
  assert.match(r.out, /\n3 rows; \d+ records matched, 53 records \(\d+\.\d KB\) scanned\n$/);
});

test('bad input: exit 2 with a message that points at the column, no stack trace', async () => {
  const syntax = await cli('insights', dir, 'filter action = "REJECT" | stats count(*) by )');
  assert.equal(syntax.code, 2);
  assert.equal(syntax.err, 'vpcflow: insights: 1:46: expected a field name after "by", found ")"\n  filter action = "REJECT" | stats count(*) by )\n                                               ^\n');
  const cases: [string[], RegExp][] = [
    [[dir, 'filter srcAddr like /a(b/'], /insights: 1:21: invalid regular expression/],
    [[dir, 'fields a', '--start', 'yesterday'], /--start: expected an ISO time/],
    [[dir, 'fields a', '--start', '2026-01-02', '--end', '2026-01-01'], /--start is after --end/],
    [[join(tmp, 'missing'), 'fields a'], /missing/],
  ];
  for (const [args, re] of cases) {
    const r = await cli('insights', ...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, re);
    assert.doesNotMatch(r.err, /\n\s+at /);
  }
});

test('insights --help', async () => {
  const r = await cli('insights', '--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /Usage: vpcflow insights \[options\] <dir> <query>/);
  assert.match(r.out, /--group <name>/);
});
