/**
 * The whole modelled account in one region: every resource by id, plus the
 * indexes the data plane needs. `version` moves on every change, so compiled
 * rules know when to rebuild.
 */
import type {
  Address, Bucket, DeliveryStream, FlowLog, Instance, InternetGateway, LogGroup, NatGateway, NetworkAcl,
  NetworkInterface, RouteTable, SecurityGroup, Subnet, Vpc,
} from './types.ts';

export interface LogicalEntry { type: string; physicalId: string }

export class Network {
  readonly vpcs = new Map<string, Vpc>();
  readonly subnets = new Map<string, Subnet>();
  readonly routeTables = new Map<string, RouteTable>();
  readonly internetGateways = new Map<string, InternetGateway>();
  readonly natGateways = new Map<string, NatGateway>();
  readonly addresses = new Map<string, Address>();
  readonly networkAcls = new Map<string, NetworkAcl>();
  readonly securityGroups = new Map<string, SecurityGroup>();
  readonly interfaces = new Map<string, NetworkInterface>();
  readonly instances = new Map<string, Instance>();
  readonly flowLogs = new Map<string, FlowLog>();
  readonly logGroups = new Map<string, LogGroup>();
  readonly buckets = new Map<string, Bucket>();
  readonly deliveryStreams = new Map<string, DeliveryStream>();
  /** Template logical id → physical id, for messages and explain output. */
  readonly logical = new Map<string, LogicalEntry>();
  /** Bumped by every change; compiled views compare it. */
  version = 0;

  constructor(readonly account: string, readonly region: string) {}

  touch(): void {
    this.version++;
  }

  /** The logical id a physical id came from, if any. */
  logicalIdOf(physicalId: string): string | undefined {
    for (const [k, v] of this.logical) if (v.physicalId === physicalId) return k;
    const maps = [this.vpcs, this.subnets, this.routeTables, this.internetGateways, this.natGateways, this.networkAcls,
      this.securityGroups, this.interfaces, this.instances, this.flowLogs] as const;
    for (const m of maps) {
      const r = (m as Map<string, { logicalId?: string | undefined }>).get(physicalId);
      if (r) return r.logicalId;
    }
    return this.addresses.get(physicalId)?.logicalId;
  }

  routeTableOf(subnet: Subnet): RouteTable {
    const id = subnet.routeTableId ?? this.vpcs.get(subnet.vpcId)!.mainRouteTableId;
    return this.routeTables.get(id)!;
  }

  /** Interfaces in a VPC in a stable order (creation order). */
  interfacesIn(vpcId: string): NetworkInterface[] {
    return [...this.interfaces.values()].filter((e) => e.vpcId === vpcId);
  }
}
