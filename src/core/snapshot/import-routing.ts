/** VPCs, internet gateways, subnets, route tables and network ACLs of a snapshot, into the model as they are. */
import type { Network } from '../model/network.ts';
import type { Route, RouteTarget } from '../model/types.ts';
import { type Obj, Place, bool, cidrAt, list, optStr, str, tagsOf } from './fields.ts';
import { naclEntry } from './rules.ts';

export interface Item { item: Obj; at: Place }

/** Main route table, default ACL and default group per VPC, looked up before the VPCs are written. */
export function importVpcs(net: Network, doc: Obj, root: Place): void {
  const tables = list(doc, 'RouteTables', root, false);
  const acls = list(doc, 'NetworkAcls', root, false);
  const groups = list(doc, 'SecurityGroups', root, false);
  for (const { item, at: a } of list(doc, 'Vpcs', root, false)) {
    const id = str(item, 'VpcId', a);
    const at = a.named(id);
    const cidrs = list(item, 'CidrBlockAssociationSet', at)
      .filter(({ item: c }) => !['disassociated', 'disassociating', 'failed'].includes(String((c.CidrBlockState as Obj | undefined)?.State ?? 'associated')))
      .map(({ item: c, at: ca }) => cidrAt(c, 'CidrBlock', ca, 4));
    if (cidrs.length === 0) cidrs.push(cidrAt(item, 'CidrBlock', at, 4));
    const ipv6Cidrs = list(item, 'Ipv6CidrBlockAssociationSet', at).map(({ item: c, at: ca }) => cidrAt(c, 'Ipv6CidrBlock', ca, 6));
    const main = tables.find(({ item: t }) => t.VpcId === id && Array.isArray(t.Associations) && (t.Associations as Obj[]).some((x) => x?.Main === true));
    if (!main) throw at.fail('a route table in RouteTables with a Main association for this VPC', 'none');
    const acl = acls.find(({ item: n }) => n.VpcId === id && n.IsDefault === true);
    if (!acl) throw at.fail('a network ACL in NetworkAcls with IsDefault true for this VPC', 'none');
    const sg = groups.find(({ item: g }) => g.VpcId === id && g.GroupName === 'default');
    if (!sg) throw at.fail('a security group named "default" in SecurityGroups for this VPC', 'none');
    net.vpcs.set(id, {
      id, tags: tagsOf(item, at), cidrs, ipv6Cidrs,
      mainRouteTableId: str(main.item, 'RouteTableId', main.at), defaultNetworkAclId: str(acl.item, 'NetworkAclId', acl.at),
      defaultSecurityGroupId: str(sg.item, 'GroupId', sg.at), enableDnsSupport: true,
    });
  }
}

export function importInternetGateways(net: Network, doc: Obj, root: Place): void {
  for (const { item, at: a } of list(doc, 'InternetGateways', root)) {
    const id = str(item, 'InternetGatewayId', a);
    const at = a.named(id);
    const attached = list(item, 'Attachments', at).find(({ item: x }) => x.State === undefined || x.State === 'available' || x.State === 'attached');
    const vpcId = attached ? str(attached.item, 'VpcId', attached.at) : undefined;
    net.internetGateways.set(id, { id, tags: tagsOf(item, at), vpcId });
  }
}

export function importSubnets(net: Network, doc: Obj, root: Place): void {
  for (const { item, at: a } of list(doc, 'Subnets', root, false)) {
    const id = str(item, 'SubnetId', a);
    const at = a.named(id);
    const vpc = net.vpcs.get(str(item, 'VpcId', at));
    if (!vpc) throw at.at('VpcId').fail('the id of a VPC in Vpcs', item.VpcId);
    const v6 = list(item, 'Ipv6CidrBlockAssociationSet', at)[0];
    net.subnets.set(id, {
      id, tags: tagsOf(item, at), vpcId: vpc.id, cidr: cidrAt(item, 'CidrBlock', at, 4),
      ipv6Cidr: v6 ? cidrAt(v6.item, 'Ipv6CidrBlock', v6.at, 6) : undefined,
      az: str(item, 'AvailabilityZone', at), azId: optStr(item, 'AvailabilityZoneId', at) ?? str(item, 'AvailabilityZone', at),
      mapPublicIpOnLaunch: bool(item, 'MapPublicIpOnLaunch', at, false),
      assignIpv6AddressOnCreation: bool(item, 'AssignIpv6AddressOnCreation', at, false),
      networkAclId: vpc.defaultNetworkAclId, networkAclAssociationId: `aclassoc-of-${id}`,
    });
  }
}

function routeTarget(r: Obj, at: Place): RouteTarget {
  const gw = optStr(r, 'GatewayId', at);
  if (gw === 'local') return { kind: 'local' };
  if (gw?.startsWith('igw-')) return { kind: 'igw', id: gw };
  if (gw?.startsWith('vgw-')) return { kind: 'vgw', id: gw };
  if (gw?.startsWith('vpce-')) return { kind: 'vpce', id: gw };
  const by: [string, RouteTarget['kind']][] = [
    ['NatGatewayId', 'nat'], ['InstanceId', 'instance'], ['NetworkInterfaceId', 'eni'], ['VpcPeeringConnectionId', 'pcx'],
    ['TransitGatewayId', 'tgw'], ['EgressOnlyInternetGatewayId', 'eigw'],
  ];
  for (const [key, kind] of by) {
    const id = optStr(r, key, at);
    if (id) return { kind, id };
  }
  return { kind: 'other', id: gw ?? optStr(r, 'CarrierGatewayId', at) ?? optStr(r, 'LocalGatewayId', at) };
}

/** Routes to prefix lists (gateway endpoints) have no CIDR; they are reported back as skipped. */
export function importRouteTables(net: Network, doc: Obj, root: Place, warnings: string[]): void {
  for (const { item, at: a } of list(doc, 'RouteTables', root, false)) {
    const id = str(item, 'RouteTableId', a);
    const at = a.named(id);
    const vpcId = str(item, 'VpcId', at);
    if (!net.vpcs.has(vpcId)) throw at.at('VpcId').fail('the id of a VPC in Vpcs', vpcId);
    const routes: Route[] = [];
    for (const { item: r, at: ra } of list(item, 'Routes', at)) {
      if (r.DestinationCidrBlock === undefined && r.DestinationIpv6CidrBlock === undefined) {
        warnings.push(`${ra.path}: route to ${String(r.DestinationPrefixListId ?? 'a prefix list')} not modelled`);
        continue;
      }
      const dest = r.DestinationCidrBlock !== undefined ? cidrAt(r, 'DestinationCidrBlock', ra, 4) : cidrAt(r, 'DestinationIpv6CidrBlock', ra, 6);
      const target = routeTarget(r, ra);
      routes.push({ dest, target, origin: target.kind === 'local' ? 'CreateRouteTable' : 'CreateRoute' });
    }
    net.routeTables.set(id, { id, tags: tagsOf(item, at), vpcId, routes });
    for (const { item: x, at: xa } of list(item, 'Associations', at)) {
      const subnetId = optStr(x, 'SubnetId', xa);
      if (!subnetId || x.Main === true) continue;
      const subnet = net.subnets.get(subnetId);
      if (!subnet) throw xa.at('SubnetId').fail('the id of a subnet in Subnets', subnetId);
      subnet.routeTableId = id;
      subnet.routeTableAssociationId = optStr(x, 'RouteTableAssociationId', xa);
    }
  }
}

export function importNetworkAcls(net: Network, doc: Obj, root: Place): void {
  for (const { item, at: a } of list(doc, 'NetworkAcls', root, false)) {
    const id = str(item, 'NetworkAclId', a);
    const at = a.named(id);
    const vpcId = str(item, 'VpcId', at);
    if (!net.vpcs.has(vpcId)) throw at.at('VpcId').fail('the id of a VPC in Vpcs', vpcId);
    const entries = list(item, 'Entries', at, false).flatMap(({ item: e, at: ea }) => naclEntry(e, ea) ?? []);
    net.networkAcls.set(id, { id, tags: tagsOf(item, at), vpcId, isDefault: item.IsDefault === true, entries });
    for (const { item: x, at: xa } of list(item, 'Associations', at)) {
      const subnet = net.subnets.get(str(x, 'SubnetId', xa));
      if (!subnet) throw xa.at('SubnetId').fail('the id of a subnet in Subnets', x.SubnetId);
      subnet.networkAclId = id;
      subnet.networkAclAssociationId = optStr(x, 'NetworkAclAssociationId', xa) ?? subnet.networkAclAssociationId;
    }
  }
}
