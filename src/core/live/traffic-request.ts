/**
 * The body of `POST /_vpcflow/traffic` (and of `vpcflow traffic FILE`): the
 * scenario's `traffic` list, with optional `hosts` and `listen` beside it, read
 * by the scenario's own readers so that every item means what it means in a
 * scenario file, and every mistake is reported the same way.
 */
import type { Network } from '../model/network.ts';
import { readHosts, readListen } from '../scenario/compile.ts';
import { describeValue, isMapping } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import { mapping, onlyKeys, text } from '../scenario/read.ts';
import { readTraffic } from '../scenario/traffic.ts';
import type { TrafficItem } from '../scenario/types.ts';

export const TRAFFIC_REQUEST_FIELDS = ['traffic', 'hosts', 'listen', 'region'] as const;

export interface TrafficRequest {
  /** Items with `at` counted from the request's arrival, and `place` as written (`traffic[0]`). */
  items: TrafficItem[];
  hosts: Record<string, string>;
  listen: Record<string, number[]>;
}

/** The region a request names, if any (read before the network is known, since it picks the network). */
export function requestedRegion(body: unknown, origin: Origin): string | undefined {
  if (!isMapping(body) || body.region === undefined) return undefined;
  return text(body.region, ['region'], origin, 'a region name');
}

export function readTrafficRequest(body: unknown, origin: Origin, net: Network): TrafficRequest {
  const doc = mapping(body, [], origin, 'a traffic request: {"traffic": [ … ], "hosts": { … }, "listen": { … }}');
  onlyKeys(doc, TRAFFIC_REQUEST_FIELDS, [], origin, 'a traffic request field');
  if (!Array.isArray(doc.traffic)) throw errorAt(origin, ['traffic'], 'a list of traffic items', describeValue(doc.traffic));
  const hosts = readHosts(doc.hosts, origin, net);
  const listen = readListen(doc.listen, origin, hosts, net);
  return { items: readTraffic(doc.traffic, origin, hosts, net), hosts, listen };
}
