/**
 * The Logs Insights queries of one region: each query runs to completion
 * when it is started (StartQuery waits for it), so GetQueryResults always
 * finds it `Complete` (or `Failed`). Queries of a region run one at a time:
 * each opens the DuckDB store over the region's folder.
 */
import { randomUUID } from 'node:crypto';

export type QueryStatus = 'Complete' | 'Failed' | 'Cancelled';

export interface QueryRecord {
  readonly queryId: string;
  readonly queryString: string;
  readonly logGroupNames: readonly string[];
  readonly createTime: number;
  status: QueryStatus;
  results: { field: string; value: string }[][];
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

/** AWS keeps query results for 7 days; this keeps the last thousand. */
const KEEP = 1000;

export class QueryBook {
  private readonly queries = new Map<string, QueryRecord>();
  private chain: Promise<unknown> = Promise.resolve();

  newId(): string {
    return randomUUID();
  }

  add(q: QueryRecord): void {
    this.queries.set(q.queryId, q);
    if (this.queries.size > KEEP) this.queries.delete(this.queries.keys().next().value!);
  }

  get(id: string): QueryRecord | undefined {
    return this.queries.get(id);
  }

  /** Newest first, as DescribeQueries lists them. */
  all(): QueryRecord[] {
    return [...this.queries.values()].reverse();
  }

  /** Runs `fn` after every query started before it. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
