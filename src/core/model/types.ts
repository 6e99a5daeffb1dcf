/**
 * The VPC control plane as AWS keeps it: plain records, no behaviour. The EC2
 * actions in core/ec2 are the only code that changes them; the data plane
 * compiles them into matchers.
 */
import type { Cidr } from '../net/cidr.ts';
import type { IpAddr } from '../net/ip.ts';

export interface Tag { Key: string; Value: string }

/** Fields every resource shares: its id, the template's name for it, its tags. */
export interface Resource {
  id: string;
  logicalId?: string | undefined;
  tags: Tag[];
}

export interface Vpc extends Resource {
  cidrs: Cidr[];
  ipv6Cidrs: Cidr[];
  mainRouteTableId: string;
  defaultNetworkAclId: string;
  defaultSecurityGroupId: string;
  enableDnsSupport: boolean;
}

export interface Subnet extends Resource {
  vpcId: string;
  cidr: Cidr;
  ipv6Cidr?: Cidr | undefined;
  az: string;
  azId: string;
  mapPublicIpOnLaunch: boolean;
  assignIpv6AddressOnCreation: boolean;
  networkAclId: string;
  networkAclAssociationId: string;
  /** Explicit route table association; the VPC's main table otherwise. */
  routeTableId?: string | undefined;
  routeTableAssociationId?: string | undefined;
}

export type RouteTargetKind =
  | 'local' | 'igw' | 'nat' | 'eni' | 'instance'
  /** Targets that lead out of the modelled network (VPN, peering, TGW, endpoints, egress-only IGW). */
  | 'vgw' | 'pcx' | 'tgw' | 'vpce' | 'eigw' | 'other';

export interface RouteTarget { kind: RouteTargetKind; id?: string | undefined }

export interface Route {
  dest: Cidr;
  target: RouteTarget;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTable extends Resource {
  vpcId: string;
  routes: Route[];
}

export interface InternetGateway extends Resource {
  vpcId?: string | undefined;
}

export interface NatGateway extends Resource {
  subnetId: string;
  eniId: string;
  connectivity: 'public' | 'private';
  allocationId?: string | undefined;
  state: 'available' | 'deleted';
}

/** An Elastic IP (or, with `ephemeral`, a public address given at launch). */
export interface Address {
  allocationId: string;
  publicIp: IpAddr;
  logicalId?: string | undefined;
  eniId?: string | undefined;
  privateIp?: IpAddr | undefined;
  associationId?: string | undefined;
  tags: Tag[];
}

export type RuleAction = 'allow' | 'deny';

export interface NaclEntry {
  ruleNumber: number;
  egress: boolean;
  /** IANA number, -1 for all. */
  protocol: number;
  action: RuleAction;
  cidr: Cidr;
  portFrom?: number | undefined;
  portTo?: number | undefined;
  icmpType?: number | undefined;
  icmpCode?: number | undefined;
}

export interface NetworkAcl extends Resource {
  vpcId: string;
  isDefault: boolean;
  entries: NaclEntry[];
}

export type SgPeer =
  | { kind: 'cidr'; cidr: Cidr }
  | { kind: 'sg'; groupId: string; userId?: string | undefined }
  | { kind: 'prefix-list'; id: string };

export interface SgRule {
  id: string;
  /** IANA number, -1 for all. */
  protocol: number;
  /** Port range for TCP/UDP; ICMP type (from) and code (to); -1 means all. */
  fromPort: number;
  toPort: number;
  peer: SgPeer;
  description?: string | undefined;
}

export interface SecurityGroup extends Resource {
  vpcId: string;
  name: string;
  description: string;
  ingress: SgRule[];
  egress: SgRule[];
}

export interface ConnTrackTimeouts {
  tcpEstablished: number;
  udp: number;
  udpStream: number;
}

export interface NetworkInterface extends Resource {
  subnetId: string;
  vpcId: string;
  /** Primary first. */
  privateIps: IpAddr[];
  ipv6Ips: IpAddr[];
  groups: string[];
  instanceId?: string | undefined;
  deviceIndex?: number | undefined;
  attachmentId?: string | undefined;
  interfaceType: 'interface' | 'nat_gateway';
  /** Interfaces AWS services create for themselves (NAT gateways) carry no instance id. */
  requesterManaged: boolean;
  sourceDestCheck: boolean;
  description: string;
  /** Public IPv4 (Elastic IP or launch-time public address) the internet gateway maps to the primary private address. */
  publicIp?: IpAddr | undefined;
  publicIpAllocationId?: string | undefined;
  connTracking: ConnTrackTimeouts;
}

export interface Instance extends Resource {
  subnetId: string;
  eniIds: string[];
  instanceType: string;
  state: 'running' | 'terminated';
}

export type FlowLogResourceType = 'VPC' | 'Subnet' | 'NetworkInterface';
export type TrafficType = 'ACCEPT' | 'REJECT' | 'ALL';
export type LogDestinationType = 'cloud-watch-logs' | 's3' | 'kinesis-data-firehose';

export interface FlowLog extends Resource {
  resourceType: FlowLogResourceType;
  resourceId: string;
  trafficType: TrafficType;
  destinationType: LogDestinationType;
  /** ARN of the log group, bucket (with optional prefix) or delivery stream. */
  logDestination: string;
  logGroupName?: string | undefined;
  deliverLogsPermissionArn?: string | undefined;
  logFormat: string;
  maxAggregationInterval: 60 | 600;
  fileFormat: 'plain-text' | 'parquet';
  hiveCompatiblePartitions: boolean;
  perHourPartition: boolean;
  /** Milliseconds since the epoch (simulated clock). */
  creationTime: number;
}

export interface LogGroup { name: string; logicalId?: string | undefined; retentionInDays?: number | undefined }
export interface Bucket { name: string; logicalId?: string | undefined }
export interface DeliveryStream { name: string; logicalId?: string | undefined }
