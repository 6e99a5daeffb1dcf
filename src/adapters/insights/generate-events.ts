/**
 * Synthetic CloudWatch Logs flow log events made in DuckDB, for tests and the
 * benchmark: a table with one row per event (log group, stream, times,
 * message) and the parsed record columns beside the message. Every value is
 * a function of the row number, so any size is reproducible.
 *
 * Mixed in on purpose: three log groups, 40 interfaces, IPv4 and IPv6
 * addresses (some in 192.0.2.0/24), TCP/UDP/ICMP, ACCEPT and REJECT, NODATA
 * and SKIPDATA records (fields `-`), and events whose message is a custom
 * format record (not discoverable: `is_default` false).
 */
import type { EventsRelation } from './source.ts';

export const EVENTS_START_MS = Date.UTC(2026, 0, 1);

/** Events are spread evenly over `spanMs` (30 days by default), at distinct milliseconds. */
export function generateEventsSql(table: string, rows: number, spanMs = 30 * 86_400_000): string {
  const step = Math.max(1, Math.floor(spanMs / Math.max(1, rows)));
  const addr = (salt: number): string => `CASE (i * ${salt}) % 10
      WHEN 0 THEN '192.0.2.' || ((i * ${salt}) % 256)
      WHEN 1 THEN '2001:db8::' || printf('%x', (i * ${salt}) % 4096)
      WHEN 2 THEN '198.51.100.' || ((i * 7 + ${salt}) % 256)
      ELSE '10.0.' || ((i + ${salt}) % 7) || '.' || ((i * 13 + ${salt}) % 256) END`;
  return `CREATE OR REPLACE TABLE ${table} AS
WITH r AS (
  SELECT i,
    ['/vpc/flow-a', '/vpc/flow-b', '/aws/vpc/other'][i % 3 + 1] AS log_group,
    'eni-' || printf('%017x', i % 40) AS eni,
    ${EVENTS_START_MS} + i * ${step} AS ts,
    CASE WHEN i % 97 = 0 THEN 'NODATA' WHEN i % 89 = 0 THEN 'SKIPDATA' ELSE 'OK' END AS status,
    i % 53 = 0 AS custom,
    [443, 80, 22, 3389, 53][i % 5 + 1] AS dport
  FROM range(${rows}) t(i)
), v AS (
  SELECT *, status = 'OK' AS has_flow,
    CASE WHEN dport = 53 THEN 17 WHEN i % 23 = 0 THEN 1 ELSE 6 END AS proto,
    1 + (i * 17) % 200 AS pk
  FROM r
), p AS (
  SELECT i, log_group, eni || '-all' AS log_stream, ts, ts + 60000 + (i % 300) * 1000 AS ingestion_time, NOT custom AS is_default,
    2 AS version, '123456789012' AS account_id, eni AS interface_id,
    CASE WHEN has_flow THEN ${addr(1)} END AS srcaddr,
    CASE WHEN has_flow THEN ${addr(3)} END AS dstaddr,
    CASE WHEN has_flow THEN CAST((i * 31) % 65536 AS INTEGER) END AS srcport,
    CASE WHEN has_flow THEN CAST(dport AS INTEGER) END AS dstport,
    CASE WHEN has_flow THEN CAST(proto AS BIGINT) END AS protocol,
    CASE WHEN has_flow THEN CAST(pk AS BIGINT) END AS packets,
    CASE WHEN has_flow THEN CAST(pk * (40 + i % 1460) AS BIGINT) END AS bytes,
    CAST(ts // 1000 AS BIGINT) AS start, CAST(ts // 1000 + 60 - i % 5 AS BIGINT) AS "end",
    CASE WHEN NOT has_flow THEN NULL WHEN i % 4 = 0 THEN 'REJECT' ELSE 'ACCEPT' END AS action,
    status AS log_status, custom
  FROM v
)
SELECT i, log_group, log_stream, ts, ingestion_time, is_default, version, account_id, interface_id, srcaddr, dstaddr, srcport, dstport,
  protocol, packets, bytes, start, "end", action, log_status,
  CASE WHEN custom
    THEN concat_ws(' ', 'vpc-0a1b2c3d', coalesce(srcaddr, '-'), coalesce(dstaddr, '-'), coalesce(CAST(bytes AS VARCHAR), '-'), action, log_status)
    ELSE concat_ws(' ', version, account_id, interface_id, coalesce(srcaddr, '-'), coalesce(dstaddr, '-'), coalesce(CAST(srcport AS VARCHAR), '-'),
      coalesce(CAST(dstport AS VARCHAR), '-'), coalesce(CAST(protocol AS VARCHAR), '-'), coalesce(CAST(packets AS VARCHAR), '-'),
      coalesce(CAST(bytes AS VARCHAR), '-'), start, "end", coalesce(action, '-'), log_status)
  END AS message
FROM p`;
}

/** How the generated table maps to Insights events. */
export function generatedEvents(table: string): EventsRelation {
  return {
    relation: table,
    logGroup: 'log_group',
    logStream: 'log_stream',
    timestamp: 'ts',
    ingestionTime: 'ingestion_time',
    message: 'message',
    account: `'123456789012'`,
    discoverable: 'is_default',
    record: (field) => `"${field.replace(/-/g, '_')}"`,
  };
}
