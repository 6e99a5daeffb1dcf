/**
 * `pkt-src-aws-service` / `pkt-dst-aws-service`: which AWS service an address
 * belongs to, according to AWS's published ip-ranges.json. The file lists every
 * block under the catch-all `AMAZON` and again under a specific service (EC2,
 * S3, …); a record shows one name, and a specific service is more useful than
 * `AMAZON`, so any specific service wins, the longest such prefix first.
 *
 * Lookups happen once per record per address, but the user may load AWS's full
 * file (thousands of prefixes), so they walk a binary trie: at most 32 steps for
 * IPv4 and 128 for IPv6, no allocation.
 */
import { parseCidr } from '../net/cidr.ts';
import type { IpAddr } from '../net/ip.ts';

/** AWS's ip-ranges.json, as published (extra keys are ignored). */
export interface IpRangesJson {
  syncToken: string;
  createDate: string;
  prefixes: { ip_prefix: string; region: string; service: string; network_border_group?: string }[];
  ipv6_prefixes: { ipv6_prefix: string; region: string; service: string; network_border_group?: string }[];
}

export interface AwsServiceLookup {
  /** The service name for an address, or null when it is not in any AWS range. */
  serviceOf(addr: IpAddr): string | null;
}

const AMAZON = 'AMAZON';
const NONE = -1;

class BitTrie {
  private readonly zero: number[] = [NONE];
  private readonly one: number[] = [NONE];
  /** Index into the service names of the first specific service listed for the node's prefix. */
  private readonly service: number[] = [NONE];
  private readonly amazon: boolean[] = [false];

  insert(addr: IpAddr, bits: number, service: number | 'amazon'): void {
    let node = 0;
    for (let i = 0; i < bits; i++) {
      const side = bitAt(addr, i) === 0 ? this.zero : this.one;
      let next = side[node]!;
      if (next === NONE) {
        next = this.zero.length;
        this.zero.push(NONE);
        this.one.push(NONE);
        this.service.push(NONE);
        this.amazon.push(false);
        side[node] = next;
      }
      node = next;
    }
    if (service === 'amazon') this.amazon[node] = true;
    // The same prefix is sometimes listed for two specific services; keeping the
    // first one listed makes the answer depend only on the file.
    else if (this.service[node] === NONE) this.service[node] = service;
  }

  /** Returns the deepest specific service, -2 when only AMAZON matched, NONE when nothing did. */
  find(addr: IpAddr, width: number): number {
    let node = 0;
    let best = NONE;
    let sawAmazon = false;
    for (let i = 0; ; i++) {
      if (this.service[node] !== NONE) best = this.service[node]!;
      if (this.amazon[node]) sawAmazon = true;
      if (i === width) break;
      node = (bitAt(addr, i) === 0 ? this.zero : this.one)[node]!;
      if (node === NONE) break;
    }
    return best !== NONE ? best : sawAmazon ? -2 : NONE;
  }
}

/** Bit `i` counted from the most significant bit of the address (IPv4 lives in w3). */
function bitAt(a: IpAddr, i: number): number {
  if (a.fam === 4) return (a.w3 >>> (31 - i)) & 1;
  const word = i < 32 ? a.w0 : i < 64 ? a.w1 : i < 96 ? a.w2 : a.w3;
  return (word >>> (31 - (i & 31))) & 1;
}

export class AwsServiceIndex implements AwsServiceLookup {
  private readonly names: string[] = [];
  private readonly byName = new Map<string, number>();
  private readonly v4 = new BitTrie();
  private readonly v6 = new BitTrie();
  /** Number of prefixes loaded, for messages. */
  size = 0;

  add(prefix: string, service: string): void {
    const c = parseCidr(prefix);
    if (!c) throw new Error(`ip-ranges: ${JSON.stringify(prefix)} is not a CIDR block`);
    const trie = c.fam === 4 ? this.v4 : this.v6;
    if (service === AMAZON) {
      trie.insert(c.base, c.prefix, 'amazon');
    } else {
      let idx = this.byName.get(service);
      if (idx === undefined) {
        idx = this.names.length;
        this.names.push(service);
        this.byName.set(service, idx);
      }
      trie.insert(c.base, c.prefix, idx);
    }
    this.size++;
  }

  serviceOf(addr: IpAddr): string | null {
    const r = addr.fam === 4 ? this.v4.find(addr, 32) : this.v6.find(addr, 128);
    return r >= 0 ? this.names[r]! : r === -2 ? AMAZON : null;
  }
}

/** Builds the lookup from a parsed ip-ranges.json; throws on a malformed document. */
export function buildAwsServiceIndex(json: IpRangesJson): AwsServiceIndex {
  if (!json || !Array.isArray(json.prefixes)) throw new Error('ip-ranges: expected an object with a "prefixes" array (AWS ip-ranges.json)');
  const index = new AwsServiceIndex();
  for (const p of json.prefixes) {
    if (typeof p?.ip_prefix !== 'string' || typeof p.service !== 'string') throw new Error(`ip-ranges: bad entry ${JSON.stringify(p)} in "prefixes"`);
    index.add(p.ip_prefix, p.service);
  }
  for (const p of json.ipv6_prefixes ?? []) {
    if (typeof p?.ipv6_prefix !== 'string' || typeof p.service !== 'string') throw new Error(`ip-ranges: bad entry ${JSON.stringify(p)} in "ipv6_prefixes"`);
    index.add(p.ipv6_prefix, p.service);
  }
  return index;
}

/** A lookup that knows no AWS ranges: every address reads `-`. */
export const NO_AWS_SERVICES: AwsServiceLookup = { serviceOf: () => null };
