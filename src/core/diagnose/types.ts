/** The shapes of `vpcflow diagnose`: flow log records in, findings out (the `--json` contract). */
import type { Fix } from '../explain/types.ts';

/** One flow log record, as the store gives it (`-` fields absent). */
export interface FlowRecord {
  interfaceId: string;
  srcaddr: string;
  dstaddr: string;
  srcport: number;
  dstport: number;
  protocol: number;
  action: 'ACCEPT' | 'REJECT';
  /** Epoch seconds. */
  start: number;
  end: number;
  packets: number;
  /** `flow-direction` when the format has it. */
  direction?: 'ingress' | 'egress' | undefined;
  /** `pkt-srcaddr` / `pkt-dstaddr` when the format has them. */
  pktSrcaddr?: string | undefined;
  pktDstaddr?: string | undefined;
}

/** Records of one aggregation key (interface, addresses, ports, protocol, action), merged; direction as seen by the interface. */
export interface Flow extends FlowRecord {
  direction: 'ingress' | 'egress';
  records: number;
}

export type Cause =
  | 'network-acl' | 'security-group' | 'security-group-or-network-acl' | 'port-scan'
  | 'route' | 'internet-gateway' | 'nat-gateway' | 'interface' | 'not-reproduced' | 'unknown';

export interface Finding {
  srcaddr: string;
  dstaddr: string;
  srcport: number;
  dstport: number;
  protocol: number;
  interfaceId: string;
  /** Direction of the rejected traffic at the interface. */
  direction: 'ingress' | 'egress';
  cause: Cause;
  detail: string;
  /** The connection the rejected traffic belongs to: who opened it, and whether the reject hit the request or the response. */
  rejected: 'request' | 'response';
  start: number;
  end: number;
  records: number;
  /** For a scan: the ports probed and the interfaces probed. */
  ports?: number[] | undefined;
  interfaceIds?: string[] | undefined;
  aclId?: string | undefined;
  ruleNumber?: number | undefined;
  aclDirection?: 'inbound' | 'outbound' | undefined;
  groupIds?: string[] | undefined;
  fix?: Fix[] | undefined;
}
