/** Shared set-up for the simulator's tests: the two-tier network, items with defaults, a run that records every packet. */
import type { Packet } from '../dataplane/packet.ts';
import { parseIp } from '../net/ip.ts';
import type { EndpointRef, IcmpItem, ScanItem, TcpItem, TrafficItem, UdpItem } from '../scenario/types.ts';
import { type TwoTier, twoTier } from '../testing/two-tier.ts';
import type { DataPlane } from './dataplane.ts';
import { FakeDataPlane } from './fake-dataplane.ts';
import { type SimulationHooks, type SimulationTotals, type TrafficSettings, simulate } from './simulate.ts';

export const START = 1767225600;
export const HOME = '198.51.100.7';

export function ref(name: string): EndpointRef {
  if (parseIp(name)) return { kind: 'address', address: name };
  if (name === 'home') return { kind: 'host', name, address: HOME };
  return { kind: 'logical', logicalId: name };
}

const base = { at: 0, repeat: 1, every: 0, place: 'traffic[0]' };

export function tcp(from: string, to: string, port: number, more: Partial<TcpItem> = {}): TcpItem {
  return { ...base, kind: 'tcp', from: ref(from), to: ref(to), port, request: 0, response: 0, duration: 0, retries: 6, ...more };
}

export function udp(from: string, to: string, port: number, more: Partial<UdpItem> = {}): UdpItem {
  return { ...base, kind: 'udp', from: ref(from), to: ref(to), port, request: 48, response: 48, ...more };
}

export function icmp(from: string, to: string, more: Partial<IcmpItem> = {}): IcmpItem {
  return { ...base, kind: 'icmp', from: ref(from), to: ref(to), count: 4, size: 56, ...more };
}

export function scan(from: string, to: string, ports: number[], more: Partial<ScanItem> = {}): ScanItem {
  return { ...base, kind: 'scan', from: ref(from), to: ref(to), ports, proto: 'tcp', rate: 100, ...more };
}

export interface Run {
  net: TwoTier;
  packets: Packet[];
  totals: SimulationTotals;
}

/** Runs items over the two-tier network with a fake data plane (or one made from the network). */
export function run(
  traffic: TrafficItem[],
  opts: { settings?: Partial<TrafficSettings>; drop?: (p: Packet) => boolean; plane?: (t: TwoTier) => DataPlane; hooks?: SimulationHooks; net?: TwoTier } = {},
): Run {
  const t = opts.net ?? twoTier();
  const packets: Packet[] = [];
  const plane = opts.plane?.(t) ?? new FakeDataPlane(t.net, opts.drop, ['172.31.0.2', '169.254.169.254']);
  const settings: TrafficSettings = { start: START, seed: 1, hosts: { home: HOME }, listen: {}, traffic, changes: [], ...opts.settings };
  const totals = simulate({ settings, network: t.net, dataPlane: plane }, {
    ...opts.hooks,
    onFate: (p, f) => { packets.push(p); opts.hooks?.onFate?.(p, f); },
  });
  return { net: t, packets, totals };
}

/** Seconds after START, rounded to the microsecond so sums of float steps compare exactly. */
export function rel(p: Packet): number {
  return Math.round((p.time - START) * 1e6) / 1e6;
}
