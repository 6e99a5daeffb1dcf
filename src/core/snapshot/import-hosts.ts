/** Security groups, network interfaces, instances and NAT gateways of a snapshot, into the model as they are. */
import { DEFAULT_CONNTRACK } from '../ec2/interfaces.ts';
import type { Network } from '../model/network.ts';
import type { IpAddr } from '../net/ip.ts';
import type { NetworkInterface } from '../model/types.ts';
import { type Obj, Place, bool, ipAt, isObj, list, optInt, optStr, str, tagsOf } from './fields.ts';
import { sgRules } from './rules.ts';

export function importSecurityGroups(net: Network, doc: Obj, root: Place): void {
  for (const { item, at: a } of list(doc, 'SecurityGroups', root, false)) {
    const id = str(item, 'GroupId', a);
    const at = a.named(id);
    const vpcId = str(item, 'VpcId', at);
    if (!net.vpcs.has(vpcId)) throw at.at('VpcId').fail('the id of a VPC in Vpcs', vpcId);
    const rules = (key: string, dir: string) => list(item, key, at).flatMap(({ item: p, at: pa }, i) =>
      sgRules(p, pa, (n) => `${id}/${dir}/${i}.${n}`));
    net.securityGroups.set(id, {
      id, tags: tagsOf(item, at), vpcId, name: str(item, 'GroupName', at), description: optStr(item, 'Description', at) ?? '',
      ingress: rules('IpPermissions', 'in'), egress: rules('IpPermissionsEgress', 'out'),
    });
  }
}

function privateIps(item: Obj, at: Place): IpAddr[] {
  const all = list(item, 'PrivateIpAddresses', at).map(({ item: p, at: pa }) => ({ ip: ipAt(p, 'PrivateIpAddress', pa), primary: p.Primary === true }));
  all.sort((x, y) => Number(y.primary) - Number(x.primary));
  const ips = all.map((x) => x.ip);
  if (ips.length === 0) ips.push(ipAt(item, 'PrivateIpAddress', at));
  return ips;
}

export function importInterfaces(net: Network, doc: Obj, root: Place): void {
  for (const { item, at: a } of list(doc, 'NetworkInterfaces', root, false)) {
    const id = str(item, 'NetworkInterfaceId', a);
    const at = a.named(id);
    const subnet = net.subnets.get(str(item, 'SubnetId', at));
    if (!subnet) throw at.at('SubnetId').fail('the id of a subnet in Subnets', item.SubnetId);
    const groups = list(item, 'Groups', at).map(({ item: g, at: ga }) => {
      const gid = str(g, 'GroupId', ga);
      if (!net.securityGroups.has(gid)) throw ga.at('GroupId').fail('the id of a security group in SecurityGroups', gid);
      return gid;
    });
    const attachment = isObj(item.Attachment) ? item.Attachment : undefined;
    const assoc = isObj(item.Association) ? item.Association : undefined;
    const type = optStr(item, 'InterfaceType', at) ?? 'interface';
    const eni: NetworkInterface = {
      id, tags: tagsOf(item, at), subnetId: subnet.id, vpcId: subnet.vpcId, privateIps: privateIps(item, at),
      ipv6Ips: list(item, 'Ipv6Addresses', at).map(({ item: v, at: va }) => ipAt(v, 'Ipv6Address', va)),
      groups, instanceId: attachment ? optStr(attachment, 'InstanceId', at.at('Attachment')) : undefined,
      deviceIndex: attachment ? optInt(attachment, 'DeviceIndex', at.at('Attachment')) : undefined,
      attachmentId: attachment ? optStr(attachment, 'AttachmentId', at.at('Attachment')) : undefined,
      interfaceType: type === 'nat_gateway' ? 'nat_gateway' : 'interface',
      requesterManaged: bool(item, 'RequesterManaged', at, false), sourceDestCheck: bool(item, 'SourceDestCheck', at, true),
      description: optStr(item, 'Description', at) ?? '',
      publicIp: assoc?.PublicIp !== undefined ? ipAt(assoc, 'PublicIp', at.at('Association')) : undefined,
      publicIpAllocationId: assoc ? optStr(assoc, 'AllocationId', at.at('Association')) : undefined,
      connTracking: { ...DEFAULT_CONNTRACK },
    };
    net.interfaces.set(id, eni);
    if (eni.publicIp && eni.publicIpAllocationId) {
      net.addresses.set(eni.publicIpAllocationId, {
        allocationId: eni.publicIpAllocationId, publicIp: eni.publicIp, eniId: id, privateIp: eni.privateIps[0],
        associationId: assoc ? optStr(assoc, 'AssociationId', at.at('Association')) : undefined, tags: [],
      });
    }
  }
}

/** Instances from Reservations, else one per instance id the interfaces are attached to. */
export function importInstances(net: Network, doc: Obj, root: Place): void {
  const seen = new Set<string>();
  for (const { item: r, at: ra } of list(doc, 'Reservations', root)) {
    for (const { item, at: a } of list(r, 'Instances', ra, false)) {
      const id = str(item, 'InstanceId', a);
      const at = a.named(id);
      const state = isObj(item.State) ? item.State.Name : undefined;
      if (state === 'terminated' || state === 'shutting-down') continue;
      const subnetId = optStr(item, 'SubnetId', at);
      const eniIds = list(item, 'NetworkInterfaces', at).map(({ item: n, at: na }) => {
        const eid = str(n, 'NetworkInterfaceId', na);
        if (!net.interfaces.has(eid)) throw na.at('NetworkInterfaceId').fail('the id of an interface in NetworkInterfaces', eid);
        return eid;
      });
      net.instances.set(id, { id, tags: tagsOf(item, at), subnetId: subnetId ?? '', eniIds, instanceType: optStr(item, 'InstanceType', at) ?? 'unknown', state: 'running' });
      seen.add(id);
    }
  }
  for (const eni of net.interfaces.values()) {
    if (!eni.instanceId || seen.has(eni.instanceId)) continue;
    const existing = net.instances.get(eni.instanceId);
    if (existing) existing.eniIds.push(eni.id);
    else net.instances.set(eni.instanceId, { id: eni.instanceId, tags: [], subnetId: eni.subnetId, eniIds: [eni.id], instanceType: 'unknown', state: 'running' });
  }
  for (const inst of net.instances.values()) {
    const idx = (e: string) => net.interfaces.get(e)?.deviceIndex ?? 99;
    inst.eniIds.sort((x, y) => idx(x) - idx(y));
    if (inst.subnetId === '' && inst.eniIds[0]) inst.subnetId = net.interfaces.get(inst.eniIds[0])!.subnetId;
    for (const e of inst.eniIds) net.interfaces.get(e)!.instanceId = inst.id;
  }
}

/** NAT gateways from NatGateways, else from the requester-managed interfaces AWS made for them. */
export function importNatGateways(net: Network, doc: Obj, root: Place): void {
  for (const { item, at: a } of list(doc, 'NatGateways', root)) {
    const id = str(item, 'NatGatewayId', a);
    const at = a.named(id);
    if (item.State === 'deleted' || item.State === 'deleting' || item.State === 'failed') continue;
    const addr = list(item, 'NatGatewayAddresses', at, false).find(({ item: x }) => x.IsPrimary !== false);
    if (!addr) throw at.at('NatGatewayAddresses').fail('at least one address', item.NatGatewayAddresses);
    const eniId = str(addr.item, 'NetworkInterfaceId', addr.at);
    if (!net.interfaces.has(eniId)) throw addr.at.at('NetworkInterfaceId').fail('the id of an interface in NetworkInterfaces', eniId);
    net.natGateways.set(id, {
      id, tags: tagsOf(item, at), subnetId: str(item, 'SubnetId', at), eniId,
      connectivity: item.ConnectivityType === 'private' ? 'private' : 'public',
      allocationId: optStr(addr.item, 'AllocationId', addr.at), state: 'available',
    });
  }
  for (const eni of net.interfaces.values()) {
    if (eni.interfaceType !== 'nat_gateway' || [...net.natGateways.values()].some((n) => n.eniId === eni.id)) continue;
    const m = /nat-[0-9a-f]+/.exec(eni.description);
    if (!m) continue;
    net.natGateways.set(m[0], {
      id: m[0], tags: [], subnetId: eni.subnetId, eniId: eni.id, connectivity: eni.publicIp ? 'public' : 'private',
      allocationId: eni.publicIpAllocationId, state: 'available',
    });
  }
}

/** Instances and interfaces are named by their ids in scenarios, and by a unique Name tag. */
export function registerEndpoints(net: Network): void {
  const add = (key: string, type: string, physicalId: string) => {
    if (!net.logical.has(key)) net.logical.set(key, { type, physicalId });
  };
  for (const i of net.instances.values()) add(i.id, 'AWS::EC2::Instance', i.id);
  for (const e of net.interfaces.values()) add(e.id, 'AWS::EC2::NetworkInterface', e.id);
  const names = new Map<string, { type: string; id: string }[]>();
  const named = (tags: { Key: string; Value: string }[], type: string, id: string) => {
    const n = tags.find((t) => t.Key === 'Name')?.Value;
    if (n && /^[A-Za-z][\w.-]*$/.test(n)) names.set(n, [...(names.get(n) ?? []), { type, id }]);
  };
  for (const i of net.instances.values()) named(i.tags, 'AWS::EC2::Instance', i.id);
  for (const e of net.interfaces.values()) if (!e.instanceId) named(e.tags, 'AWS::EC2::NetworkInterface', e.id);
  for (const [n, list1] of names) if (list1.length === 1) add(n, list1[0]!.type, list1[0]!.id);
}
