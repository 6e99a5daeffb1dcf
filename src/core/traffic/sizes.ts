/**
 * IP packet sizes (header included, as flow logs count bytes) of a Linux host
 * on a 1500-byte MTU.
 */
import type { Family } from '../net/ip.ts';
import { MTU } from './constants.ts';

const TCP_HEADER = 20;
/** MSS, SACK-permitted, timestamps and window scale, padded: what Linux puts on a SYN. */
const TCP_SYN_OPTIONS = 20;
/** The timestamp option (10 bytes, padded) on every other segment. */
const TCP_TIMESTAMPS = 12;
/** nmap's SYN probes carry only the MSS option, and the answer mirrors it. */
const TCP_MSS_OPTION = 4;
const UDP_HEADER = 8;
const ICMP_HEADER = 8;

export function ipHeader(fam: Family): number {
  return fam === 4 ? 20 : 40;
}

export function synSize(fam: Family): number {
  return ipHeader(fam) + TCP_HEADER + TCP_SYN_OPTIONS;
}

/** A segment after the handshake, with `payload` bytes of data (0 for a pure ACK or FIN). */
export function segmentSize(fam: Family, payload: number): number {
  return ipHeader(fam) + TCP_HEADER + TCP_TIMESTAMPS + payload;
}

/** Data bytes per full segment: 1448 for IPv4, 1428 for IPv6. */
export function maxSegmentPayload(fam: Family): number {
  return MTU - segmentSize(fam, 0);
}

/** A RST carries no options. */
export function rstSize(fam: Family): number {
  return ipHeader(fam) + TCP_HEADER;
}

export function probeSynSize(fam: Family): number {
  return ipHeader(fam) + TCP_HEADER + TCP_MSS_OPTION;
}

export function udpSize(fam: Family, payload: number): number {
  return ipHeader(fam) + UDP_HEADER + payload;
}

/** 1472 for IPv4, 1452 for IPv6: larger payloads go in several datagrams. */
export function maxUdpPayload(fam: Family): number {
  return MTU - udpSize(fam, 0);
}

/** An echo request or reply with `data` bytes, or an error quoting `data` bytes of the offending packet. */
export function icmpSize(fam: Family, data: number): number {
  return ipHeader(fam) + ICMP_HEADER + data;
}

/** How `total` bytes are cut into pieces of at most `max`: the count, and the size of the last one. */
export function split(total: number, max: number): { count: number; last: number } {
  if (total <= 0) return { count: 0, last: 0 };
  const count = Math.ceil(total / max);
  return { count, last: total - (count - 1) * max };
}
