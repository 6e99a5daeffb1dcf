/** The `traffic` list (SCENARIO.md §3): four kinds of item, their fields and defaults. */
import type { Network } from '../model/network.ts';
import { describeValue } from './describe.ts';
import { readDuration } from './durations.ts';
import { endpointKey, resolveEndpoint } from './endpoints.ts';
import { type Origin, errorAt } from './origin.ts';
import type { Path } from './path.ts';
import { readPorts } from './ports.ts';
import { integer, list, mapping, onlyKeys } from './read.ts';
import type { TrafficItem } from './types.ts';

const KINDS = ['tcp', 'udp', 'icmp', 'scan'] as const;
type Kind = (typeof KINDS)[number];

/** Fields shared by every kind; `repeat`, `every` and `sport` may also sit beside `at`. */
const COMMON = ['from', 'to', 'sport', 'repeat', 'every'];
const FIELDS: Record<Kind, string[]> = {
  tcp: [...COMMON, 'port', 'request', 'response', 'duration', 'retries'],
  udp: [...COMMON, 'port', 'request', 'response'],
  icmp: [...COMMON, 'count', 'size'],
  scan: [...COMMON, 'ports', 'proto', 'rate'],
};
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
  }
}
