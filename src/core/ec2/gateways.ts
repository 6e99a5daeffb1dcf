/** Internet gateways, Elastic IPs and NAT gateways. */
import type { Address, InternetGateway, NatGateway, NetworkInterface } from '../model/types.ts';
import type { CreateOptions, Ec2Context } from './context.ts';
import { Ec2Error, invalidParam, notFound } from './errors.ts';
import { buildInterface, getInterface } from './interfaces.ts';
import { type Params, ipParam, optStr, str, tagsFor } from './params.ts';
import { getSubnet } from './subnets.ts';
import { getVpc } from './vpcs.ts';

export function getInternetGateway(ctx: Ec2Context, id: string): InternetGateway {
  const g = ctx.net.internetGateways.get(id);
  if (!g) throw notFound('InvalidInternetGatewayID.NotFound', 'internetGateway', id);
  return g;
}

export function createInternetGateway(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): InternetGateway {
  const id = opts.id ?? ctx.newId('igw', opts.logicalId ?? `igw#${ctx.net.internetGateways.size}`);
  const g: InternetGateway = { id, logicalId: opts.logicalId, tags: tagsFor(p, 'internet-gateway') };
  ctx.net.internetGateways.set(id, g);
  ctx.net.touch();
  return g;
}

export function attachInternetGateway(ctx: Ec2Context, p: Params): void {
  const g = getInternetGateway(ctx, str(p, 'InternetGatewayId'));
  const vpc = getVpc(ctx, str(p, 'VpcId'));
  if (g.vpcId) throw new Ec2Error('Resource.AlreadyAssociated', `resource ${g.id} is already attached to network ${g.vpcId}`);
  const other = [...ctx.net.internetGateways.values()].find((x) => x.vpcId === vpc.id);
  if (other) throw new Ec2Error('Resource.AlreadyAssociated', `network ${vpc.id} already has an internet gateway attached (${other.id})`);
  g.vpcId = vpc.id;
  ctx.net.touch();
}

export function detachInternetGateway(ctx: Ec2Context, p: Params): void {
  const g = getInternetGateway(ctx, str(p, 'InternetGatewayId'));
  const vpcId = str(p, 'VpcId');
  if (g.vpcId !== vpcId) throw new Ec2Error('Gateway.NotAttached', `resource ${g.id} is not attached to network ${vpcId}`);
  g.vpcId = undefined;
  ctx.net.touch();
}

export function deleteInternetGateway(ctx: Ec2Context, p: Params): void {
  const g = getInternetGateway(ctx, str(p, 'InternetGatewayId'));
  if (g.vpcId) throw new Ec2Error('DependencyViolation', `The internetGateway '${g.id}' has dependencies and cannot be deleted.`);
  ctx.net.internetGateways.delete(g.id);
  ctx.net.touch();
}

export function getAddress(ctx: Ec2Context, allocationId: string): Address {
  const a = ctx.net.addresses.get(allocationId);
  if (!a) throw new Ec2Error('InvalidAllocationID.NotFound', `The allocation ID '${allocationId}' does not exist`);
  return a;
}

export function allocateAddress(ctx: Ec2Context, p: Params, opts: CreateOptions & { publicIp?: string | undefined } = {}): Address {
  const key = opts.logicalId ?? `eip#${ctx.net.addresses.size}`;
  const allocationId = opts.id ?? ctx.newId('eip', key);
  const pinned = opts.publicIp ?? optStr(p, 'Address');
  const publicIp = pinned ? ipParam(pinned, 'Address') : ctx.newPublicIp(`eip/${key}`);
  if (publicIp.fam !== 4) throw invalidParam(`Elastic IP addresses are IPv4, found ${publicIp.text}`);
  const a: Address = { allocationId, publicIp, logicalId: opts.logicalId, tags: tagsFor(p, 'elastic-ip') };
  ctx.net.addresses.set(allocationId, a);
  ctx.net.touch();
  return a;
}

/** Maps an Elastic IP onto an interface's (primary) private address; the IGW translates between them. */
export function associateAddress(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): string {
  const allocationId = optStr(p, 'AllocationId') ?? findByPublicIp(ctx, str(p, 'PublicIp')).allocationId;
  const a = getAddress(ctx, allocationId);
  let eni: NetworkInterface;
  const eniId = optStr(p, 'NetworkInterfaceId');
  if (eniId) eni = getInterface(ctx, eniId);
  else {
    const instId = str(p, 'InstanceId');
    const inst = ctx.net.instances.get(instId);
    if (!inst) throw notFound('InvalidInstanceID.NotFound', 'instance', instId);
    eni = getInterface(ctx, inst.eniIds[0]!);
  }
  if (a.eniId && a.eniId !== eni.id && p.AllowReassociation !== true) {
    throw new Ec2Error('Resource.AlreadyAssociated', `resource ${a.allocationId} is already associated with associate-id ${a.associationId}`);
  }
  const privText = optStr(p, 'PrivateIpAddress');
  const priv = privText ? ipParam(privText, 'PrivateIpAddress') : eni.privateIps[0]!;
  if (!eni.privateIps.includes(priv)) throw invalidParam(`The private IP address ${priv.text} is not assigned to interface ${eni.id}`);
  if (a.eniId) unmap(ctx, a);
  a.eniId = eni.id;
  a.privateIp = priv;
  a.associationId = opts.id ?? ctx.newId('eipAssoc', opts.logicalId ?? `${a.allocationId}/${eni.id}`);
  // vpcflow models one public address per interface (on its primary private address).
  eni.publicIp = a.publicIp;
  eni.publicIpAllocationId = a.allocationId;
  ctx.net.touch();
  return a.associationId;
}

function unmap(ctx: Ec2Context, a: Address): void {
  const eni = a.eniId ? ctx.net.interfaces.get(a.eniId) : undefined;
  if (eni && eni.publicIpAllocationId === a.allocationId) {
    eni.publicIp = undefined;
    eni.publicIpAllocationId = undefined;
  }
  a.eniId = undefined;
  a.privateIp = undefined;
  a.associationId = undefined;
}

function findByPublicIp(ctx: Ec2Context, ip: string): Address {
  const a = [...ctx.net.addresses.values()].find((x) => x.publicIp.text === ip);
  if (!a) throw new Ec2Error('InvalidAddress.NotFound', `Address '${ip}' not found.`);
  return a;
}

export function disassociateAddress(ctx: Ec2Context, p: Params): void {
  const assoc = str(p, 'AssociationId');
  const a = [...ctx.net.addresses.values()].find((x) => x.associationId === assoc);
  if (!a) throw new Ec2Error('InvalidAssociationID.NotFound', `The association ID '${assoc}' does not exist`);
  unmap(ctx, a);
  ctx.net.touch();
}

export function releaseAddress(ctx: Ec2Context, p: Params): void {
  const a = getAddress(ctx, str(p, 'AllocationId'));
  if (a.associationId) throw new Ec2Error('InvalidIPAddress.InUse', `Address ${a.publicIp.text} is in use.`);
  ctx.net.addresses.delete(a.allocationId);
  ctx.net.touch();
}

export function getNatGateway(ctx: Ec2Context, id: string): NatGateway {
  const g = ctx.net.natGateways.get(id);
  if (!g) throw notFound('NatGatewayNotFound', 'NAT gateway', id);
  return g;
}

/** A NAT gateway gets its own requester-managed interface in the subnet; a public one maps its Elastic IP there. */
export function createNatGateway(ctx: Ec2Context, p: Params, opts: CreateOptions & { eniId?: string | undefined } = {}): NatGateway {
  const subnet = getSubnet(ctx, str(p, 'SubnetId'));
  const connectivity = (optStr(p, 'ConnectivityType') ?? 'public') as NatGateway['connectivity'];
  if (connectivity !== 'public' && connectivity !== 'private') throw invalidParam(`ConnectivityType must be public or private, found ${String(connectivity)}`);
  const allocationId = optStr(p, 'AllocationId');
  if (connectivity === 'public' && !allocationId) throw new Ec2Error('MissingParameter', 'The request must contain the parameter AllocationId for a public NAT gateway');
  const address = allocationId ? getAddress(ctx, allocationId) : undefined;
  if (address?.eniId) throw new Ec2Error('Resource.AlreadyAssociated', `Elastic IP address [${address.allocationId}] is already associated`);
  const id = opts.id ?? ctx.newId('nat', opts.logicalId ?? `nat#${ctx.net.natGateways.size}`);
  const eni = buildInterface(ctx, {
    subnetId: subnet.id, privateIp: optStr(p, 'PrivateIpAddress'), interfaceType: 'nat_gateway', requesterManaged: true,
    description: `Interface for NAT Gateway ${id}`,
  }, { id: opts.eniId ?? ctx.newId('eni', `${id}/eni`) });
  const nat: NatGateway = { id, logicalId: opts.logicalId, tags: tagsFor(p, 'natgateway'), subnetId: subnet.id, eniId: eni.id, connectivity, allocationId, state: 'available' };
  ctx.net.natGateways.set(id, nat);
  if (address) associateAddress(ctx, { AllocationId: address.allocationId, NetworkInterfaceId: eni.id });
  ctx.net.touch();
  return nat;
}

export function deleteNatGateway(ctx: Ec2Context, p: Params): void {
  const nat = getNatGateway(ctx, str(p, 'NatGatewayId'));
  nat.state = 'deleted';
  const eni = ctx.net.interfaces.get(nat.eniId);
  if (eni?.publicIpAllocationId) {
    const a = ctx.net.addresses.get(eni.publicIpAllocationId);
    if (a) unmap(ctx, a);
  }
  ctx.net.interfaces.delete(nat.eniId);
  ctx.net.touch();
}
