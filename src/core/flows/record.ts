/**
 * The value of every v2–v8 field for one record. A record is either an
 * aggregated flow (log-status OK) or an interface-level marker (NODATA,
 * SKIPDATA): markers carry `-` in every traffic field, including action, type,
 * tcp-flags and the pkt-* fields (as AWS's v3 and v5 files show), but still name
 * the interface, its VPC, subnet, instance, account, region and AZ.
 */
import type { Action, Direction } from '../dataplane/packet.ts';
import type { IpAddr } from '../net/ip.ts';
import type { Network } from '../model/network.ts';
import type { NetworkInterface } from '../model/types.ts';
import type { AwsServiceLookup } from './aws-services.ts';
import type { FieldValue } from './emitted.ts';

export type LogStatus = 'OK' | 'NODATA' | 'SKIPDATA';

/** What one aggregated flow accumulated during one capture window. */
export interface FlowTotals {
  srcaddr: IpAddr;
  dstaddr: IpAddr;
  pktSrcaddr: IpAddr;
  pktDstaddr: IpAddr;
  srcport: number;
  dstport: number;
  protocol: number;
  direction: Direction;
  action: Action;
  packets: number;
  bytes: number;
  /** Exact times (seconds, fractions allowed) of the first and last packet in the window. */
  first: number;
  last: number;
  /** Already in AWS's reduced form (see tcp-flags.ts), ORed. */
  tcpFlags: number;
  trafficPath: number | undefined;
}

export interface RecordData {
  eni: NetworkInterface;
  status: LogStatus;
  /** `start` and `end`, whole epoch seconds. */
  start: number;
  end: number;
  /** Null for NODATA and SKIPDATA. */
  flow: FlowTotals | null;
}

/** What a record needs to know beyond its flow: the account, region, AZ ids and AWS ranges. */
export interface RecordEnv {
  account: string;
  region: string;
  azIdOf(subnetId: string): string | undefined;
  aws: AwsServiceLookup;
}

export function recordEnvFor(net: Network, aws: AwsServiceLookup): RecordEnv {
  return {
    account: net.account,
    region: net.region,
    azIdOf: (id) => net.subnets.get(id)?.azId,
    aws,
  };
}

export type FieldGetter = (r: RecordData, env: RecordEnv) => FieldValue;

const traffic = (get: (f: FlowTotals, r: RecordData, env: RecordEnv) => FieldValue): FieldGetter =>
  (r, env) => (r.flow ? get(r.flow, r, env) : null);

const dash: FieldGetter = () => null;

/**
 * One getter per field name, except `version`, which depends on the format and
 * is filled in by the formatter. ECS fields are `-` because no ECS task is
 * modelled; reject-reason is `-` because only VPC Block Public Access sets it.
 */
export const FIELD_GETTERS: Readonly<Record<string, FieldGetter>> = {
  'account-id': (_r, env) => env.account,
  'interface-id': (r) => r.eni.id,
  srcaddr: traffic((f) => f.srcaddr.text),
  dstaddr: traffic((f) => f.dstaddr.text),
  srcport: traffic((f) => f.srcport),
  dstport: traffic((f) => f.dstport),
  protocol: traffic((f) => f.protocol),
  packets: traffic((f) => f.packets),
  bytes: traffic((f) => f.bytes),
  start: (r) => r.start,
  end: (r) => r.end,
  action: traffic((f) => f.action),
  'log-status': (r) => r.status,
  'vpc-id': (r) => r.eni.vpcId,
  'subnet-id': (r) => r.eni.subnetId,
  // Requester-managed interfaces (NAT gateways) have no instance the owner can see.
  'instance-id': (r) => r.eni.instanceId ?? null,
  'tcp-flags': traffic((f) => f.tcpFlags),
  type: traffic((f) => (f.srcaddr.fam === 6 ? 'IPv6' : 'IPv4')),
  'pkt-srcaddr': traffic((f) => f.pktSrcaddr.text),
  'pkt-dstaddr': traffic((f) => f.pktDstaddr.text),
  region: (_r, env) => env.region,
  'az-id': (r, env) => env.azIdOf(r.eni.subnetId) ?? null,
  'sublocation-type': dash,
  'sublocation-id': dash,
  'pkt-src-aws-service': traffic((f, _r, env) => env.aws.serviceOf(f.pktSrcaddr)),
  'pkt-dst-aws-service': traffic((f, _r, env) => env.aws.serviceOf(f.pktDstaddr)),
  'flow-direction': traffic((f) => f.direction),
  // AWS documents traffic-path for egress only; ingress reads `-`.
  'traffic-path': traffic((f) => (f.direction === 'egress' ? f.trafficPath ?? null : null)),
  'ecs-cluster-arn': dash,
  'ecs-cluster-name': dash,
  'ecs-container-instance-arn': dash,
  'ecs-container-instance-id': dash,
  'ecs-container-id': dash,
  'ecs-second-container-id': dash,
  'ecs-service-name': dash,
  'ecs-task-definition-arn': dash,
  'ecs-task-arn': dash,
  'ecs-task-id': dash,
  'reject-reason': dash,
};
