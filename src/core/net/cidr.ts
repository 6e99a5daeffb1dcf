/** CIDR blocks, canonicalised as AWS does (host bits cleared). */
import { type Family, type IpAddr, ipFromWords, parseIp, toBigInt, fromBigInt } from './ip.ts';

export interface Cidr {
  readonly fam: Family;
  readonly prefix: number;
  /** Network address (host bits zero). */
  readonly base: IpAddr;
  readonly m0: number;
  readonly m1: number;
  readonly m2: number;
  readonly m3: number;
  readonly text: string;
}

function maskWord(prefix: number, word: number): number {
  const bits = Math.max(0, Math.min(32, prefix - word * 32));
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export function makeCidr(addr: IpAddr, prefix: number): Cidr {
  const fam = addr.fam;
  const off = fam === 4 ? 96 : 0;
  const p = prefix + off;
  const m0 = maskWord(p, 0), m1 = maskWord(p, 1), m2 = maskWord(p, 2), m3 = maskWord(p, 3);
  const base = ipFromWords(fam, (addr.w0 & m0) >>> 0, (addr.w1 & m1) >>> 0, (addr.w2 & m2) >>> 0, (addr.w3 & m3) >>> 0);
  return Object.freeze({ fam, prefix, base, m0, m1, m2, m3, text: `${base.text}/${prefix}` });
}

/** Parses `a.b.c.d/n` or `x::/n` (a bare address is a /32 or /128); undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  const addr = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!addr) return undefined;
  const max = addr.fam === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > max) return undefined;
  }
  return makeCidr(addr, prefix);
}

export function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (!c) throw new Error(`not a CIDR block: ${JSON.stringify(text)}`);
  return c;
}

/** Allocation-free containment test: the hot path of every rule match. */
export function cidrContains(c: Cidr, a: IpAddr): boolean {
  return c.fam === a.fam &&
    ((a.w3 & c.m3) >>> 0) === c.base.w3 &&
    ((a.w2 & c.m2) >>> 0) === c.base.w2 &&
    ((a.w1 & c.m1) >>> 0) === c.base.w1 &&
    ((a.w0 & c.m0) >>> 0) === c.base.w0;
}

export function cidrCoversCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.fam === inner.fam && outer.prefix <= inner.prefix && cidrContains(outer, inner.base);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrCoversCidr(a, b) || cidrCoversCidr(b, a);
}

export function cidrSize(c: Cidr): bigint {
  return 1n << BigInt((c.fam === 4 ? 32 : 128) - c.prefix);
}

/** The address at `offset` inside the block (negative counts from the end). */
export function cidrAddress(c: Cidr, offset: bigint | number): IpAddr {
  const size = cidrSize(c);
  let o = BigInt(offset);
  if (o < 0n) o += size;
  return fromBigInt(c.fam, toBigInt(c.base) + o);
}

/** Whether the CIDR is the "all addresses" block of its family. */
export function isAnyCidr(c: Cidr): boolean {
  return c.prefix === 0;
}
