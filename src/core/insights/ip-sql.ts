/**
 * IP functions without DuckDB's inet extension. IPv4: the octets the prefix
 * fixes as text, the octet it cuts as an integer range (see inV4SubnetSql).
 * IPv6: the address written out as 32 hex digits (`::` expanded, an embedded
 * IPv4 tail turned into two groups) compared as text with the subnet's first
 * and last address in the same form; both bounds are computed here.
 */
import { parseCidr, type Cidr } from '../net/cidr.ts';
import { toBigInt } from '../net/ip.ts';

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
export const IPV4_PATTERN = `${OCTET}(\\.${OCTET}){3}`;

const H16 = '[0-9a-f]{1,4}';
const LS32 = `(${H16}:${H16}|${IPV4_PATTERN})`;
/** RFC 3986's IPv6address rule, for lower-case text. */
export const IPV6_PATTERN = '(' + [
  `(${H16}:){6}${LS32}`,
  `::(${H16}:){5}${LS32}`,
  `(${H16})?::(${H16}:){4}${LS32}`,
  `((${H16}:){0,1}${H16})?::(${H16}:){3}${LS32}`,
  `((${H16}:){0,2}${H16})?::(${H16}:){2}${LS32}`,
  `((${H16}:){0,3}${H16})?::${H16}:${LS32}`,
  `((${H16}:){0,4}${H16})?::${LS32}`,
  `((${H16}:){0,5}${H16})?::${H16}`,
  `((${H16}:){0,6}${H16})?::`,
].join('|') + ')';

export const isIpv4Sql = (s: string): string => `coalesce(regexp_full_match(${s}, '${IPV4_PATTERN}'), false)`;
export const isIpv6Sql = (s: string): string => `coalesce(regexp_full_match(lower(${s}), '${IPV6_PATTERN}'), false)`;

/** 32 lower-case hex digits of a valid IPv6 text. */
export function ipv6HexSql(s: string): string {
  const t = `lower(${s})`;
  const v4 = `regexp_extract(${t}, '[0-9.]+$')`;
  const part = (i: number): string => `TRY_CAST(split_part(${v4}, '.', ${i}) AS BIGINT)`;
  const t2 = `(CASE WHEN contains(${t}, '.') THEN regexp_replace(${t}, '[0-9.]+$', '') || printf('%x:%x', ${part(1)} * 256 + ${part(2)}, ${part(3)} * 256 + ${part(4)}) ELSE ${t} END)`;
  const head = `split_part(${t2}, '::', 1)`;
  const tail = `(CASE WHEN contains(${t2}, '::') THEN split_part(${t2}, '::', 2) ELSE '' END)`;
  const groups = (x: string): string => `(CASE WHEN ${x} = '' THEN CAST([] AS VARCHAR[]) ELSE string_split(${x}, ':') END)`;
  const hex = (x: string): string => `array_to_string(list_transform(${groups(x)}, lambda g: lpad(g, 4, '0')), '')`;
  return `(${hex(head)} || repeat('0000', CAST(8 - len(${groups(head)}) - len(${groups(tail)}) AS BIGINT)) || ${hex(tail)})`;
}

const hex32 = (v: bigint): string => v.toString(16).padStart(32, '0');

/**
 * IPv4: valid dotted quads have no leading zeros, so an address of a.b.0.0/17
 * is the text "a.b." followed by a valid octet within the prefix's range for
 * its third number (an integer comparison) and one more valid octet. Testing
 * the fixed text first keeps the check as cheap as a prefix match for most
 * events, and exact for all.
 */
function inV4SubnetSql(s: string, c: Cidr): string {
  const whole = Math.floor(c.prefix / 8);
  const octets = c.base.text.split('.');
  const fixed = octets.slice(0, whole).join('.');
  if (whole === 4) return `coalesce(${s} = '${fixed}', false)`;
  const rest = whole ? `substr(${s}, ${fixed.length + 2})` : s;
  const restPattern = `${OCTET}(\\.${OCTET}){${3 - whole}}`;
  const bits = c.prefix % 8;
  const lo = Number(octets[whole]);
  const range = bits ? ` AND TRY_CAST(split_part(${rest}, '.', 1) AS INTEGER) BETWEEN ${lo} AND ${lo + 2 ** (8 - bits) - 1}` : '';
  const exact = `coalesce(regexp_full_match(${rest}, '${restPattern}')${range}, false)`;
  return whole ? `(CASE WHEN starts_with(${s}, '${fixed}.') THEN ${exact} ELSE false END)` : exact;
}

/** Whether the text is an address of the subnet's family inside it. */
export function inSubnetSql(s: string, c: Cidr): string {
  const base = toBigInt(c.base);
  const last = base | ((1n << BigInt(128 - c.prefix)) - 1n);
  if (c.fam === 4) return inV4SubnetSql(s, c);
  return `coalesce(${isIpv6Sql(s)} AND ${ipv6HexSql(s)} BETWEEN '${hex32(base)}' AND '${hex32(last)}', false)`;
}

/** A subnet in CIDR notation, or undefined. */
export function subnet(text: string): Cidr | undefined {
  return parseCidr(text.trim());
}
