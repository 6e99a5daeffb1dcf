import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { EmittedRecord, FieldValue } from '../../core/flows/emitted.ts';
import { DEFAULT_FORMAT } from '../../core/flows/fields.ts';
import type { FlowLog } from '../../core/model/types.ts';
import { DeliverySink } from './sink.ts';
import { ACCOUNT, REGION, SEKOIA_PARQUET, flowLog, listFiles, nodata, query, record, removeDir, tempDir, v2 } from './test-fixtures.ts';

let dir = '';
beforeEach(() => { dir = tempDir(); });
afterEach(() => removeDir(dir));

const V2_COLUMNS = DEFAULT_FORMAT.replace(/\$\{|\}/g, '').split(' ').map((n) => n.replace(/-/g, '_'));
const pq = (over: Partial<FlowLog> = {}): FlowLog =>
  flowLog({ id: 'fl-032a163fae170ae52', destinationType: 's3', logDestination: 'arn:aws:s3:::lake', fileFormat: 'parquet', ...over });

async function deliverOne(records: EmittedRecord[], account = ACCOUNT, out = dir): Promise<string> {
  const sink = new DeliverySink({ dir: out, account, region: REGION });
  for (const r of records) sink.accept(r);
  await sink.finish();
  const files = listFiles(out);
  assert.equal(files.length, 1, JSON.stringify(files));
  return join(out, files[0]!);
}

const schemaOf = (path: string): Promise<Record<string, unknown>[]> =>
  query(`SELECT name, type, repetition_type FROM parquet_schema('${path}') WHERE type IS NOT NULL`);
const describe = (path: string): Promise<Record<string, unknown>[]> =>
  query(`SELECT column_name, column_type, "null" FROM (DESCRIBE SELECT * FROM read_parquet('${path}'))`);

test('the SEKOIA rows written again give AWS\'s Parquet schema and the same rows', async () => {
  const rows = await query(`SELECT * FROM read_parquet('${SEKOIA_PARQUET}')`);
  assert.equal(rows.length, 7);
  const fl = pq();
  const records = rows.map((row) => {
    const values = V2_COLUMNS.map((c) => row[c] as FieldValue);
    return record(fl, String(row.interface_id), values, Number(row.start), Number(row.end));
  });
  const ours = await deliverOne(records, '111111111111');
  assert.match(ours, /\/111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_[0-9a-f]{8}\.log\.parquet$/);

  const theirSchema = await schemaOf(SEKOIA_PARQUET);
  assert.equal(theirSchema.length, 14);
  assert.deepEqual(await schemaOf(ours), theirSchema);
  assert.deepEqual(await describe(ours), await describe(SEKOIA_PARQUET));
  assert.deepEqual(await query(`SELECT * FROM read_parquet('${ours}')`), rows);
  assert.deepEqual(await query(`SELECT compression FROM parquet_metadata('${ours}') GROUP BY ALL`), [{ compression: 'GZIP' }]);
});

test('a `-` number is null and a `-` string stays "-"', async () => {
  const fl = pq();
  const ours = await deliverOne([nodata(fl, 'eni-0aaaaaaaaaaaaaaaa', 1661950700, 1661950760), v2(fl, 'eni-0aaaaaaaaaaaaaaaa', 1661950700, 1661950710)]);
  const [noData, ok] = await query(`SELECT * FROM read_parquet('${ours}')`);
  assert.deepEqual(noData, {
    version: 2, account_id: ACCOUNT, interface_id: 'eni-0aaaaaaaaaaaaaaaa', srcaddr: '-', dstaddr: '-', srcport: null, dstport: null,
    protocol: null, packets: null, bytes: null, start: 1661950700, end: 1661950760, action: '-', log_status: 'NODATA',
  });
  assert.equal(ok!.srcport, 49152);
  assert.equal(ok!.action, 'ACCEPT');
});

test('custom formats keep their order, AWS column names and per-field types', async () => {
  const fl = pq({ logFormat: '${flow-direction} ${traffic-path} ${tcp-flags} ${pkt-srcaddr} ${bytes} ${version} ${az-id} ${reject-reason}' });
  const ours = await deliverOne([
    record(fl, 'eni-1', ['egress', 1, 18, '10.0.0.5', 4000, 8, 'euw3-az1', null], 1661950700, 1661950710),
    record(fl, 'eni-1', ['ingress', null, null, '3.5.6.7', 60, 8, 'euw3-az1', 'BPA'], 1661950700, 1661950710),
  ]);
  assert.deepEqual((await describe(ours)).map((c) => [c.column_name, c.column_type]), [
    ['flow_direction', 'VARCHAR'], ['traffic_path', 'INTEGER'], ['tcp_flags', 'INTEGER'], ['pkt_srcaddr', 'VARCHAR'],
    ['bytes', 'BIGINT'], ['version', 'INTEGER'], ['az_id', 'VARCHAR'], ['reject_reason', 'VARCHAR'],
  ]);
  assert.deepEqual(await query(`SELECT traffic_path, tcp_flags, reject_reason FROM read_parquet('${ours}')`), [
    { traffic_path: 1, tcp_flags: 18, reject_reason: '-' },
    { traffic_path: null, tcp_flags: null, reject_reason: 'BPA' },
  ]);
});

test('rows keep arrival order across many row groups', async () => {
  const fl = pq();
  const n = 130_000; // beyond DuckDB's 122,880-row row group
  const records = Array.from({ length: n }, (_, i) => v2(fl, 'eni-1', 1661950700, 1661950710, { sport: i % 65536, packets: i }));
  const ours = await deliverOne(records);
  const [agg] = await query(`SELECT count(*) AS n, bool_and(packets = rn - 1) AS ordered FROM (SELECT packets, row_number() OVER () AS rn FROM read_parquet('${ours}'))`);
  assert.deepEqual(agg, { n, ordered: true });
});

test('a Parquet write that fails leaves no object and no temporary file', async () => {
  const fl = pq();
  // The port is bad in the values, what the encoder reads.
  const good = v2(fl, 'eni-1', 1661950700, 1661950710);
  const bad = { ...good, values: good.values.map((v, i) => (i === 5 ? 'notaport' : v)), line: `2 ${ACCOUNT} eni-1 10.0.0.1 10.0.0.2 notaport 443 6 1 40 1661950700 1661950710 ACCEPT OK` };
  const sink = new DeliverySink({ dir, account: ACCOUNT, region: REGION });
  sink.accept(v2(fl, 'eni-1', 1661950700, 1661950710));
  sink.accept(bad);
  await assert.rejects(sink.finish(), /notaport|Could not convert|Conversion Error/i);
  await sink.abort();
  assert.deepEqual(listFiles(dir), []);
});

test('an output folder with glob characters in its name still works', async () => {
  const fl = pq();
  const ours = await deliverOne([v2(fl, 'eni-1', 1661950700, 1661950710)], ACCOUNT, join(dir, 'run [1] *?'));
  assert.deepEqual(await query(`SELECT count(*) AS n FROM read_parquet('${ours.replace(/[[\]*?]/g, (c) => `[${c}]`)}')`), [{ n: 1 }]);
});
