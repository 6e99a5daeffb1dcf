/**
 * The EC2 journal: how `vpcflow serve --data DIR` keeps EC2 state across
 * restarts. EC2 state is a pure function of the calls that changed it (ids come
 * from a seeded generator, times from the clock the call ran at), so instead of
 * snapshotting the `Network` the server appends every mutating call, one JSON
 * line each, and replays them in order on start:
 *
 *   {"region":"us-east-1","action":"CreateVpc","params":{"CidrBlock":"10.0.0.0/16"},"time":1767225600000,"ok":true}
 *
 * Failed calls are journaled too (`"ok":false,"error":CODE`): a call can
 * consume ids or counters before it fails, and replaying it keeps the id
 * sequence exactly as the live server drew it.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { syncDirSync } from '../adapters/destinations/atomic.ts';
import { AppendFile } from '../adapters/logs-store/append-file.ts';
import type { Ec2Context } from '../core/ec2/context.ts';
import type { DestinationCheck, DestinationProblem } from '../core/ec2/flow-logs.ts';
import type { Params } from '../core/ec2/params.ts';
import type { Network } from '../core/model/network.ts';
import type { RegionState } from './state.ts';

export interface Ec2JournalEntry {
  region: string;
  action: string;
  /** The decoded request parameters (without `DryRun`), as the handler got them. */
  params: Params;
  /** The clock the call ran at, milliseconds since the epoch. */
  time: number;
  ok: boolean;
  /** The error code of a failed call (`InvalidVpcID.NotFound`). */
  error?: string;
  /**
   * CreateFlowLogs only: what the server's destination check (does the S3
   * bucket exist?) answered when the call ran, if it found a problem. Replay
   * gives this answer back instead of asking the S3 store, which holds the
   * buckets of the end of the journal, not of the call's time.
   */
  destinationProblem?: DestinationProblem;
}

/**
 * Written once, before the first call of a region that was started from a
 * built network (`ServerState.adoptRegion`): the network's fingerprint. The
 * region's calls only mean something on top of that network, so a start that
 * adopts another one (or none) is refused instead of replaying them elsewhere.
 */
export interface Ec2AdoptMark { region: string; adopted: string }

/** A journal line with the 1-based line number it was read from, for messages. */
export type JournalLine = { line: number; entry: Ec2JournalEntry; mark?: undefined } | { line: number; mark: Ec2AdoptMark; entry?: undefined };

/** The journal cannot be read or replayed: the server must not start on a state that differs from the one it acknowledged. */
export class Ec2JournalError extends Error {
  constructor(readonly file: string, readonly line: number, detail: string) {
    super(`EC2 journal ${file}, line ${line}: ${detail}; the server will not start with a different EC2 state than it saved (move the file away to start empty)`);
    this.name = 'Ec2JournalError';
  }
}

export function ec2JournalPath(dataDir: string, account: string): string {
  return join(dataDir, account, 'ec2-journal.jsonl');
}

/**
 * Describe* is every read-only EC2 action (and the only ones AWS names so); any
 * other action is journaled. A read-only action journaled by mistake would only
 * cost a replayed no-op, a mutating one left out would lose state.
 */
export function isMutatingEc2Action(action: string): boolean {
  return !action.startsWith('Describe');
}

/** Per-resource codes core's CreateFlowLogs gives by itself: any other came from the server's destination check. */
const CORE_FLOW_LOG_CODES = new Set(['InvalidVpcID.NotFound', 'InvalidSubnetID.NotFound', 'InvalidNetworkInterfaceID.NotFound', 'FlowLogAlreadyExists']);

/**
 * What a call learned from outside the EC2 state, to journal with it. Only
 * CreateFlowLogs looks outside (the S3 store, through the flow-logs handler);
 * core asks the check once a call and reports its problem for every resource
 * that exists, so the problem is read back from the answer's `Unsuccessful`.
 */
export function outsideAnswers(action: string, result: unknown): Pick<Ec2JournalEntry, 'destinationProblem'> {
  if (action !== 'CreateFlowLogs' || !isPlainObject(result) || !Array.isArray(result.Unsuccessful)) return {};
  for (const u of result.Unsuccessful as { Error?: { Code?: string; Message?: string } }[]) {
    const code = u.Error?.Code;
    if (code !== undefined && !CORE_FLOW_LOG_CODES.has(code)) return { destinationProblem: { code, message: u.Error?.Message ?? '' } };
  }
  return {};
}

/**
 * The region as a replayed call sees it, with the answers the call got live:
 * its context (which the flow-logs handler uses as is when no server is
 * attached, as in replay) under a destination check that answers what the
 * journal says, as the live handler lays its check over the same context.
 */
export function withOutsideAnswers(state: RegionState, entry: Ec2JournalEntry): RegionState {
  if (entry.action !== 'CreateFlowLogs') return state;
  const check: DestinationCheck = { checkFlowLogDestination: () => entry.destinationProblem };
  return { ...state, ec2: Object.assign(Object.create(state.ec2) as Ec2Context, check) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A digest of a network as built: every resource, as data. Creation times are
 * left out, as a scenario loaded at another start may stamp them otherwise
 * without being another network.
 */
export function networkFingerprint(net: Network): string {
  const { version: _version, ...data } = net;
  const text = JSON.stringify(data, (key, v: unknown) => {
    if (key === 'creationTime') return undefined;
    if (v instanceof Map) return [...v];
    if (v instanceof Set) return [...v];
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
  return createHash('sha256').update(text).digest('hex');
}

function parseEntry(text: string): Ec2JournalEntry | Ec2AdoptMark | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  if (!isPlainObject(v)) return 'not a JSON object';
  if (typeof v.region !== 'string' || !v.region) return 'no "region"';
  if (v.adopted !== undefined) return typeof v.adopted === 'string' ? { region: v.region, adopted: v.adopted } : '"adopted" is not a string';
  if (typeof v.action !== 'string' || !v.action) return 'no "action"';
  if (!isPlainObject(v.params)) return 'no "params" object';
  if (typeof v.time !== 'number' || !Number.isFinite(v.time)) return 'no numeric "time"';
  if (typeof v.ok !== 'boolean') return 'no boolean "ok"';
  if (v.error !== undefined && typeof v.error !== 'string') return '"error" is not a string';
  const dp = v.destinationProblem;
  if (dp !== undefined && (!isPlainObject(dp) || typeof dp.code !== 'string' || typeof dp.message !== 'string')) return '"destinationProblem" is not {code, message}';
  return v as unknown as Ec2JournalEntry;
}

/**
 * Reads the whole journal (none: no entries). A last line without its newline
 * is a write a crash interrupted: its call was never acknowledged (the answer
 * waits for the fsync), so it is dropped and the file truncated to its last
 * whole line, so the next append does not glue onto it. Any whole line that
 * does not parse is an `Ec2JournalError`: skipping it would replay a different
 * history than the clients saw.
 */
export function readEc2Journal(file: string): JournalLine[] {
  if (!existsSync(file)) return [];
  const buf = readFileSync(file);
  const end = buf.lastIndexOf(0x0a) + 1;
  if (end < buf.length) {
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, end);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  const out: JournalLine[] = [];
  const lines = buf.subarray(0, end).toString('utf8').split('\n');
  lines.pop(); // after the final newline
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    const entry = parseEntry(text);
    if (typeof entry === 'string') throw new Ec2JournalError(file, i + 1, `unreadable entry: ${entry}`);
    out.push('adopted' in entry ? { line: i + 1, mark: entry } : { line: i + 1, entry });
  });
  return out;
}

/**
 * Opens the journal for appending, creating its folder. A new file's directory
 * entry must be durable too, or a crash can lose the whole file.
 */
async function openJournal(file: string): Promise<FileHandle> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const created = !existsSync(file);
  const fh = await open(file, 'a');
  if (created) syncDirSync(dir);
  return fh;
}

/**
 * Appends lines, each durable (`fdatasync`) before its promise resolves, with
 * the logs store's group commit (one fsync per round, not per call). Lines are
 * written in the order `append` was called, which is the order the calls ran
 * in. After a failed write every later append fails: the state in memory is
 * ahead of the file, so nothing more can be promised.
 */
export class Ec2JournalWriter {
  private readonly out: AppendFile;
  private broken: Error | undefined;

  constructor(readonly file: string) {
    this.out = new AppendFile(file, openJournal, { stopOnFailure: true });
  }

  /** Why appends fail, once a write has failed. */
  get failure(): Error | undefined {
    return this.broken;
  }

  append(entry: Ec2JournalEntry | Ec2AdoptMark): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    return this.out.append(`${JSON.stringify(entry)}\n`).catch((e: unknown) => {
      this.broken ??= new Error(`cannot write the EC2 journal ${this.file}: ${(e as Error).message}`);
      throw this.broken;
    });
  }

  /** Waits for pending appends, then closes the file. */
  close(): Promise<void> {
    return this.out.close();
  }
}
