/** examples/internet-scan: golden Parquet rows, determinism, Hive-compatible per-hour keys, and the scans in the records. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { goldenAndDeterminismTests, listFiles, withRun } from './harness.ts';

const SCENARIO = 'examples/internet-scan/scenario.yaml';

goldenAndDeterminismTests('internet-scan', SCENARIO);

test('internet-scan: Parquet objects under Hive-compatible, per-hour keys, queried as one table', async () => {
  await withRun(SCENARIO, async (out) => {
    const objects = listFiles(out).filter((f) => f.startsWith('s3/'));
    const prefix = 's3/internet-scan-flow-logs/vpc/AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=03/day=14/';
    assert.deepEqual(objects.map((f) => f.slice(0, prefix.length)), objects.map(() => prefix));
    assert.deepEqual(objects.map((f) => f.slice(prefix.length).replace(/_[0-9a-f]{8}\.log\.parquet$/, '')), [
      'hour=02/123456789012_vpcflowlogs_us-east-1_fl-0c4885d1db8c48501_20260314T0250Z',
      'hour=02/123456789012_vpcflowlogs_us-east-1_fl-0c4885d1db8c48501_20260314T0255Z',
      'hour=03/123456789012_vpcflowlogs_us-east-1_fl-0c4885d1db8c48501_20260314T0300Z',
      'hour=03/123456789012_vpcflowlogs_us-east-1_fl-0c4885d1db8c48501_20260314T0305Z',
    ]);
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const con = await instance.connect();
    try {
      // What an Athena user would ask, with the partition columns DuckDB reads from the key=value folders.
      const glob = join(out, 's3', 'internet-scan-flow-logs', 'vpc', 'AWSLogs', '*', '*', '*', '*', '*', '*', '*', '*.parquet');
      const q = async (sql: string) => (await con.runAndReadAll(sql.replaceAll('$T', `read_parquet('${glob}', hive_partitioning = true)`))).getRowsJS()
        .map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
      assert.deepEqual(await q(`SELECT hour, count(*) FROM $T GROUP BY hour ORDER BY hour`), [['02', 1068], ['03', 38]]);
      // Rejected probes per source, and how many distinct ports each tried.
      assert.deepEqual(await q(`SELECT srcaddr, count(*), count(DISTINCT dstport), any_value(pkt_src_aws_service) FROM $T
        WHERE action = 'REJECT' AND flow_direction = 'ingress' GROUP BY srcaddr ORDER BY srcaddr`), [
        ['185.220.101.9', 24, 4, '-'],
        ['203.0.113.66', 1022, 1022, '-'],
        ['45.148.10.12', 12, 2, '-'],
        ['54.149.118.103', 4, 4, 'EC2'],
        ['71.6.199.23', 10, 10, '-'],
      ]);
      // Open ports answer a SYN scan with SYN-ACK (18), and the scanner resets: SYN|RST (6) on its record.
      assert.deepEqual(await q(`SELECT srcaddr, dstport, packets, tcp_flags, action FROM $T WHERE srcaddr IN ('203.0.113.66', '71.6.199.23') AND action = 'ACCEPT' ORDER BY srcaddr, dstport`), [
        ['203.0.113.66', 80, 2, 6, 'ACCEPT'], ['203.0.113.66', 443, 2, 6, 'ACCEPT'],
        ['71.6.199.23', 80, 2, 6, 'ACCEPT'], ['71.6.199.23', 443, 2, 6, 'ACCEPT'],
      ]);
      // The administrator's SSH is the only port-22 flow that gets in.
      assert.deepEqual(await q(`SELECT DISTINCT srcaddr FROM $T WHERE dstport = 22 AND action = 'ACCEPT'`), [['198.51.100.7']]);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });
});
