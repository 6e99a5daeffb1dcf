/**
 * The second thread of `vpcflow run`: aggregation, record rendering, the
 * destinations, the run monitor and the summary's counts, fed by the main
 * thread's observations (observation-stream.ts) while it simulates the next
 * ones. It builds its own network from the same parsed scenario and applies
 * the same changes at the same points of the stream, so every call it makes (observe,
 * advanceInto, closeThrough, flushInto) comes in the order, and with the
 * arguments, the single-threaded run made them: the output is the same bytes.
 *
 * Messages are handled strictly in order, each after the previous one's work
 * (including the awaits a single-threaded run would make there).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DeliverySink } from '../adapters/destinations/index.ts';
import { loadAwsServices } from '../adapters/ip-ranges.ts';
import { type RunMonitor, createRunMonitor } from '../adapters/notifications/index.ts';
import { runAction } from '../core/ec2/actions.ts';
import { Aggregator } from '../core/flows/aggregator.ts';
import type { EmittedRecord } from '../core/flows/emitted.ts';
import { type ObservationConsumer, ObservationReader } from '../core/flows/observation-stream.ts';
import type { FlowLog } from '../core/model/types.ts';
import { SummaryCounter } from '../core/report/summary.ts';
import { compileScenario } from '../core/scenario/compile.ts';
import { type AggregationInput, type FromAggregation, type ToAggregation, received } from './aggregation-thread.ts';

const port = parentPort!;
/** Started by AggregationThread through thread-code.ts's boot, which takes `code` from the same workerData. */
const input = (workerData as { input: AggregationInput }).input;
const send = (m: FromAggregation) => port.postMessage(m);

async function start() {
  const { settings, network } = compileScenario({ ...received(input.files), overrides: input.overrides });
  const net = network.net;
  const aws = loadAwsServices(input.ipRanges);
  // Each record goes to its flow log's destination only, which reads its values (Parquet) or its line (the rest).
  const partsFor = (fl: FlowLog) => (fl.destinationType === 's3' && fl.fileFormat === 'parquet' ? 'values' as const : 'line' as const);
  const agg = new Aggregator(net, { nodata: settings.options.nodata, capacity: settings.options.capacity, aws, partsFor });
  const counter = new SummaryCounter();
  // Made once the main thread says where the run writes.
  let sink: DeliverySink | undefined;
  let monitor: RunMonitor | undefined;
  const reader = new ObservationReader(net);
  let nowMs = settings.start * 1000;
  const ctx = { ...network.ctx, now: () => nowMs };
  const deliver = (r: EmittedRecord) => {
    sink!.accept(r);
    counter.record(r);
    monitor!.record(r);
  };
  const consumer: ObservationConsumer = {
    observe(o) {
      agg.observe(o);
      counter.observation(o);
    },
    totals(o, packets, bytes, first, last, tcpFlags) {
      agg.observeTotals(o, packets, bytes, first, last, tcpFlags);
      counter.observation(o); // the rejected flow it may add is there already: only the count moves
      counter.observed += packets - 1;
    },
  };
  let writing: Promise<void> = Promise.resolve();

  const handle = async (m: ToAggregation): Promise<void> => {
    switch (m.k) {
      case 'begin':
        sink = new DeliverySink({ dir: m.outDir, account: settings.account, region: settings.region });
        monitor = createRunMonitor({ net, dir: m.outDir, account: settings.account, region: settings.region, seed: settings.seed, start: settings.start });
        return;
      case 'obs':
        reader.read(m.batch, consumer);
        return;
      case 'change':
        agg.advanceInto(m.t, deliver);
        nowMs = m.t * 1000;
        runAction(ctx, m.change.action, m.change.params);
        return;
      case 'advance': {
        agg.advanceInto(m.t, deliver);
        await writing;
        writing = sink!.closeThrough(agg.pendingFrom(m.t), (fl) => agg.pendingFromFor(fl, m.t));
        writing.catch(() => undefined); // awaited (and rethrown) at the next slice
        monitor!.advanceTo(m.t);
        // The refs of connections that ended are never reported; dropping them all keeps memory to the live ones.
        reader.forget();
        send({ k: 'ack', seq: m.seq });
        return;
      }
      case 'finish': {
        await writing;
        // The last windows close here, after the simulation: each flow log's S3 objects are written (compressed on
        // zlib's threads) while the next flow logs' records are made.
        agg.flushInto(m.end, deliver, (fl) => sink!.finishFlowLog(fl));
        const manifest = await sink!.finish();
        await monitor!.finish(m.last);
        send({
          k: 'done', manifest, observed: counter.observed, records: counter.records, byFlowLog: counter.byFlowLog,
          rejectedFlows: counter.rejectedFlows(net),
        });
        return;
      }
      case 'abort':
        await writing.catch(() => undefined);
        await sink?.abort();
        send({ k: 'aborted' });
        return;
    }
  };

  let chain: Promise<void> = Promise.resolve();
  let failed = false;
  const fail = async (e: unknown) => {
    if (failed) return;
    failed = true;
    await writing.catch(() => undefined);
    await sink?.abort().catch(() => undefined);
    const err = e instanceof Error ? e : new Error(String(e));
    send({ k: 'error', name: err.name, message: err.message, stack: err.stack });
  };
  port.on('message', (m: ToAggregation) => {
    chain = chain.then(() => (failed ? undefined : handle(m))).catch(fail);
  });
  send({ k: 'ready' });
}

start().catch((e: unknown) => {
  const err = e instanceof Error ? e : new Error(String(e));
  send({ k: 'error', name: err.name, message: err.message, stack: err.stack });
});
