/**
 * The observer `vpcflow run` feeds: every record delivered to CloudWatch Logs
 * (as the log event CloudWatch ingests) and the simulated clock. It drives
 * the metric filters and alarms, sends their SNS notifications as they
 * happen (POSTs to http/https subscribers, emails into
 * notifications.jsonl), and at the end writes metrics.jsonl, alarms.jsonl,
 * notifications.jsonl and insight-rules.json.
 *
 * A failed POST is recorded in notifications.jsonl; it never stops the run.
 */
import { join } from 'node:path';
import { DEFAULT_INGESTION_DELAY_MS, ingestionTimeMs } from '../destinations/sink.ts';
import { logGroupName } from '../destinations/destination-names.ts';
import { writeFileAtomicSync } from '../destinations/atomic.ts';
import { Monitor, deliveriesFor, type NotifyEnv } from '../../core/alarms/index.ts';
import type { EmittedRecord } from '../../core/flows/emitted.ts';
import { hasMonitoring, monitoringOf } from '../../core/model/monitoring.ts';
import type { Network } from '../../core/model/network.ts';
import { type NotificationEntry, type Poster, deliver } from './deliver.ts';
import { makePoster } from './http-post.ts';

export interface RunMonitorOptions {
  net: Network;
  dir: string;
  account: string;
  region: string;
  seed: string | number;
  /** Epoch seconds the stack exists from. */
  start: number;
  /** CloudWatch ingestionTime = the record's window end + this (the delivery sink's delay). */
  ingestionDelayMs?: number;
  /** How notifications are POSTed (tests hand in their own). */
  post?: Poster;
  /** At most this many POSTs in one run; later ones are recorded as skipped. */
  maxPosts?: number;
}

export interface RunMonitor {
  /** A record the delivery sink accepted. */
  record(r: EmittedRecord): void;
  /** The simulated clock reached `epochSec`. */
  advanceTo(epochSec: number): void;
  /** The run ended at `epochSec`: alarms run until every delivered event is ingested, then the files are written. */
  finish(epochSec: number): Promise<void>;
}

const NOTHING: RunMonitor = { record: () => {}, advanceTo: () => {}, finish: async () => {} };

export function createRunMonitor(o: RunMonitorOptions): RunMonitor {
  const m = monitoringOf(o.net);
  if (!hasMonitoring(m)) return NOTHING;
  const env: NotifyEnv & { start: number } = { account: o.account, region: o.region, seed: o.seed, start: o.start };
  const monitor = new Monitor(m, env);
  const delay = o.ingestionDelayMs ?? DEFAULT_INGESTION_DELAY_MS;
  const groups = new Map<string, string>();
  const entries: NotificationEntry[] = [];
  const post = o.post ?? makePoster();
  let posts = 0;
  let chain: Promise<void> = Promise.resolve();

  const dispatch = () => {
    for (const p of monitor.drain()) {
      for (const d of deliveriesFor(p, m.subscriptions, env)) {
        const allowed = posts < (o.maxPosts ?? 200);
        if (d.headers) posts++;
        chain = deliver(d, entries, post, allowed, chain);
      }
    }
  };

  return {
    record(r) {
      if (r.flowLog.destinationType !== 'cloud-watch-logs') return;
      let group = groups.get(r.flowLog.id);
      if (group === undefined) groups.set(r.flowLog.id, (group = logGroupName(r.flowLog)));
      monitor.accept({ group, stream: `${r.eniId}-all`, timestamp: r.start * 1000, ingestionTime: ingestionTimeMs(r, delay), message: r.line });
    },
    advanceTo(epochSec) {
      monitor.advanceTo(epochSec);
      dispatch();
    },
    async finish(epochSec) {
      const last = Math.max(epochSec, Math.ceil(monitor.lastIngestion / 1000));
      monitor.advanceTo(Math.ceil(last / 60) * 60);
      dispatch();
      await chain;
      const lines = (xs: unknown[]) => Buffer.from(xs.map((x) => `${JSON.stringify(x)}\n`).join(''));
      if (m.metricFilters.length) writeFileAtomicSync(join(o.dir, 'metrics.jsonl'), lines(monitor.datapoints()));
      if (m.alarms.size) writeFileAtomicSync(join(o.dir, 'alarms.jsonl'), lines(monitor.history));
      if (m.topics.size) writeFileAtomicSync(join(o.dir, 'notifications.jsonl'), lines(entries));
      if (m.insightRules.size) {
        const rules = [...m.insightRules.values()].map((r) => ({ RuleName: r.name, RuleState: r.state, RuleArn: r.arn, LogicalId: r.logicalId, RuleBody: r.body }));
        writeFileAtomicSync(join(o.dir, 'insight-rules.json'), Buffer.from(`${JSON.stringify(rules, null, 2)}\n`));
      }
    },
  };
}
