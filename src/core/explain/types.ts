/** The shapes of explain's answer (the `--json` contract). */
import type { IpAddr } from '../net/ip.ts';
import type { NetworkInterface } from '../model/types.ts';
import type { Params } from '../ec2/params.ts';

/** One side of the question, already resolved to an address (and the interface holding it, if any). */
export interface Party {
  label: string;
  addr: IpAddr;
  eni?: NetworkInterface | undefined;
}

export interface Question {
  from: Party;
  to: Party;
  proto: 'tcp' | 'udp' | 'icmp';
  port: number;
  sport: number;
  /** Epoch seconds the question is asked at. */
  time: number;
}

export interface Hop {
  type: string;
  id: string;
  logicalId?: string | undefined;
  direction?: string | undefined;
  verdict: 'allow' | 'deny';
  ruleNumber?: number | undefined;
  ruleId?: string | undefined;
  reason: string;
}

export interface Blocker {
  type: 'security-group' | 'network-acl' | 'route' | 'internet-gateway' | 'nat-gateway' | 'interface';
  id: string;
  logicalId?: string | undefined;
  direction?: 'inbound' | 'outbound' | undefined;
  ruleNumber?: number | undefined;
  reason: string;
  /** Why, for denies that are not a rule: no-route, no-return-route, no-public-ip, … */
  code?: string | undefined;
}

export interface Leg {
  leg: 'request' | 'response';
  verdict: 'ACCEPT' | 'REJECT';
  /** Packet as sent: "172.31.60.10:40000 → 172.31.50.10:3306". */
  packet: string;
  hops: Hop[];
  blockedBy: Blocker[];
  /** Set when the leg could not be evaluated (the request never reached anyone). */
  note?: string | undefined;
}

export interface Fix {
  /** What a person would do, in one sentence. */
  text: string;
  /** The same as an EC2 action, usable in a scenario's `changes`. */
  action: string;
  params: Params;
}

export interface Explanation {
  verdict: 'ACCEPT' | 'REJECT';
  from: { label: string; address: string; interfaceId?: string | undefined };
  to: { label: string; address: string; interfaceId?: string | undefined };
  protocol: string;
  port: number;
  legs: Leg[];
  fix: Fix[];
}
