/**
 * A scenario after loading and validation (see SCENARIO.md): the network is
 * already built; traffic and changes are typed and their times are in seconds
 * from `start`.
 */
import type { Params } from '../ec2/params.ts';
import type { BuiltNetwork } from '../template/build.ts';

/** `from`/`to` of a traffic item: a template logical id (or an instance/interface id), a `hosts` name, or a literal address. */
export type EndpointRef =
  | { kind: 'logical'; logicalId: string }
  | { kind: 'host'; name: string; address: string }
  | { kind: 'address'; address: string };

interface ItemBase {
  /** Seconds after `start`. */
  at: number;
  from: EndpointRef;
  to: EndpointRef;
  /** Source port; drawn from the seed (32768–60999) when absent. */
  sport?: number | undefined;
  /** Number of times the item runs (1 when absent), `every` seconds apart. */
  repeat: number;
  every: number;
  /** Where the item is in the file, for messages: e.g. "traffic[3]". */
  place: string;
}

export interface TcpItem extends ItemBase {
  kind: 'tcp';
  port: number;
  /** Payload bytes each way. */
  request: number;
  response: number;
  /** Seconds over which the data is spread (0: as fast as possible). */
  duration: number;
  /** SYN retries when unanswered (default 6). */
  retries: number;
}

export interface UdpItem extends ItemBase {
  kind: 'udp';
  port: number;
  request: number;
  /** 0 for no reply. */
  response: number;
}

export interface IcmpItem extends ItemBase {
  kind: 'icmp';
  /** Echo request/reply pairs, one second apart. */
  count: number;
  /** Echo data bytes (56 by default). */
  size: number;
}

export interface ScanItem extends ItemBase {
  kind: 'scan';
  /** Ports in probe order. */
  ports: number[];
  proto: 'tcp' | 'udp';
  /** Probes per second. */
  rate: number;
}

/** One run of a `packets` item: `count` packets alike but for their times (docs/SCENARIO-EXTENSIONS.md). */
export interface PacketRun {
  count: number;
  /** IP bytes of the whole run, split as evenly as possible over its packets (the first ones one byte larger when it does not divide). */
  bytes: number;
  /** Raw TCP flag bits (0 for other protocols). */
  flags: number;
  /** Seconds from the previous run's last packet (from the item's start for the first run) to this run's first. */
  after: number;
  /** Seconds from this run's first packet to its last (0: back to back). */
  over: number;
}

/**
 * Extension: packets given one by one (count, sizes, flags, times), in one
 * direction, that nothing answers. For traffic the other kinds cannot shape,
 * such as replaying the counts of a captured flow.
 */
export interface PacketsItem extends ItemBase {
  kind: 'packets';
  proto: 'tcp' | 'udp' | 'icmp';
  /** TCP/UDP destination port (0 for ICMP). */
  port: number;
  /** ICMP type and code; undefined type means echo request (8, or 128 over IPv6). */
  icmpType?: number | undefined;
  icmpCode: number;
  runs: PacketRun[];
}

export type TrafficItem = TcpItem | UdpItem | IcmpItem | ScanItem | PacketsItem;

export interface Change {
  at: number;
  action: string;
  /** Request parameters with !Ref/!GetAtt already resolved. */
  params: Params;
  place: string;
  /** Where the change is in the scenario file, when known. */
  line?: number | undefined;
  column?: number | undefined;
}

export interface ScenarioOptions {
  nodata: boolean;
  /** Max flows per interface per window before SKIPDATA; 0 = unlimited. */
  capacity: number;
}

export interface ScenarioSettings {
  name: string;
  account: string;
  region: string;
  /** Epoch seconds of the simulated clock's origin. */
  start: number;
  /** Seconds to run; undefined = until the last traffic ends, then flush. */
  duration?: number | undefined;
  seed: string | number;
  options: ScenarioOptions;
  /** Host name → address. */
  hosts: Record<string, string>;
  /** Endpoint (logical id, host name or address) → the only TCP ports it answers on. */
  listen: Record<string, number[]>;
  traffic: TrafficItem[];
  changes: Change[];
  /** Path of the scenario file, for messages. */
  file: string;
}

/** A loaded scenario: its settings, and the network its template built. */
export interface LoadedScenario {
  settings: ScenarioSettings;
  network: BuiltNetwork;
}

/** Values that replace the scenario file's own (command-line options), written as in the file. */
export interface ScenarioOverrides {
  seed?: string | number | undefined;
  duration?: string | number | undefined;
  start?: string | undefined;
  parameters?: Record<string, unknown> | undefined;
  nodata?: boolean | undefined;
  capacity?: number | undefined;
}
