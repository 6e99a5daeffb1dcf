/**
 * The four Logs Insights queries AWS documents for flow logs, over 10 million
 * CloudWatch Logs events generated in DuckDB (generate-events.ts), each timed
 * as vpcflow runs it (compile, check, execute, convert rows) and beside it
 * the equivalent hand-written SQL on the same table: best of a few rounds.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { generateEventsSql, generatedEvents } from '../src/adapters/insights/generate-events.ts';
import { runInsights, type SqlRunner } from '../src/adapters/insights/run.ts';

export interface Timing { best: number; median: number; worst: number }

export interface InsightsBenchQuery {
  readonly name: string;
  readonly query: string;
  readonly rows: number;
  /** Milliseconds. */
  readonly insights: Timing;
  readonly sql: Timing;
}

export interface InsightsBench {
  readonly records: number;
  readonly threads: number;
  readonly generateSeconds: number;
  readonly queries: InsightsBenchQuery[];
}

const SAMPLES: { name: string; query: string; sql: string }[] = [
  {
    name: 'top 15 packet transfers across hosts',
    query: 'stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc | limit 15',
    sql: `SELECT srcaddr, dstaddr, sum(packets) AS p FROM events WHERE is_default GROUP BY ALL ORDER BY p DESC NULLS LAST LIMIT 15`,
  },
  {
    name: 'top 15 byte transfers from 192.0.2.0/24',
    query: 'filter isIpv4InSubnet(srcAddr, "192.0.2.0/24") | stats sum(bytes) as bytesTransferred by dstAddr | sort bytesTransferred desc | limit 15',
    sql: `SELECT dstaddr, sum(bytes) AS b FROM events WHERE is_default AND srcaddr LIKE '192.0.2.%' GROUP BY ALL ORDER BY b DESC NULLS LAST LIMIT 15`,
  },
  {
    name: 'UDP transfers by source address',
    query: 'filter protocol=17 | stats count(*) by srcAddr',
    sql: `SELECT srcaddr, count(*) FROM events WHERE is_default AND protocol = 17 GROUP BY ALL ORDER BY srcaddr`,
  },
  {
    name: 'hours with SKIPDATA records',
    query: 'filter logStatus="SKIPDATA" | stats count(*) by bin(1h) as t | sort t',
    sql: `SELECT ts - ts % 3600000 AS t, count(*) FROM events WHERE is_default AND log_status = 'SKIPDATA' GROUP BY ALL ORDER BY t`,
  },
];

function timing(ms: number[]): Timing {
  const v = [...ms].sort((a, b) => a - b);
  return { best: v[0]!, median: v[Math.floor(v.length / 2)]!, worst: v[v.length - 1]! };
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

export async function benchInsights(records = 10_000_000, rounds = 3): Promise<InsightsBench> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const con = await instance.connect();
  const db: SqlRunner = { query: async (sql) => ({ rows: (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[] }) };
  try {
    const threads = Number((await db.query(`SELECT current_setting('threads') AS t`)).rows[0]!.t);
    const t0 = performance.now();
    await con.run(generateEventsSql('events', records));
    const generateSeconds = (performance.now() - t0) / 1000;
    const events = generatedEvents('events');
    const queries: InsightsBenchQuery[] = [];
    for (const s of SAMPLES) {
      let rows = 0;
      const ins: number[] = [], sql: number[] = [];
      for (let r = 0; r < rounds; r++) {
        ins.push(await timed(async () => { rows = (await runInsights(db, events, s.query)).rows.length; }));
        sql.push(await timed(() => con.runAndReadAll(s.sql)));
      }
      queries.push({ name: s.name, query: s.query, rows, insights: timing(ins), sql: timing(sql) });
    }
    return { records, threads, generateSeconds, queries };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** One line per query, for `npm run bench`. */
export function insightsBenchLines(b: InsightsBench): string[] {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  return b.queries.map((q) => `Logs Insights over ${(b.records / 1e6).toFixed(0)} M events, ${q.name}: ${ms(q.insights.best)} (median ${ms(q.insights.median)}, worst ${ms(q.insights.worst)}; equivalent SQL ${ms(q.sql.best)}; ${q.rows} rows)`);
}
