/**
 * The four sample queries AWS documents for flow logs give the same answers
 * as the equivalent SQL (written as one would for Athena) on the same events.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runInsights } from './run.ts';
import { EVENTS, openTestDb, withFlowEvents, type TestDb } from './test-db.ts';
import { topN } from './test-compare.ts';

let db: TestDb;
before(async () => {
  db = await openTestDb();
  await withFlowEvents(db, 20_000);
});
after(() => db.close());

const insights = async (q: string) => (await runInsights(db, EVENTS, q)).rows;
const sql = (s: string) => db.arrays(s);

test('sample 1: top 15 packet transfers across hosts', async () => {
  const got = await insights(`stats sum(packets) as packetsTransferred by srcAddr, dstAddr
    | sort packetsTransferred  desc
    | limit 15`);
  const all = await sql('SELECT srcaddr, dstaddr, sum(packets) AS packetcount FROM flow GROUP BY srcaddr, dstaddr ORDER BY packetcount DESC NULLS LAST');
  topN(got, all, 2, 15);
  assert.equal(got.length, 15);
});

test('sample 2: top 15 byte transfers from a subnet', async () => {
  const got = await insights(`filter isIpv4InSubnet(srcAddr, "192.0.2.0/24")
    | stats sum(bytes) as bytesTransferred by dstAddr
    | sort bytesTransferred desc
    | limit 15`);
  const all = await sql(`SELECT dstaddr, sum(bytes) AS b FROM flow WHERE srcaddr LIKE '192.0.2.%' GROUP BY dstaddr ORDER BY b DESC NULLS LAST`);
  assert.ok(all.length > 15, 'enough groups to cut');
  topN(got, all, 1, 15);
});

test('sample 3: UDP transfers per source address', async () => {
  const got = await insights('filter protocol=17 | stats count(*) by srcAddr');
  const want = await sql('SELECT srcaddr, count(*) FROM flow WHERE protocol = 17 GROUP BY srcaddr');
  assert.ok(want.length > 50);
  const key = (r: unknown[]) => JSON.stringify(r);
  assert.deepEqual(got.map(key).sort(), want.map(key).sort());
});

test('sample 4: hours with SKIPDATA records', async () => {
  const got = await insights(`filter logStatus="SKIPDATA"
    | stats count(*) by bin(1h) as t
    | sort t`);
  const want = await sql(`SELECT strftime(time_bucket(INTERVAL 1 hour, make_timestamp(ts * 1000)), '%Y-%m-%d %H:%M:%S.%g') AS t, count(*)
    FROM flow WHERE log_status = 'SKIPDATA' GROUP BY t ORDER BY t`);
  assert.ok(want.length > 20);
  assert.deepEqual(got, want);
  assert.match(String(got[0]![0]), /^2026-01-01 \d\d:00:00\.000$/);
});
