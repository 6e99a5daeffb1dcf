/**
 * Running a Logs Insights query over a log store's events: through the
 * DuckDB store (`openStore`) over the store's own folder, or, for a store
 * kept in memory, over a temporary copy of the groups the query reads.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InsightsResult } from '../../../adapters/insights/run.ts';
import { runInsightsQuery } from '../../../adapters/insights/store-events.ts';
import type { LogStore } from '../../../adapters/logs-store/index.ts';
import { openStore } from '../../../adapters/store/store.ts';

export interface QuerySpec {
  readonly query: string;
  readonly groups: readonly string[];
  readonly startMs: number;
  readonly endMs: number;
  readonly limit?: number;
}

function snapshot(store: LogStore, groups: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcflow-logs-query-'));
  for (const name of groups) {
    const g = store.group(name);
    if (!g) continue;
    const gdir = join(dir, 'cloudwatch', encodeURIComponent(name));
    mkdirSync(gdir, { recursive: true });
    for (const s of g.streams.values()) {
      const lines = s.events.map((e) => `{"timestamp":${e.timestamp},"ingestionTime":${e.ingestionTime},"message":${JSON.stringify(e.message)}}\n`);
      writeFileSync(join(gdir, `${encodeURIComponent(s.name)}.jsonl`), lines.join(''));
    }
  }
  return dir;
}

export async function runLogsQuery(store: LogStore, spec: QuerySpec): Promise<InsightsResult> {
  const temp = store.root === undefined ? snapshot(store, spec.groups) : undefined;
  try {
    const db = await openStore(temp ?? store.root!);
    try {
      return await runInsightsQuery(db, spec.query, { groups: spec.groups, startMs: spec.startMs, endMs: spec.endMs, limit: spec.limit, statistics: true });
    } finally {
      await db.close();
    }
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
