/**
 * A run folder whose CloudWatch Logs and Firehose flow logs have custom
 * formats: the store reads each record in the format of the flow log that
 * wrote it (resources.json), line by line where flow logs of different
 * formats share a stream, and says which flow log that was.
 */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../../../test/support/shared-data.ts';
import { ingest, queryJson, removeDir, tempDir } from '../ingest/testing.ts';
import { openStore } from './store.ts';
import { runScenarioInto } from './testing.ts';

const SCENARIO = join(REPO_ROOT, 'test', 'fixtures', 'store', 'custom-formats.scenario.yaml');
const APP = 'eni-1111aaaa2222bbbb3';
const NAT = 'eni-1235b8ca123456789';
const APP_STREAM = `cloudwatch/%2Fvpc%2Fcustom-formats/${APP}-all.jsonl`;

let dir = '';
let run = '';
let summary: { records: { total: number }; recordsByFlowLog: Record<string, number> };
/** Flow log ids by logical id (CwVpc, CwApp, FhPkt, FhDefault, FhSolo). */
let fl: Record<string, string> = {};

before(async () => {
  dir = tempDir();
  ({ run, summary } = await runScenarioInto<typeof summary>(dir, SCENARIO));
  const resources = JSON.parse(readFileSync(join(run, 'resources.json'), 'utf8')) as { resources: { logicalId: string; type: string; physicalId: string }[] };
  fl = Object.fromEntries(resources.resources.filter((e) => e.type === 'AWS::EC2::FlowLog').map((e) => [e.logicalId, e.physicalId]));
});
after(() => removeDir(dir));

test('every record loads, each with the id of the one flow log that wrote it', async () => {
  const store = await openStore(run);
  try {
    assert.deepEqual(store.refreshed?.skipped, []);
    assert.deepEqual(store.refreshed?.warnings, []);
    const rows = await store.query('SELECT flow_log_id, count(*) AS n FROM flow_logs GROUP BY 1 ORDER BY 1');
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.flow_log_id, r.n])), summary.recordsByFlowLog);
    assert.equal(Object.keys(summary.recordsByFlowLog).length, 5);
  } finally {
    await store.close();
  }
});

test('two CloudWatch formats of 17 fields in one stream: the NAT example\'s pkt-srcaddr from one, traffic-path and tcp-flags from the other', async () => {
  const store = await openStore(run);
  try {
    // The NAT gateway's interface is covered by the VPC's flow log only: its records carry the packet addresses.
    const nat = await store.query(`SELECT DISTINCT srcaddr, dstaddr, pkt_srcaddr, pkt_dstaddr, flow_direction, flow_log_id FROM flow_logs
      WHERE log_group = '/vpc/custom-formats' AND interface_id = '${NAT}' AND flow_direction = 'egress' AND dstaddr = '10.0.1.5'`);
    assert.deepEqual(nat, [{ srcaddr: '10.0.0.220', dstaddr: '10.0.1.5', pkt_srcaddr: '203.0.113.5', pkt_dstaddr: '10.0.1.5', flow_direction: 'egress', flow_log_id: fl.CwVpc }]);
    // App's stream holds both formats, line by line.
    const app = await store.query(`SELECT flow_log_id, flow_direction, traffic_path, tcp_flags, pkt_srcaddr, count(*) AS n FROM flow_logs
      WHERE log_stream = '${APP}-all' GROUP BY ALL ORDER BY 5 NULLS LAST, 2`);
    assert.deepEqual(app, [
      { flow_log_id: fl.CwVpc, flow_direction: 'egress', traffic_path: null, tcp_flags: null, pkt_srcaddr: '10.0.1.5', n: 3 },
      { flow_log_id: fl.CwVpc, flow_direction: 'ingress', traffic_path: null, tcp_flags: null, pkt_srcaddr: '203.0.113.5', n: 3 },
      { flow_log_id: fl.CwApp, flow_direction: 'egress', traffic_path: 1, tcp_flags: 3, pkt_srcaddr: null, n: 3 },
      { flow_log_id: fl.CwApp, flow_direction: 'ingress', traffic_path: null, tcp_flags: 19, pkt_srcaddr: null, n: 3 },
    ]);
    assert.deepEqual(await store.query('SELECT count(*) AS n FROM log_events WHERE parse_error IS NOT NULL'), [{ n: 0 }]);
  } finally {
    await store.close();
  }
});

test('Firehose: a stream mixing a 9-field custom format with the default, and one of a 7-field format alone', async () => {
  const store = await openStore(run);
  try {
    const mixed = await store.query(`SELECT flow_log_id, interface_id, pkt_dstaddr, flow_direction, traffic_path, account_id, packets FROM flow_logs
      WHERE source_file = 'firehose/custom-flows.log' AND interface_id = '${NAT}' AND srcaddr = '10.0.0.220' AND dstaddr = '203.0.113.5' AND start IS NULL LIMIT 1`);
    assert.deepEqual(mixed, [{ flow_log_id: fl.FhPkt, interface_id: NAT, pkt_dstaddr: '203.0.113.5', flow_direction: 'egress', traffic_path: 2, account_id: null, packets: null }]);
    const byDefault = await store.query(`SELECT DISTINCT flow_log_id, version, account_id, flow_direction FROM flow_logs WHERE source_file = 'firehose/custom-flows.log' AND packets IS NOT NULL`);
    assert.deepEqual(byDefault, [{ flow_log_id: fl.FhDefault, version: 2, account_id: '123456789010', flow_direction: null }]);
    const solo = await store.query(`SELECT flow_log_id, srcaddr, pkt_srcaddr, flow_direction, version FROM flow_logs
      WHERE source_file = 'firehose/solo-flows.log' AND dstaddr = '10.0.1.5' LIMIT 1`);
    assert.deepEqual(solo, [{ flow_log_id: fl.FhSolo, srcaddr: '10.0.0.220', pkt_srcaddr: '203.0.113.5', flow_direction: 'egress', version: null }]);
  } finally {
    await store.close();
  }
});

test('lines no format fits are reported with file, line and reason, and kept out of flow_logs', async () => {
  const bad = join(dir, 'bad');
  cpSync(run, bad, { recursive: true, filter: (src) => !src.includes('.vpcflow') });
  // 17 fields, but the 15th is neither an address (pkt-srcaddr) nor a direction (flow-direction).
  const event = { timestamp: 1767225600000, ingestionTime: 1767225900000, message: `5 123456789010 ${APP} 10.0.1.5 203.0.113.5 1 443 6 1 40 1767225600 1767225600 ACCEPT OK sideways 1 3` };
  appendFileSync(join(bad, APP_STREAM), `${JSON.stringify(event)}\n`);
  appendFileSync(join(bad, 'firehose', 'custom-flows.log'), `5 ${APP} 10.0.1.5\n`);
  appendFileSync(join(bad, 'firehose', 'solo-flows.log'), `${NAT} 10.0.1.5 10.0.0.220\n`);
  const store = await openStore(bad);
  try {
    const skipped = store.refreshed!.skipped.map((s) => ({ ...s, file: s.file.slice(bad.length + 1) }));
    assert.deepEqual(skipped.map((s) => `${s.file}:${s.line}`).sort(), [`${APP_STREAM}:13`, 'firehose/custom-flows.log:37', 'firehose/solo-flows.log:13']);
    const reason = (f: string) => skipped.find((s) => s.file === f)!.reason;
    assert.match(reason(APP_STREAM), new RegExp(`^fits no format of the flow logs delivering to log group /vpc/custom-formats \\(as the format of ${fl.CwVpc}, pkt-srcaddr: "sideways" is not a valid pkt-srcaddr; as the format of ${fl.CwApp}, flow-direction: "sideways" is not a valid flow-direction\\)$`));
    assert.equal(reason('firehose/custom-flows.log'), `3 fields, but the flow logs delivering to delivery stream custom-flows write 9 (${fl.FhPkt}) or 14 (${fl.FhDefault})`);
    // One format only: the usual reading, and its reason.
    assert.match(reason('firehose/solo-flows.log'), /expected 7 fields, found 3/);
    assert.deepEqual(await store.query(`SELECT source_line, parse_error IS NOT NULL AS bad FROM log_events WHERE source_line = 13 AND log_stream = '${APP}-all'`), [{ source_line: 13, bad: true }]);
    assert.deepEqual(await store.query('SELECT count(*) AS n FROM flow_logs'), [{ n: summary.records.total }]);
  } finally {
    await store.close();
  }
});

test('without resources.json the default format is assumed, as before; putting it back reloads the folder', async () => {
  const bare = join(dir, 'bare');
  cpSync(run, bare, { recursive: true, filter: (src) => !src.includes('.vpcflow') });
  renameSync(join(bare, 'resources.json'), join(bare, 'resources.json.away'));
  const without = await openStore(bare);
  try {
    const reasons = without.refreshed!.skipped.map((s) => s.reason);
    assert.ok(reasons.some((r) => /^expected 14 fields \(messages carry no header: give the flow log's format with --format\), found 17$/.test(r)), reasons.join('\n'));
    assert.ok(reasons.some((r) => /its records have 7 fields and it has no header line/.test(r)), 'solo-flows.log is not read at all');
    assert.deepEqual(await without.query(`SELECT split_part(source_file, '/', 1) AS d, count(*) AS n FROM flow_logs GROUP BY 1`), [{ d: 'firehose', n: summary.recordsByFlowLog[fl.FhDefault!] }]);
  } finally {
    await without.close();
  }
  renameSync(join(bare, 'resources.json.away'), join(bare, 'resources.json'));
  const restored = await openStore(bare);
  try {
    assert.ok(restored.refreshed, 'resources.json is part of what the store was built from');
    assert.deepEqual(restored.refreshed.skipped, []);
    assert.deepEqual(await restored.query('SELECT count(*) AS n FROM flow_logs'), [{ n: summary.records.total }]);
  } finally {
    await restored.close();
  }
});

test('vpcflow ingest of files still in the run folder reads them the same way; --format still goes first', async () => {
  const into = join(dir, 'ingested');
  const r = await ingest(into, [run]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.report.skipped, []);
  assert.equal(r.report.records, summary.records.total);
  const rows = await queryJson(into, 'SELECT flow_log_id, count(*) AS n FROM flow_logs GROUP BY 1 ORDER BY 1');
  assert.deepEqual(Object.fromEntries(rows.map((x) => [x.flow_log_id, x.n])), summary.recordsByFlowLog);
  // With --format the user's word is taken for every headerless file: here right for the solo stream only.
  const solo = join(dir, 'solo');
  const f = await ingest(solo, [join(run, 'firehose')], '--format', '${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr} ${action} ${flow-direction}');
  assert.equal(f.report.records, summary.recordsByFlowLog[fl.FhSolo!]);
  assert.ok(f.report.skipped.some((x) => x.file.endsWith('custom-flows.log')));
  assert.deepEqual(await queryJson(solo, 'SELECT count(flow_log_id) AS n FROM flow_logs'), [{ n: 0 }]);
});
