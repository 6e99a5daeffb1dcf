/**
 * The server's state, per account and region as AWS keeps it (moto's
 * `BackendDict[account][region]`): each region has its own `Network` and
 * `Ec2Context`. Services that keep more (log streams, objects) take a named
 * slot, per region or account-wide, so every service's state lives in one place.
 *
 * With a data folder, EC2 state is kept as a journal of the calls that changed
 * it (ec2-journal.ts): `restore()` replays it on start, `runEc2Change` appends
 * to it.
 */
import { createEc2Context } from '../core/ec2/create-context.ts';
import type { Ec2Context } from '../core/ec2/context.ts';
import type { Params } from '../core/ec2/params.ts';
import { Network } from '../core/model/network.ts';
import { EC2_ACTIONS } from '../services/ec2/handlers/index.ts';
import {
  Ec2JournalError, type Ec2JournalEntry, Ec2JournalWriter, ec2JournalPath, networkFingerprint, outsideAnswers, readEc2Journal, withOutsideAnswers,
} from './ec2-journal.ts';
import { ServiceError, isErrorLike } from './errors.ts';

export interface RegionState {
  readonly account: string;
  readonly region: string;
  readonly net: Network;
  readonly ec2: Ec2Context;
  /** A service's own state in this region, created on first use. */
  slot<T>(name: string, init: () => T): T;
}

/** A mutating EC2 call about to run: what `onEc2Change` listeners are told. */
export interface Ec2Change {
  readonly region: string;
  readonly action: string;
  /** The time the call runs at (what `now()` reads while it runs), milliseconds since the epoch. */
  readonly time: number;
}

export type Ec2ChangeListener = (change: Ec2Change) => void;

class Slots {
  private readonly items = new Map<string, unknown>();

  get<T>(name: string, init: () => T): T {
    if (!this.items.has(name)) this.items.set(name, init());
    return this.items.get(name) as T;
  }
}

const errorCode = (e: unknown): string => (isErrorLike(e) ? e.code : 'InternalError');

export class ServerState {
  private readonly regionStates = new Map<string, RegionState>();
  private readonly accountSlots = new Slots();
  private readonly listeners = new Set<Ec2ChangeListener>();
  /** Set while a call runs (live or replayed): every read of the clock during it gives the call's one time. */
  private pinned: number | undefined;
  private restored = false;
  private journal: Ec2JournalWriter | undefined;
  /** Regions started from a built network, with the network's fingerprint as adopted. */
  private readonly adopted = new Map<string, string>();

  /**
   * `clock` is the clock every region's EC2 context reads (milliseconds since the epoch);
   * `dataDir` is where services persist their state, if the server was given one.
   */
  constructor(readonly account: string, private readonly clock: () => number, readonly dataDir?: string) {}

  /** The time EC2 sees: the running call's time while one runs, else the clock. */
  now(): number {
    return this.pinned ?? this.clock();
  }

  region(name: string): RegionState {
    let s = this.regionStates.get(name);
    if (!s) {
      const net = new Network(this.account, name);
      // Ids derive from the account and region, so a fresh server issues the same ids for the same calls.
      const ec2 = createEc2Context(net, `vpcflow-api/${this.account}/${name}`, () => this.now());
      s = this.add(name, net, ec2);
    }
    return s;
  }

  private add(name: string, net: Network, ec2: Ec2Context): RegionState {
    const slots = new Slots();
    const s: RegionState = { account: this.account, region: name, net, ec2, slot: (n, init) => slots.get(n, init) };
    this.regionStates.set(name, s);
    return s;
  }

  /**
   * Starts a region from a network built elsewhere (a scenario's `{ net, ctx }`)
   * instead of an empty one. Only before `restore()` (startServer's `prepare`
   * option runs then) and before the region has state: the journal's calls for
   * the region are then replayed on top of it, as they ran on top of it. The
   * context is made to read the server's clock (its `now` is replaced).
   */
  adoptRegion(region: string, net: Network, ec2: Ec2Context): RegionState {
    if (this.restored) throw new Error(`adoptRegion(${region}): the server state is already restored and serving; adopt in startServer's prepare option`);
    if (this.regionStates.has(region)) throw new Error(`adoptRegion(${region}): the region already has state`);
    if (net.account !== this.account || net.region !== region) {
      throw new Error(`adoptRegion(${region}): the network is account ${net.account}, region ${net.region}; the server is account ${this.account}`);
    }
    if (ec2.net !== net) throw new Error(`adoptRegion(${region}): the EC2 context works on a different network`);
    ec2.now = () => this.now();
    this.adopted.set(region, networkFingerprint(net));
    return this.add(region, net, ec2);
  }

  /**
   * Replays the data folder's EC2 journal, once, before the server takes
   * requests (startServer calls it). Throws `Ec2JournalError` if a line cannot be
   * read or a replayed call ends differently than it did live: serving some
   * other state than the clients were told about would be worse than not
   * starting. Listeners are not told about replayed calls. Replay changes
   * nothing outside EC2: a replayed CreateFlowLogs gets the bucket check's
   * journaled answer and does not touch the S3 store (which kept the bucket
   * policy it was given then).
   */
  async restore(): Promise<void> {
    if (this.restored) return;
    if (this.dataDir !== undefined) {
      const file = ec2JournalPath(this.dataDir, this.account);
      const marked = new Set<string>();
      for (const { line, entry, mark } of readEc2Journal(file)) {
        if (mark) {
          const now = this.adopted.get(mark.region);
          if (now === undefined) throw new Ec2JournalError(file, line, `region ${mark.region} was started from a built network (a scenario); this start gives it none`);
          if (now !== mark.adopted) throw new Ec2JournalError(file, line, `region ${mark.region} was started from another network (a different scenario) than this start gives it`);
          marked.add(mark.region);
          continue;
        }
        if (this.adopted.has(entry.region) && !marked.has(entry.region)) {
          throw new Ec2JournalError(file, line, `region ${entry.region} was started empty; this start gives it a built network (a scenario)`);
        }
        const def = Object.hasOwn(EC2_ACTIONS, entry.action) ? EC2_ACTIONS[entry.action] : undefined;
        if (!def) throw new Ec2JournalError(file, line, `unknown EC2 action ${entry.action}`);
        const state = this.region(entry.region);
        let outcome = 'succeeded';
        try {
          this.at(entry.time, () => def.run({ state: withOutsideAnswers(state, entry), action: entry.action }, entry.params));
        } catch (e) {
          outcome = `failed with ${errorCode(e)}`;
        }
        const recorded = entry.ok ? 'succeeded' : `failed with ${entry.error ?? 'InternalError'}`;
        if (outcome !== recorded) throw new Ec2JournalError(file, line, `${entry.action} in ${entry.region} ${recorded} when it ran but ${outcome} on replay`);
      }
      this.journal = new Ec2JournalWriter(file);
      // First start over this folder with an adopted network: mark it before the region's first call.
      for (const [region, adopted] of this.adopted) if (!marked.has(region)) await this.journal.append({ region, adopted });
    }
    this.restored = true;
  }

  /**
   * Runs a call that may change EC2 state (not a DryRun, not a Describe):
   * tells the `onEc2Change` listeners, runs it with the clock pinned to one
   * time, and — with a data folder — resolves only once the call (params,
   * time, outcome) is durably journaled. A failed call is journaled too, then
   * its error rethrown.
   */
  async runEc2Change<T>(region: string, action: string, params: Params, run: () => T): Promise<T> {
    if (this.dataDir !== undefined && !this.restored) throw new Error('ServerState.restore() must run before EC2 calls change the state');
    const failure = this.journal?.failure;
    if (failure) throw new ServiceError('InternalError', `EC2 state can no longer be saved (${failure.message}); restart the server.`, 500);
    const time = this.clock();
    for (const l of this.listeners) l({ region, action, time });
    // Copied before running: the journal keeps the request as it came, whatever the handler does with it.
    const recorded = this.journal ? structuredClone(params) : params;
    let result: T;
    try {
      result = this.at(time, run);
    } catch (e) {
      await this.journal?.append({ region, action, params: recorded, time, ok: false, error: errorCode(e) });
      throw e;
    }
    await this.journal?.append({ region, action, params: recorded, time, ok: true, ...outsideAnswers(action, result) } satisfies Ec2JournalEntry);
    return result;
  }

  /**
   * Calls `listener` before each mutating EC2 call runs (the live traffic
   * runtime advances to `change.time` before the network changes). It runs
   * synchronously; if it throws, the call fails with InternalError and does not
   * run. Not called for DryRun, Describe*, requests that fail to parse, or
   * journal replay. Returns a function that removes the listener.
   */
  onEc2Change(listener: Ec2ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for pending journal writes and closes the journal. */
  async close(): Promise<void> {
    await this.journal?.close();
  }

  private at<T>(time: number, fn: () => T): T {
    this.pinned = time;
    try {
      return fn();
    } finally {
      this.pinned = undefined;
    }
  }

  /** Regions that have state, in the order they were first used. */
  regions(): string[] {
    return [...this.regionStates.keys()];
  }

  /** Account-wide state of a service (S3's bucket namespace, say). */
  slot<T>(name: string, init: () => T): T {
    return this.accountSlots.get(name, init);
  }
}
