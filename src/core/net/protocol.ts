/** IANA protocol numbers and the names AWS accepts for them. */
export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMPV6 = 58;
/** AWS writes "-1" (or "all") for every protocol. */
export const ALL_PROTOCOLS = -1;

const NAMES: Record<string, number> = { tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6, all: ALL_PROTOCOLS, '-1': ALL_PROTOCOLS };

/** Parses a protocol as the EC2 API takes it (name or number); undefined when invalid. */
export function parseProtocol(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= -1 && v <= 255 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s in NAMES) return NAMES[s];
  if (!/^-?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= -1 && n <= 255 ? n : undefined;
}

export function protocolName(p: number): string {
  switch (p) {
    case TCP: return 'tcp';
    case UDP: return 'udp';
    case ICMP: return 'icmp';
    case ICMPV6: return 'icmpv6';
    case ALL_PROTOCOLS: return 'all';
    default: return String(p);
  }
}

/** Whether the protocol has ports (rules with other protocols match every port). */
export function hasPorts(p: number): boolean {
  return p === TCP || p === UDP;
}

export function isIcmp(p: number): boolean {
  return p === ICMP || p === ICMPV6;
}

/** TCP flag bits as on the wire. */
export const FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20;
