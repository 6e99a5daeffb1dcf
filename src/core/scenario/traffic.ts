/**
 * The `traffic` list (SCENARIO.md §3): four kinds of item, their fields and
 * defaults, plus the `packets` extension (docs/SCENARIO-EXTENSIONS.md).
 */
import type { Network } from '../model/network.ts';
import { parseIp } from '../net/ip.ts';
import { describeValue } from './describe.ts';
import { readDuration } from './durations.ts';
import { endpointKey, resolveEndpoint } from './endpoints.ts';
import { type Origin, errorAt } from './origin.ts';
import type { Path } from './path.ts';
import { readPorts } from './ports.ts';
import { integer, list, mapping, onlyKeys } from './read.ts';
import type { EndpointRef, PacketRun, PacketsItem, TrafficItem } from './types.ts';

const KINDS = ['tcp', 'udp', 'icmp', 'scan', 'packets'] as const;
type Kind = (typeof KINDS)[number];

/** Fields shared by every kind; `repeat`, `every` and `sport` may also sit beside `at`. */
const COMMON = ['from', 'to', 'sport', 'repeat', 'every'];
const FIELDS: Record<Kind, string[]> = {
  tcp: [...COMMON, 'port', 'request', 'response', 'duration', 'retries'],
  udp: [...COMMON, 'port', 'request', 'response'],
  icmp: [...COMMON, 'count', 'size'],
  scan: [...COMMON, 'ports', 'proto', 'rate'],
  packets: [...COMMON, 'proto', 'port', 'type', 'code', 'send'],
};
const RUN_FIELDS = ['count', 'size', 'bytes', 'flags', 'after', 'over'];
const FLAG_BITS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 };
/** The largest IP packet (the IPv4 total length field). */
const MAX_PACKET = 65535;
const ITEM_FIELDS = ['at', ...KINDS, 'sport', 'repeat', 'every'];

/** The largest UDP payload (and ping size) an IPv4 host can send in one datagram. */
const MAX_DATAGRAM = 65507;

interface Context {
  origin: Origin;
  hosts: Record<string, string>;
  net: Network;
}

export function readTraffic(v: unknown, origin: Origin, hosts: Record<string, string>, net: Network): TrafficItem[] {
  if (v === undefined || v === null) return [];
  const ctx: Context = { origin, hosts, net };
  return list(v, ['traffic'], origin, 'a list of traffic items').map((item, i) => readItem(item, ['traffic', i], ctx));
}

function readItem(v: unknown, path: Path, ctx: Context): TrafficItem {
  const { origin } = ctx;
  const item = mapping(v, path, origin, `a traffic item with at and one of ${KINDS.join(', ')}`);
  onlyKeys(item, ITEM_FIELDS, path, origin, 'a traffic item field');
  const kinds = KINDS.filter((k) => item[k] !== undefined);
  if (kinds.length !== 1) {
    throw errorAt(origin, path, `exactly one of ${KINDS.join(', ')}`, kinds.length ? kinds.join(' and ') : 'none');
  }
  const kind = kinds[0]!;
  const at = [...path, kind];
  const f = mapping(item[kind], at, origin, `the ${kind} item's fields (${FIELDS[kind].join(', ')})`);
  onlyKeys(f, FIELDS[kind], at, origin, `a field of ${kind}`);
  /** A field from the kind mapping, or (for the shared ones) from the item itself. */
  const field = (name: string): { v: unknown; path: Path } => {
    if (f[name] !== undefined && item[name] !== undefined) throw errorAt(origin, [...path, name], `${name} given once`, `${name} both here and in ${kind}`);
    return item[name] !== undefined ? { v: item[name], path: [...path, name] } : { v: f[name], path: [...at, name] };
  };
  const num = (name: string, min: number, max: number, what: string, fallback?: number): number => {
    const { v: x, path: p } = field(name);
    if (x === undefined) {
      if (fallback === undefined) throw errorAt(origin, at, `the field ${name} (${what})`, 'none');
      return fallback;
    }
    return integer(x, p, origin, min, max, what);
  };
  const [fromField, toField] = [field('from'), field('to')];
  const from = resolveEndpoint(fromField.v, fromField.path, origin, ctx.hosts, ctx.net);
  const to = resolveEndpoint(toField.v, toField.path, origin, ctx.hosts, ctx.net);
  if (endpointKey(from) === endpointKey(to)) throw errorAt(origin, toField.path, 'an endpoint other than from', describeValue(toField.v));
  const repeat = num('repeat', 1, 1_000_000, 'a number of repetitions, at least 1', 1);
  const every = field('every');
  if (repeat > 1 && every.v === undefined) throw errorAt(origin, at, 'the field every (the time between repetitions) when repeat is more than 1', 'none');
  const sport = field('sport');
  const base = {
    at: item.at === undefined ? 0 : readDuration(item.at, [...path, 'at'], origin),
    from, to, repeat,
    every: every.v === undefined ? 0 : readDuration(every.v, every.path, origin, true),
    sport: sport.v === undefined ? undefined : integer(sport.v, sport.path, origin, 1, 65535, 'a source port from 1 to 65535'),
    place: `traffic[${path[1]}]`,
  };
  switch (kind) {
    case 'tcp': {
      const duration = field('duration');
      return {
        ...base, kind, port: num('port', 1, 65535, 'a port from 1 to 65535'),
        request: num('request', 0, Number.MAX_SAFE_INTEGER, 'a number of payload bytes, 0 or more', 0),
        response: num('response', 0, Number.MAX_SAFE_INTEGER, 'a number of payload bytes, 0 or more', 0),
        duration: duration.v === undefined ? 0 : readDuration(duration.v, duration.path, origin),
        retries: num('retries', 0, 127, 'a number of SYN retries from 0 to 127', 6),
      };
    }
    case 'udp':
      return {
        ...base, kind, port: num('port', 1, 65535, 'a port from 1 to 65535'),
        request: num('request', 0, MAX_DATAGRAM, `a number of payload bytes from 0 to ${MAX_DATAGRAM}`),
        response: num('response', 0, MAX_DATAGRAM, `a number of payload bytes from 0 to ${MAX_DATAGRAM}`, 0),
      };
    case 'icmp':
      return {
        ...base, kind, count: num('count', 1, 1_000_000, 'a number of echo requests, at least 1', 1),
        size: num('size', 0, MAX_DATAGRAM - 8, `a number of echo data bytes from 0 to ${MAX_DATAGRAM - 8}`, 56),
      };
    case 'scan': {
      const ports = field('ports');
      if (ports.v === undefined) throw errorAt(origin, at, 'the field ports (such as "1-1024")', 'none');
      const proto = field('proto');
      if (proto.v !== undefined && proto.v !== 'tcp' && proto.v !== 'udp') throw errorAt(origin, proto.path, 'tcp or udp', describeValue(proto.v));
      const rate = field('rate');
      if (rate.v !== undefined && (typeof rate.v !== 'number' || !(rate.v > 0) || !Number.isFinite(rate.v))) {
        throw errorAt(origin, rate.path, 'a number of probes per second, more than 0', describeValue(rate.v));
      }
      return {
        ...base, kind, ports: readPorts(ports.v, ports.path, origin),
        proto: (proto.v as 'tcp' | 'udp' | undefined) ?? 'tcp', rate: (rate.v as number | undefined) ?? 100,
      };
    }
    case 'packets': {
      const proto = field('proto');
      if (proto.v === undefined) throw errorAt(origin, at, 'the field proto (tcp, udp or icmp)', 'none');
      if (proto.v !== 'tcp' && proto.v !== 'udp' && proto.v !== 'icmp') throw errorAt(origin, proto.path, 'tcp, udp or icmp', describeValue(proto.v));
      const p = proto.v;
      const only = (name: string, kinds: string): void => {
        if (field(name).v !== undefined) throw errorAt(origin, field(name).path, `no ${name} (it applies to ${kinds} only)`, `${name} with proto ${p}`);
      };
      if (p === 'icmp') { only('port', 'tcp and udp'); only('sport', 'tcp and udp'); } else { only('type', 'icmp'); only('code', 'icmp'); }
      const send = field('send');
      if (send.v === undefined) throw errorAt(origin, at, 'the field send (a list of runs such as { count: 20, bytes: 4249 })', 'none');
      const runsV = list(send.v, send.path, origin, 'a list of runs such as { count: 20, bytes: 4249, flags: ACK, over: 60s }');
      if (runsV.length === 0) throw errorAt(origin, send.path, 'at least one run of packets', 'an empty list');
      const fam = familyOf(base.from) ?? familyOf(base.to) ?? 4;
      const runs = runsV.map((r, i) => readRun(r, [...send.path, i], origin, p, fam));
      const item: PacketsItem = {
        ...base, kind, proto: p, port: p === 'icmp' ? 0 : num('port', 1, 65535, 'a port from 1 to 65535'),
        icmpType: p === 'icmp' && field('type').v !== undefined ? num('type', 0, 255, 'an ICMP type from 0 to 255') : undefined,
        icmpCode: p === 'icmp' ? num('code', 0, 255, 'an ICMP code from 0 to 255', 0) : 0,
        runs,
      };
      return item;
    }
  }
}

/** The address family an endpoint fixes (a host or literal address); undefined for a logical id. */
function familyOf(e: EndpointRef): 4 | 6 | undefined {
  return e.kind === 'logical' ? undefined : parseIp(e.address)?.fam;
}

/** The smallest packet of a protocol: IP header plus the protocol's own header. */
function minimumSize(proto: 'tcp' | 'udp' | 'icmp', fam: 4 | 6): number {
  return (fam === 4 ? 20 : 40) + (proto === 'tcp' ? 20 : 8);
}

function readRun(v: unknown, path: Path, origin: Origin, proto: 'tcp' | 'udp' | 'icmp', fam: 4 | 6): PacketRun {
  const r = mapping(v, path, origin, `a run of packets (${RUN_FIELDS.join(', ')})`);
  onlyKeys(r, RUN_FIELDS, path, origin, 'a field of a run');
  const count = r.count === undefined ? 1 : integer(r.count, [...path, 'count'], origin, 1, 100_000_000, 'a number of packets, at least 1');
  const min = minimumSize(proto, fam);
  const what = `IPv${fam} ${proto} packets of ${min} to ${MAX_PACKET} bytes (IP header included)`;
  if ((r.size === undefined) === (r.bytes === undefined)) {
    throw errorAt(origin, path, 'exactly one of size (bytes of each packet) and bytes (bytes of the whole run)', r.size === undefined ? 'neither' : 'both');
  }
  let bytes: number;
  if (r.size !== undefined) {
    bytes = integer(r.size, [...path, 'size'], origin, min, MAX_PACKET, `a packet size in bytes: ${what}`) * count;
  } else {
    bytes = integer(r.bytes, [...path, 'bytes'], origin, min * count, MAX_PACKET * count, `a number of bytes that makes ${count} ${what}`);
  }
  let flags = 0;
  if (r.flags !== undefined) {
    if (proto !== 'tcp') throw errorAt(origin, [...path, 'flags'], 'no flags (they apply to tcp only)', describeValue(r.flags));
    flags = readFlags(r.flags, [...path, 'flags'], origin);
  } else if (proto === 'tcp') {
    flags = FLAG_BITS.ACK!;
  }
  return {
    count, bytes, flags,
    after: r.after === undefined ? 0 : readDuration(r.after, [...path, 'after'], origin),
    over: r.over === undefined ? 0 : readDuration(r.over, [...path, 'over'], origin),
  };
}

/** TCP flags as names joined by | or + (SYN, SYN|ACK, FIN+ACK), or their number from 0 to 255. */
function readFlags(v: unknown, path: Path, origin: Origin): number {
  const expected = `TCP flags: names among ${Object.keys(FLAG_BITS).join(', ')} joined by | (such as SYN|ACK), or a number from 0 to 255`;
  if (typeof v === 'number') return integer(v, path, origin, 0, 255, expected);
  if (typeof v !== 'string' || v.trim() === '') throw errorAt(origin, path, expected, describeValue(v));
  let bits = 0;
  for (const name of v.split(/[|+]/)) {
    const b = FLAG_BITS[name.trim().toUpperCase()];
    if (b === undefined) throw errorAt(origin, path, expected, describeValue(v));
    bits |= b;
  }
  return bits;
}
