/**
 * IP addresses as four 32-bit words, so that matching a packet against a CIDR
 * never allocates. IPv4 uses only `w3`; the family keeps v4 and v6 apart
 * (AWS never lets an IPv4 rule match IPv6 traffic, or the reverse).
 */
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface IpAddr {
  readonly fam: Family;
  readonly w0: number;
  readonly w1: number;
  readonly w2: number;
  readonly w3: number;
  /** Canonical text: dotted quad, or RFC 5952 for IPv6. */
  readonly text: string;
}

const cache = new Map<string, IpAddr>();

function make(fam: Family, w0: number, w1: number, w2: number, w3: number): IpAddr {
  const words = [w0 >>> 0, w1 >>> 0, w2 >>> 0, w3 >>> 0] as const;
  const text = fam === 4 ? v4Text(words[3]) : v6Text(words);
  const known = cache.get(text);
  if (known) return known;
  const ip: IpAddr = Object.freeze({ fam, w0: words[0], w1: words[1], w2: words[2], w3: words[3], text });
  cache.set(text, ip);
  return ip;
}

function v4Text(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function v6Text(w: readonly number[]): string {
  const parts: number[] = [];
  for (const x of w) parts.push(x >>> 16, x & 0xffff);
  return new ipaddr.IPv6(parts).toRFC5952String();
}

/** Parses an IPv4 or IPv6 address; `undefined` when the text is not one. */
export function parseIp(text: string): IpAddr | undefined {
  const hit = cache.get(text);
  if (hit) return hit;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const o = text.split('.').map(Number);
    if (o.some((x) => x > 255)) return undefined;
    return make(4, 0, 0, 0, ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0);
  }
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return undefined;
  const p = ipaddr.IPv6.parse(text).parts;
  return make(6, (p[0]! << 16) | p[1]!, (p[2]! << 16) | p[3]!, (p[4]! << 16) | p[5]!, (p[6]! << 16) | p[7]!);
}

/** Like parseIp, but throws with the offending text. */
export function ip(text: string): IpAddr {
  const r = parseIp(text);
  if (!r) throw new Error(`not an IP address: ${JSON.stringify(text)}`);
  return r;
}

export function ipv4FromNumber(n: number): IpAddr {
  return make(4, 0, 0, 0, n >>> 0);
}

export function ipFromWords(fam: Family, w0: number, w1: number, w2: number, w3: number): IpAddr {
  return make(fam, w0, w1, w2, w3);
}

/** Adds `n` (which may be large) to an address, carrying across words. */
export function addToIp(a: IpAddr, n: number): IpAddr {
  if (a.fam === 4) return make(4, 0, 0, 0, (a.w3 + n) >>> 0);
  let big = toBigInt(a) + BigInt(n);
  big &= (1n << 128n) - 1n;
  return fromBigInt(6, big);
}

export function toBigInt(a: IpAddr): bigint {
  return (BigInt(a.w0) << 96n) | (BigInt(a.w1) << 64n) | (BigInt(a.w2) << 32n) | BigInt(a.w3);
}

export function fromBigInt(fam: Family, v: bigint): IpAddr {
  const m = 0xffffffffn;
  return make(fam, Number((v >> 96n) & m), Number((v >> 64n) & m), Number((v >> 32n) & m), Number(v & m));
}

export function compareIp(a: IpAddr, b: IpAddr): number {
  return a.fam - b.fam || a.w0 - b.w0 || a.w1 - b.w1 || a.w2 - b.w2 || a.w3 - b.w3;
}

/** Private (RFC 1918 / ULA / link-local) addresses never reach the internet. */
export function isPrivate(a: IpAddr): boolean {
  if (a.fam === 4) {
    const n = a.w3;
    return (n >>> 24) === 10 || (n >>> 20) === (172 << 4 | 1) || (n >>> 16) === ((192 << 8) | 168) ||
      (n >>> 16) === ((169 << 8) | 254) || (n >>> 24) === 127 || (n >>> 22) === ((100 << 2) | 1);
  }
  return (a.w0 >>> 25) === (0xfc00 >>> 9) || (a.w0 >>> 22) === (0xfe80 >>> 6) || (a.w0 === 0 && a.w1 === 0 && a.w2 === 0);
}
