/**
 * Every flow log file in shared/data/flowlogs ingests with the record count
 * its README gives. Files without a header line get the format their README
 * entry (or AWS's field tables) gives them, as a user would pass it with
 * --format. The quirks the README lists are checked where they show.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { sharedFile } from '../../../test/support/shared-data.ts';
import { ingest, put, queryJson, removeDir, tempDir } from './testing.ts';

const V2 = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const V5_ALL = `${V2} vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path`;
const ECS = 'ecs-cluster-arn ecs-cluster-name ecs-container-instance-arn ecs-container-instance-id ecs-container-id ecs-second-container-id ecs-service-name ecs-task-definition-arn ecs-task-arn ecs-task-id';
/** The transit gateway default format: every v2–v6 TGW field in the order of AWS's table. */
const TGW_ALL = 'version resource-type account-id tgw-id tgw-attachment-id tgw-src-vpc-account-id tgw-dst-vpc-account-id tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id tgw-src-eni tgw-dst-eni tgw-src-az-id tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr srcport dstport protocol packets bytes start end log-status type packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired tcp-flags region flow-direction pkt-src-aws-service pkt-dst-aws-service';
/** otel_valid_tgw_flow_log.log's header without the four packets-lost-* fields, as its README entry says. */
const TGW_CW = 'version account-id tgw-id tgw-attachment-id tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id tgw-src-eni tgw-dst-eni tgw-src-az-id tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr srcport dstport protocol packets bytes start end log-status type tcp-flags flow-direction region';
const fmt = (names: string) => names.split(' ').map((n) => `\${${n}}`).join(' ');

/** README §1.1 record counts, and the --format of files that carry no header. */
const EXPECTED: Record<string, { records: number; format?: string }> = {
  'loki_lambda-promtail_vpcflowlog.log.gz': { records: 3 },
  'mizutani_sample1.log': { records: 2 },
  'mizutani_sample2.log.gz': { records: 2 },
  'grafana-analyzer_aws-flow-logs-10.3.11.57-142.250.185.91.log': { records: 31 },
  'grafana-analyzer_aws-test_flow_logs.log': { records: 6 },
  'obsrvbl_flows.parquet': { records: 3 },
  'obsrvbl_flows.parquet.rows.jsonl': { records: 3 },
  'sekoia_111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_2ad4bef5.parquet': { records: 7 },
  'sekoia_111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_2ad4bef5.parquet.rows.jsonl': { records: 7 },
  'elastic-beats_tcp-flag-sequence-skip-data.log': { records: 2 },
  'elastic-integrations_test-extra-samples.log': { records: 7 },
  'elastic-integrations_test-tcp-flag-sequence.log': { records: 3 },
  'elastic-integrations_test-tgw-samples.log': { records: 10, format: TGW_ALL },
  'elastic-integrations_test-ecs-samples.log': { records: 10, format: `${V5_ALL} ${ECS}` },
  'elastic-integrations_test-v8-samples.log': { records: 1, format: `${V5_ALL} ${ECS} reject-reason` },
  'elastic-integrations_test-v5-all-fields.log': { records: 1, format: V5_ALL },
  'elastic-integrations_test-with-message-field.log': { records: 1 },
  'otel_valid_vpc_flow_cw.json': { records: 2 },
  'otel_valid_vpc_flow_cw_custom.json': { records: 2, format: 'version interface-id srcaddr dstaddr' },
  'otel_valid_tgw_flow_cw.json': { records: 1, format: TGW_CW },
  'otel_valid_tgw_flow_log.log': { records: 1 },
  'otel_valid_vpc_flow_log.log': { records: 1 },
  'otel_valid_vpc_flow_log_ecs.log': { records: 1 },
};
const YAML_FILE = 'elastic-beats_aws-vpc-flow-logs.yml';

let dir = '';
before(() => { dir = tempDir(); });
after(() => removeDir(dir));

test('every file of shared/data/flowlogs is covered here', () => {
  const files = readdirSync(sharedFile('data', 'flowlogs')).sort();
  assert.deepEqual(files, [...Object.keys(EXPECTED), YAML_FILE].sort());
});

for (const [name, e] of Object.entries(EXPECTED)) {
  test(`${name}: ${e.records} record${e.records > 1 ? 's' : ''}`, async () => {
    const out = join(dir, name);
    const r = await ingest(out, [sharedFile('data', 'flowlogs', name)], ...(e.format ? ['--format', fmt(e.format)] : []));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.report.records, e.records, JSON.stringify(r.report.skipped));
    assert.deepEqual(r.report.skipped, []);
    const [{ n }] = await queryJson(out, 'SELECT count(*) AS n FROM flow_logs') as [{ n: number }];
    assert.equal(n, e.records);
  });
}

test(`${YAML_FILE}: 30 samples in 8 formats, each read with its format string`, async () => {
  const doc = parseYaml(readFileSync(sharedFile('data', 'flowlogs', YAML_FILE), 'utf8'), { merge: true }) as Record<string, { format: string; samples: string[] }>;
  // The YAML repeats groups through merge keys (same format and samples, another "mode"): one of each.
  const groups = new Map<string, string[]>();
  for (const g of Object.values(doc)) groups.set(g.format, g.samples);
  assert.equal(groups.size, 8);
  let total = 0;
  for (const [i, [format, samples]] of [...groups].entries()) {
    const file = put(dir, `yaml-${i}.log`, samples.join('\n'));
    const r = await ingest(join(dir, 'yaml'), [file], '--format', fmt(format));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.report.records, samples.length, `${format}: ${JSON.stringify(r.report.skipped)}`);
    assert.deepEqual(r.report.skipped, []);
    total += r.report.records;
  }
  assert.equal(total, 30);
  // Double spaces in two samples are read leniently and said so; the Cyrillic letter survives.
  const rows = await queryJson(join(dir, 'yaml'), `SELECT tgw_src_subnet_id, count(*) OVER () AS n FROM flow_logs WHERE resource_type = 'TransitGateway'`);
  assert.equal(rows[0]!.tgw_src_subnet_id, 'subnet-3fbc536e360c36caб');
});

test('quirks: NODATA dashes are NULL, 11-digit account ids stay text, IPv6 and old ENI ids load as they are', async () => {
  const out = join(dir, 'quirks');
  const files = ['otel_valid_vpc_flow_log.log', 'elastic-integrations_test-extra-samples.log', 'mizutani_sample1.log'].map((f) => sharedFile('data', 'flowlogs', f));
  assert.equal((await ingest(out, files)).report.records, 10);
  const nodata = await queryJson(out, `SELECT account_id, srcaddr, srcport, packets, action, log_status FROM flow_logs WHERE interface_id = 'eni-0eb1e4178af74336c'`);
  assert.deepEqual(nodata, [{ account_id: '12345678910', srcaddr: null, srcport: null, packets: null, action: null, log_status: 'NODATA' }]);
  const v6 = await queryJson(out, `SELECT srcaddr FROM flow_logs WHERE srcaddr LIKE '2001:%'`);
  assert.deepEqual(v6, [{ srcaddr: '2001:db8:1234:a100:8d6e:3477:df66:f105' }]);
  assert.equal((await queryJson(out, `SELECT count(*) AS n FROM flow_logs WHERE interface_id = 'eni-70594239'`))[0]!.n, 2);
});

test('quirks: repeated headers and a blank line between concatenated objects', async () => {
  const out = join(dir, 'concat');
  const r = await ingest(out, [sharedFile('data', 'flowlogs', 'elastic-beats_tcp-flag-sequence-skip-data.log'), sharedFile('data', 'flowlogs', 'elastic-integrations_test-tcp-flag-sequence.log')]);
  assert.equal(r.report.records, 5);
  const rows = await queryJson(out, `SELECT log_status, count(*) AS n, count(tcp_flags) AS flags, count(type) AS types FROM flow_logs GROUP BY ALL ORDER BY ALL`);
  assert.deepEqual(rows, [{ log_status: 'NODATA', n: 2, flags: 0, types: 0 }, { log_status: 'OK', n: 1, flags: 1, types: 1 }, { log_status: 'SKIPDATA', n: 2, flags: 0, types: 0 }]);
  // bytes before packets in this format: the columns follow the header, not the v2 order.
  assert.deepEqual(await queryJson(out, `SELECT bytes, packets FROM flow_logs WHERE log_status = 'OK'`), [{ bytes: 568, packets: 8 }]);
});

test('quirks: the synthetic impossible combinations are reported as warnings, and still load', async () => {
  const out = join(dir, 'synthetic');
  const r = await ingest(out, [sharedFile('data', 'flowlogs', 'elastic-integrations_test-ecs-samples.log')], '--format', fmt(`${V5_ALL} ${ECS}`));
  assert.equal(r.report.records, 10);
  const reasons = r.report.warnings.map((w) => w.reason).join('\n');
  assert.match(reasons, /NODATA or SKIPDATA records? with an action/);
  assert.match(reasons, /NODATA or SKIPDATA records? with traffic values/);
  assert.match(reasons, /with a version below 7, although the format has version 7 fields/);
  const v5 = await ingest(join(dir, 'v5'), [sharedFile('data', 'flowlogs', 'elastic-integrations_test-v5-all-fields.log')], '--format', fmt(V5_ALL));
  // start=164000066 is nine digits: the record would span 40 years.
  assert.deepEqual(v5.report.warnings.map((w) => w.reason).sort(), ['1 record spanning more than an hour (AWS aggregates over 10 minutes at most)', '1 record with fewer bytes than packets']);
});

test('the Parquet file with the wrong schema is reported column by column, and its values converted', async () => {
  const out = join(dir, 'obsrvbl');
  const r = await ingest(out, [sharedFile('data', 'flowlogs', 'obsrvbl_flows.parquet')]);
  assert.equal(r.report.records, 3);
  const schema = r.report.warnings.find((w) => /not AWS's Parquet schema/.test(w.reason))!;
  assert.match(schema.file, /obsrvbl_flows\.parquet$/);
  assert.match(schema.reason, /srcport is VARCHAR \(AWS writes INT32\)/);
  assert.match(schema.reason, /account_id is BIGINT \(AWS writes STRING\)/);
  assert.ok(r.report.warnings.some((w) => /"None" read as missing/.test(w.reason)));
  assert.deepEqual(await queryJson(out, `SELECT account_id, srcport, protocol, packets FROM flow_logs ORDER BY interface_id, srcaddr NULLS FIRST`), [
    { account_id: '123456789010', srcport: 443, protocol: 6, packets: 10 },
    { account_id: '123456789010', srcport: null, protocol: null, packets: null },
    { account_id: '123456789010', srcport: 80, protocol: 8080, packets: null },
  ]);
});

test('the SEKOIA Parquet object loads with AWS\'s types, its flow log id and date from its name', async () => {
  const name = 'sekoia_111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_2ad4bef5.parquet';
  const out = join(dir, 'sekoia');
  const r = await ingest(out, [sharedFile('data', 'flowlogs', name)]);
  assert.deepEqual(r.report.warnings, []);
  const columns = 'version, account_id, interface_id, srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes, start, "end", action, log_status';
  const key = (r: Record<string, unknown>): string => `${String(r.srcaddr)} ${String(r.srcport)} ${String(r.dstport)}`;
  const sorted = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  const rows = await queryJson(out, `SELECT ${columns} FROM flow_logs`);
  // The rows as hyparquet decoded them for the README, independently of DuckDB.
  const expected = readFileSync(sharedFile('data', 'flowlogs', `${name}.rows.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(sorted(rows), sorted(expected));
  assert.deepEqual(await queryJson(out, 'SELECT DISTINCT flow_log_id, date FROM flow_logs'), [{ flow_log_id: 'fl-032a163fae170ae52', date: '2022-08-31' }]);
});

test('CloudWatch payloads keep their log group, stream and event times in log_events', async () => {
  const out = join(dir, 'cw');
  await ingest(out, [sharedFile('data', 'flowlogs', 'otel_valid_vpc_flow_cw.json')]);
  const rows = await queryJson(out, `SELECT log_group, log_stream, timestamp, srcport, dstport, action FROM log_events ORDER BY dstport`);
  assert.deepEqual(rows, [
    { log_group: '/aws/vpc/flowlogs', log_stream: 'eni-1235b8ca123456789', timestamp: 1418530010000, srcport: 20641, dstport: 22, action: 'ACCEPT' },
    { log_group: '/aws/vpc/flowlogs', log_stream: 'eni-1235b8ca123456789', timestamp: 1418530010000, srcport: 49761, dstport: 3389, action: 'REJECT' },
  ]);
});

test('a custom-format CloudWatch payload without --format is reported event by event, naming --format', async () => {
  const out = join(dir, 'cw-custom');
  const r = await ingest(out, [sharedFile('data', 'flowlogs', 'otel_valid_vpc_flow_cw_custom.json')]);
  assert.equal(r.code, 2);
  assert.equal(r.report.records, 0);
  assert.equal(r.report.skipped.length, 2);
  for (const s of r.report.skipped) {
    assert.match(s.file, /otel_valid_vpc_flow_cw_custom\.json$/);
    assert.equal(s.line, 1);
    assert.match(s.reason, /^event [12] of 2 in this payload: expected 14 fields \(messages carry no header: give the flow log's format with --format\), found 4$/);
  }
  assert.match(r.err, /nothing could be loaded/);
});
