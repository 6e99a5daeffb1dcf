/** What flows through the data plane, and what it reports back. */
import type { IpAddr } from '../net/ip.ts';
import type { NetworkInterface } from '../model/types.ts';

export interface Packet {
  /** Simulated time, seconds since the epoch (fractions allowed). */
  time: number;
  src: IpAddr;
  dst: IpAddr;
  /** IANA protocol number. */
  protocol: number;
  /** Ports for TCP/UDP, 0 otherwise. */
  sport: number;
  dport: number;
  /** Raw TCP flag bits (FIN 1, SYN 2, RST 4, PSH 8, ACK 16, URG 32). */
  flags: number;
  /** ICMP type and code, -1 when not ICMP. */
  icmpType: number;
  icmpCode: number;
  /** IP bytes, header included. */
  size: number;
  /**
   * Optional per-connection, per-direction scratch space the engine uses to
   * remember this flow's tracking entries; a sender that reuses one object for
   * all packets of a connection direction spares the engine its table lookups.
   */
  flow?: FlowCache | undefined;
}

export interface FlowCache {
  out?: unknown;
  in?: unknown;
  /** The engine's memo of this flow's stateless decisions (route, ACLs, addresses). */
  path?: unknown;
}

/**
 * A FlowCache with every field present from the start: the engine then meets
 * one shape of cache, whatever it has filled in yet (caches made as `{}` took
 * up to five, which made its field reads polymorphic on the per-packet path).
 */
export function newFlowCache(): FlowCache {
  return { out: undefined, in: undefined, path: undefined };
}

export type Action = 'ACCEPT' | 'REJECT';
export type Direction = 'ingress' | 'egress';

/**
 * One interface's view of one packet: what a flow log on that interface counts.
 * `srcaddr`/`dstaddr` follow AWS's rules (the interface's primary private address
 * replaces a translated or secondary one); `pktSrcaddr`/`pktDstaddr` are the packet's own.
 */
export interface Observation {
  time: number;
  eni: NetworkInterface;
  direction: Direction;
  action: Action;
  srcaddr: IpAddr;
  dstaddr: IpAddr;
  pktSrcaddr: IpAddr;
  pktDstaddr: IpAddr;
  srcport: number;
  dstport: number;
  protocol: number;
  bytes: number;
  tcpFlags: number;
  /** Egress only: AWS's traffic-path code (1 same VPC, 2 IGW, …, 8 IGW on Nitro); undefined otherwise. */
  trafficPath?: number | undefined;
  /**
   * When set, every observation with this ref has the same interface, direction,
   * action, addresses, ports and protocol (the flow log aggregation key), so a
   * consumer may remember where it counted the last one (see FlowRef).
   */
  ref?: FlowRef | undefined;
}

/** Stands for one aggregation key; `cache` is the consumer's to use (the aggregator keeps its place in it). */
export interface FlowRef {
  cache: unknown;
}

/** The component that took a decision on the packet's way. */
export type ComponentType = 'security-group' | 'network-acl' | 'route' | 'internet-gateway' | 'nat-gateway' | 'interface' | 'aws-service';

export interface Decision {
  type: ComponentType;
  /** Physical id: sg-…, acl-…, rtb-…, igw-…, nat-…, eni-…. */
  id: string;
  direction?: Direction | 'inbound' | 'outbound' | undefined;
  verdict: 'allow' | 'deny';
  /** Network ACL rule number (32767/32768 for the final `*` rule). */
  ruleNumber?: number | undefined;
  /** Security group rule id that allowed it, or 'tracked' for a reply of a tracked connection. */
  ruleId?: string | undefined;
  /** Human sentence, for explain and diagnose. */
  reason: string;
  /** Machine-readable cause for denies that are not a rule (explain derives fixes from it). */
  code?: DenyCode | undefined;
}

export type DenyCode =
  | 'no-route' | 'blackhole' | 'no-return-route' | 'no-public-ip' | 'no-igw' | 'no-public-target'
  | 'unsolicited' | 'private-nat' | 'source-dest-check' | 'no-interface' | 'routing-loop';

export type Endpoint =
  | { kind: 'eni'; eni: NetworkInterface }
  | { kind: 'internet' }
  | { kind: 'aws-service'; what: string };

export interface Fate {
  delivered: boolean;
  /** Where it arrived (when delivered), and the packet as the receiver sees it (after address translation). */
  to?: Endpoint | undefined;
  arrived?: Packet | undefined;
  observations: Observation[];
  decisions: Decision[];
  /** The first deny, when not delivered. */
  blockedBy?: Decision | undefined;
}
