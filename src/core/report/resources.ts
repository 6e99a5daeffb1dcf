/**
 * `resources.json`: every resource of the run with its logical id, CloudFormation
 * type and physical id — template resources first (in template order, ignored
 * types included with no physical id), then what AWS created on its own
 * (main route tables, default ACLs and groups, NAT gateway interfaces).
 * Interfaces carry their subnet, addresses and security groups.
 */
import type { Network } from '../model/network.ts';
import type { FlowLog, NetworkInterface } from '../model/types.ts';

export interface ResourceEntry {
  logicalId: string | null;
  type: string;
  physicalId: string | null;
  [detail: string]: unknown;
}

function interfaceDetails(net: Network, e: NetworkInterface): Record<string, unknown> {
  return {
    vpcId: e.vpcId, subnetId: e.subnetId, availabilityZone: net.subnets.get(e.subnetId)?.az,
    privateIpAddresses: e.privateIps.map((a) => a.text), ipv6Addresses: e.ipv6Ips.map((a) => a.text),
    publicIp: e.publicIp?.text ?? null, securityGroups: e.groups, instanceId: e.instanceId ?? null,
    interfaceType: e.interfaceType, requesterManaged: e.requesterManaged,
  };
}

/** What a reader of the delivered records needs: above all the format (CloudWatch and Firehose records carry no header). */
function flowLogDetails(fl: FlowLog): Record<string, unknown> {
  return {
    resourceType: fl.resourceType, resourceId: fl.resourceId, trafficType: fl.trafficType, logDestinationType: fl.destinationType,
    logDestination: fl.logDestination, logGroupName: fl.logGroupName ?? null, logFormat: fl.logFormat,
    maxAggregationInterval: fl.maxAggregationInterval,
    ...(fl.destinationType === 's3' ? { destinationOptions: { fileFormat: fl.fileFormat, hiveCompatiblePartitions: fl.hiveCompatiblePartitions, perHourPartition: fl.perHourPartition } } : {}),
  };
}

export function buildResources(net: Network, ignored: ReadonlySet<string> = new Set()): { account: string; region: string; resources: ResourceEntry[] } {
  const out: ResourceEntry[] = [];
  const listed = new Set<string>();
  for (const [logicalId, { type, physicalId }] of net.logical) {
    const entry: ResourceEntry = { logicalId, type, physicalId: ignored.has(type) ? null : physicalId };
    if (ignored.has(type)) entry.ignored = true;
    const inst = net.instances.get(physicalId);
    if (inst) {
      entry.interfaces = inst.eniIds.map((id) => ({ networkInterfaceId: id, ...interfaceDetails(net, net.interfaces.get(id)!) }));
    }
    const eni = net.interfaces.get(physicalId);
    if (eni) Object.assign(entry, interfaceDetails(net, eni));
    const nat = net.natGateways.get(physicalId);
    if (nat) entry.networkInterfaceId = nat.eniId;
    const fl = net.flowLogs.get(physicalId);
    if (fl) Object.assign(entry, flowLogDetails(fl));
    const sub = net.subnets.get(physicalId);
    if (sub) Object.assign(entry, { vpcId: sub.vpcId, cidrBlock: sub.cidr.text, availabilityZone: sub.az, availabilityZoneId: sub.azId });
    out.push(entry);
    listed.add(physicalId);
  }
  const implicit = (type: string, id: string, extra: Record<string, unknown> = {}) => {
    if (!listed.has(id)) { out.push({ logicalId: null, type, physicalId: id, ...extra }); listed.add(id); }
  };
  for (const v of net.vpcs.values()) {
    implicit('AWS::EC2::RouteTable', v.mainRouteTableId, { vpcId: v.id, main: true });
    implicit('AWS::EC2::NetworkAcl', v.defaultNetworkAclId, { vpcId: v.id, default: true });
    implicit('AWS::EC2::SecurityGroup', v.defaultSecurityGroupId, { vpcId: v.id, default: true });
  }
  for (const e of net.interfaces.values()) {
    // Instances' interfaces are listed under their instance; others (NAT gateways, …) here.
    const underInstance = e.instanceId !== undefined && listed.has(e.instanceId);
    if (!underInstance) implicit('AWS::EC2::NetworkInterface', e.id, interfaceDetails(net, e));
  }
  for (const fl of net.flowLogs.values()) implicit('AWS::EC2::FlowLog', fl.id, flowLogDetails(fl));
  return { account: net.account, region: net.region, resources: out };
}
