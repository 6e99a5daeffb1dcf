/** Network interfaces: address assignment, security groups, attachment. */
import { cidrAddress, cidrContains, cidrSize } from '../net/cidr.ts';
import { type IpAddr, fromBigInt, toBigInt } from '../net/ip.ts';
import type { NetworkInterface, Subnet } from '../model/types.ts';
import type { CreateOptions, Ec2Context } from './context.ts';
import { Ec2Error, invalidParam, notFound } from './errors.ts';
import { type Params, ipParam, list, optBool, optInt, optStr, str, strList, tagsFor } from './params.ts';
import { getSecurityGroup } from './security-groups.ts';
import { getSubnet } from './subnets.ts';

/** AWS's default connection-tracking idle timeouts, in seconds. */
export const DEFAULT_CONNTRACK = { tcpEstablished: 432000, udp: 30, udpStream: 180 } as const;

export function getInterface(ctx: Ec2Context, id: string): NetworkInterface {
  const e = ctx.net.interfaces.get(id);
  if (!e) throw notFound('InvalidNetworkInterfaceID.NotFound', 'network interface', id);
  return e;
}

function usedAddresses(ctx: Ec2Context, subnet: Subnet): Set<string> {
  const used = new Set<string>();
  for (const e of ctx.net.interfaces.values()) {
    if (e.subnetId !== subnet.id) continue;
    for (const a of e.privateIps) used.add(a.text);
    for (const a of e.ipv6Ips) used.add(a.text);
  }
  return used;
}

/** The first four and the last address of a subnet belong to AWS. */
export function isReserved(subnet: Subnet, a: IpAddr): boolean {
  const block = a.fam === 4 ? subnet.cidr : subnet.ipv6Cidr;
  if (!block) return false;
  const off = toBigInt(a) - toBigInt(block.base);
  return off < 4n || off === cidrSize(block) - 1n;
}

function checkAddress(ctx: Ec2Context, subnet: Subnet, a: IpAddr, used: Set<string>): void {
  const block = a.fam === 4 ? subnet.cidr : subnet.ipv6Cidr;
  if (!block || !cidrContains(block, a)) {
    throw new Ec2Error('InvalidParameterValue', `Address ${a.text} does not fall within the subnet's address range (${block?.text ?? 'no IPv6 block'})`);
  }
  if (isReserved(subnet, a)) throw new Ec2Error('InvalidParameterValue', `Address ${a.text} is in subnet's reserved address range`);
  if (used.has(a.text)) throw new Ec2Error('InvalidIPAddress.InUse', `Address ${a.text} is in use.`);
}

/** The lowest free IPv4 address of the subnet, skipping the reserved ones. */
function freeIpv4(subnet: Subnet, used: Set<string>): IpAddr {
  const size = Number(cidrSize(subnet.cidr));
  for (let off = 4; off < size - 1; off++) {
    const a = cidrAddress(subnet.cidr, off);
    if (!used.has(a.text)) return a;
  }
  throw new Ec2Error('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`);
}

/** An IPv6 address with an interface id derived from a stable key (AWS picks them at random). */
function freeIpv6(subnet: Subnet, key: string, used: Set<string>): IpAddr {
  const block = subnet.ipv6Cidr!;
  let h = 0n;
  for (const ch of key) h = (h * 131n + BigInt(ch.charCodeAt(0))) & 0xffffffffffffffffn;
  for (;;) {
    const a = fromBigInt(6, toBigInt(block.base) + (h | 0x100n));
    if (!used.has(a.text) && !isReserved(subnet, a)) return a;
    h = (h + 1n) & 0xffffffffffffffffn;
  }
}

export interface InterfaceSpec {
  subnetId: string;
  privateIp?: string | undefined;
  secondaryIps?: string[];
  secondaryCount?: number | undefined;
  ipv6Ips?: string[];
  ipv6Count?: number | undefined;
  groups?: string[];
  description?: string | undefined;
  interfaceType?: NetworkInterface['interfaceType'];
  requesterManaged?: boolean;
}

export function buildInterface(ctx: Ec2Context, spec: InterfaceSpec, opts: CreateOptions = {}): NetworkInterface {
  const subnet = getSubnet(ctx, spec.subnetId);
  const vpc = ctx.net.vpcs.get(subnet.vpcId)!;
  const id = opts.id ?? ctx.newId('eni', opts.logicalId ?? `eni#${ctx.net.interfaces.size}`);
  if (ctx.net.interfaces.has(id)) throw new Ec2Error('InvalidParameterValue', `Network interface id ${id} is already in use`);
  const used = usedAddresses(ctx, subnet);
  const privateIps: IpAddr[] = [];
  const take = (text: string | undefined, name: string) => {
    const a = text ? ipParam(text, name) : freeIpv4(subnet, used);
    if (a.fam !== 4) throw invalidParam(`${name} must be an IPv4 address, found ${a.text}`);
    checkAddress(ctx, subnet, a, used);
    used.add(a.text);
    privateIps.push(a);
  };
  take(spec.privateIp, 'PrivateIpAddress');
  for (const s of spec.secondaryIps ?? []) take(s, 'PrivateIpAddresses');
  for (let i = 0; i < (spec.secondaryCount ?? 0); i++) take(undefined, 'SecondaryPrivateIpAddressCount');
  const ipv6Ips: IpAddr[] = [];
  const wantV6 = (spec.ipv6Ips?.length ?? 0) + (spec.ipv6Count ?? 0) + (subnet.assignIpv6AddressOnCreation && !spec.ipv6Ips?.length && !spec.ipv6Count ? 1 : 0);
  if (wantV6 > 0 && !subnet.ipv6Cidr) throw invalidParam(`Subnet ${subnet.id} has no IPv6 CIDR block, so interfaces in it cannot have IPv6 addresses`);
  for (const t of spec.ipv6Ips ?? []) {
    const a = ipParam(t, 'Ipv6Addresses');
    checkAddress(ctx, subnet, a, used);
    used.add(a.text);
    ipv6Ips.push(a);
  }
  for (let i = ipv6Ips.length; i < wantV6; i++) {
    const a = freeIpv6(subnet, `${id}/${i}`, used);
    used.add(a.text);
    ipv6Ips.push(a);
  }
  const groups = spec.groups?.length ? [...spec.groups] : spec.interfaceType === 'nat_gateway' ? [] : [vpc.defaultSecurityGroupId];
  for (const g of groups) {
    const sg = getSecurityGroup(ctx, g);
    if (sg.vpcId !== vpc.id) throw invalidParam(`Security group ${g} and subnet ${subnet.id} belong to different networks.`);
  }
  const eni: NetworkInterface = {
    id, logicalId: opts.logicalId, tags: [], subnetId: subnet.id, vpcId: vpc.id, privateIps, ipv6Ips, groups,
    interfaceType: spec.interfaceType ?? 'interface', requesterManaged: spec.requesterManaged ?? false,
    sourceDestCheck: true, description: spec.description ?? '', connTracking: { ...DEFAULT_CONNTRACK },
  };
  ctx.net.interfaces.set(id, eni);
  ctx.net.touch();
  return eni;
}

export function createNetworkInterface(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): NetworkInterface {
  const addrs = list(p, 'PrivateIpAddresses') as Params[];
  const primary = optStr(p, 'PrivateIpAddress') ?? (addrs.find((a) => optBool(a, 'Primary'))?.PrivateIpAddress as string | undefined);
  const eni = buildInterface(ctx, {
    subnetId: str(p, 'SubnetId'),
    privateIp: primary,
    secondaryIps: addrs.map((a) => String(a.PrivateIpAddress)).filter((a) => a !== primary),
    secondaryCount: optInt(p, 'SecondaryPrivateIpAddressCount'),
    ipv6Ips: (list(p, 'Ipv6Addresses') as Params[]).map((a) => String(a.Ipv6Address ?? a)),
    ipv6Count: optInt(p, 'Ipv6AddressCount'),
    groups: strList(p, 'Groups'),
    description: optStr(p, 'Description'),
  }, opts);
  eni.tags = tagsFor(p, 'network-interface');
  const ct = p.ConnectionTrackingSpecification as Params | undefined;
  if (ct) applyConnTracking(eni, ct);
  return eni;
}

function applyConnTracking(eni: NetworkInterface, ct: Params): void {
  const bound = (name: string, lo: number, hi: number, into: keyof NetworkInterface['connTracking']) => {
    const v = optInt(ct, name);
    if (v === undefined) return;
    if (v < lo || v > hi) throw invalidParam(`${name} must be between ${lo} and ${hi} seconds, found ${v}`);
    eni.connTracking[into] = v;
  };
  bound('TcpEstablishedTimeout', 60, 432000, 'tcpEstablished');
  bound('UdpTimeout', 30, 60, 'udp');
  bound('UdpStreamTimeout', 60, 180, 'udpStream');
}

export function modifyNetworkInterfaceAttribute(ctx: Ec2Context, p: Params): NetworkInterface {
  const eni = getInterface(ctx, str(p, 'NetworkInterfaceId'));
  const groups = strList(p, 'Groups');
  if (groups.length) {
    for (const g of groups) {
      const sg = getSecurityGroup(ctx, g);
      if (sg.vpcId !== eni.vpcId) throw invalidParam(`Security group ${g} and interface ${eni.id} belong to different networks.`);
    }
    eni.groups = groups;
  }
  const sdc = optBool(p, 'SourceDestCheck');
  if (sdc !== undefined) eni.sourceDestCheck = sdc;
  const d = p.Description as Params | string | undefined;
  if (d !== undefined) eni.description = typeof d === 'string' ? d : String(d.Value ?? '');
  const ct = p.ConnectionTrackingSpecification as Params | undefined;
  if (ct) applyConnTracking(eni, ct);
  ctx.net.touch();
  return eni;
}

export function attachNetworkInterface(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): string {
  const eni = getInterface(ctx, str(p, 'NetworkInterfaceId'));
  const instanceId = str(p, 'InstanceId');
  const inst = ctx.net.instances.get(instanceId);
  if (!inst) throw notFound('InvalidInstanceID.NotFound', 'instance', instanceId);
  const deviceIndex = optInt(p, 'DeviceIndex') ?? inst.eniIds.length;
  if (eni.instanceId) throw new Ec2Error('InvalidNetworkInterface.InUse', `Interface: [${eni.id}] in use.`);
  const other = ctx.net.subnets.get(eni.subnetId)!;
  if (other.az !== ctx.net.subnets.get(inst.subnetId)!.az) throw invalidParam(`Interface ${eni.id} is in a different availability zone from instance ${inst.id}`);
  if (inst.eniIds.some((id) => ctx.net.interfaces.get(id)?.deviceIndex === deviceIndex)) {
    throw new Ec2Error('InvalidParameterValue', `Instance '${inst.id}' already has an interface attached at device index '${deviceIndex}'.`);
  }
  eni.instanceId = inst.id;
  eni.deviceIndex = deviceIndex;
  eni.attachmentId = opts.id ?? ctx.newId('eniAttach', opts.logicalId ?? `${eni.id}/${inst.id}`);
  inst.eniIds.push(eni.id);
  ctx.net.touch();
  return eni.attachmentId;
}

export function deleteNetworkInterface(ctx: Ec2Context, p: Params): void {
  const eni = getInterface(ctx, str(p, 'NetworkInterfaceId'));
  if (eni.instanceId) throw new Ec2Error('InvalidNetworkInterface.InUse', `The network interface '${eni.id}' is currently in use.`);
  if (eni.requesterManaged) throw new Ec2Error('OperationNotPermitted', `You do not have permission to access the specified resource: ${eni.id} is managed by AWS.`);
  ctx.net.interfaces.delete(eni.id);
  ctx.net.touch();
}
