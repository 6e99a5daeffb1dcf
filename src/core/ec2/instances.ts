/** RunInstances and TerminateInstances: an instance is, for the network, its interfaces. */
import type { Instance } from '../model/types.ts';
import type { CreateOptions, Ec2Context } from './context.ts';
import { Ec2Error, invalidParam, notFound } from './errors.ts';
import { buildInterface, getInterface } from './interfaces.ts';
import { type Params, ipParam, list, optBool, optInt, optStr, strList, tagsFor } from './params.ts';
import { getSubnet } from './subnets.ts';

export interface InstanceOptions extends CreateOptions {
  /** Pinned id of the primary interface (Metadata.vpcflow.eni). */
  eniId?: string | undefined;
  /** Pinned public address (Metadata.vpcflow.publicIp). */
  publicIp?: string | undefined;
}

export function runInstance(ctx: Ec2Context, p: Params, opts: InstanceOptions = {}): Instance {
  const key = opts.logicalId ?? `i#${ctx.net.instances.size}`;
  const id = opts.id ?? ctx.newId('instance', key);
  if (ctx.net.instances.has(id)) throw new Ec2Error('InvalidParameterValue', `Instance id ${id} is already in use`);
  const nis = (list(p, 'NetworkInterfaces') as Params[]).slice().sort((a, b) => (optInt(a, 'DeviceIndex') ?? 0) - (optInt(b, 'DeviceIndex') ?? 0));
  const inst: Instance = { id, logicalId: opts.logicalId, tags: tagsFor(p, 'instance'), subnetId: '', eniIds: [], instanceType: optStr(p, 'InstanceType') ?? 't3.micro', state: 'running' };
  const attach = (eniId: string, index: number) => {
    const eni = getInterface(ctx, eniId);
    if (eni.instanceId) throw new Ec2Error('InvalidNetworkInterface.InUse', `Interface: [${eni.id}] in use.`);
    eni.instanceId = id;
    eni.deviceIndex = index;
    eni.attachmentId = ctx.newId('eniAttach', `${eni.id}/${id}`);
    inst.eniIds.push(eni.id);
  };
  let wantPublic: boolean | undefined;
  if (nis.length === 0) {
    const subnetId = optStr(p, 'SubnetId');
    if (!subnetId) throw new Ec2Error('MissingParameter', 'The request must contain the parameter SubnetId (vpcflow models instances in a VPC only)');
    const eni = buildInterface(ctx, {
      subnetId, privateIp: optStr(p, 'PrivateIpAddress'), groups: strList(p, 'SecurityGroupIds'),
      ipv6Count: optInt(p, 'Ipv6AddressCount'), ipv6Ips: (list(p, 'Ipv6Addresses') as Params[]).map((a) => String(a.Ipv6Address ?? a)),
      secondaryCount: optInt(p, 'SecondaryPrivateIpAddressCount'),
    }, { id: opts.eniId ?? ctx.newId('eni', `${key}/eni0`) });
    attach(eni.id, 0);
  } else {
    if (strList(p, 'SecurityGroupIds').length) {
      throw invalidParam('Network interfaces and an instance-level security groups may not be specified on the same request');
    }
    for (const [i, ni] of nis.entries()) {
      const index = optInt(ni, 'DeviceIndex') ?? i;
      const existing = optStr(ni, 'NetworkInterfaceId');
      if (existing) { attach(existing, index); continue; }
      const subnetId = optStr(ni, 'SubnetId') ?? optStr(p, 'SubnetId');
      if (!subnetId) throw new Ec2Error('MissingParameter', `NetworkInterfaces[${i}] must give a SubnetId or a NetworkInterfaceId`);
      const eni = buildInterface(ctx, {
        subnetId, privateIp: optStr(ni, 'PrivateIpAddress'), groups: [...strList(ni, 'Groups'), ...strList(ni, 'GroupSet')],
        secondaryIps: (list(ni, 'PrivateIpAddresses') as Params[]).filter((a) => !optBool(a, 'Primary')).map((a) => String(a.PrivateIpAddress)),
        secondaryCount: optInt(ni, 'SecondaryPrivateIpAddressCount'), ipv6Count: optInt(ni, 'Ipv6AddressCount'),
        ipv6Ips: (list(ni, 'Ipv6Addresses') as Params[]).map((a) => String(a.Ipv6Address ?? a)),
        description: optStr(ni, 'Description'),
      }, { id: index === 0 && opts.eniId ? opts.eniId : ctx.newId('eni', `${key}/eni${index}`) });
      attach(eni.id, index);
      if (index === 0) wantPublic = optBool(ni, 'AssociatePublicIpAddress');
    }
  }
  const primary = ctx.net.interfaces.get(inst.eniIds[0]!)!;
  inst.subnetId = primary.subnetId;
  const subnet = getSubnet(ctx, primary.subnetId);
  // A launch-time public address needs a single interface and either the subnet's setting or an explicit request.
  if (opts.publicIp) primary.publicIp = ipParam(opts.publicIp, 'publicIp');
  else if ((wantPublic ?? subnet.mapPublicIpOnLaunch) && inst.eniIds.length === 1 && !primary.publicIp) {
    primary.publicIp = ctx.newPublicIp(`instance/${key}`);
  }
  ctx.net.instances.set(id, inst);
  ctx.net.touch();
  return inst;
}

export function runInstances(ctx: Ec2Context, p: Params): Instance[] {
  const count = optInt(p, 'MinCount') ?? 1;
  const max = optInt(p, 'MaxCount') ?? count;
  if (count < 1 || max < count) throw invalidParam(`MinCount (${count}) and MaxCount (${max}) are inconsistent`);
  return Array.from({ length: count }, () => runInstance(ctx, p));
}

export function terminateInstances(ctx: Ec2Context, p: Params): Instance[] {
  const out: Instance[] = [];
  const ids = strList(p, 'InstanceIds');
  // Every id is checked before any instance changes, as AWS refuses the whole request.
  for (const id of ids) if (!ctx.net.instances.has(id)) throw notFound('InvalidInstanceID.NotFound', 'instance', id);
  for (const id of ids) {
    const inst = ctx.net.instances.get(id)!;
    inst.state = 'terminated';
    for (const eniId of inst.eniIds) {
      const eni = ctx.net.interfaces.get(eniId);
      if (!eni) continue;
      if (eni.deviceIndex === 0) ctx.net.interfaces.delete(eniId);
      else { eni.instanceId = undefined; eni.deviceIndex = undefined; eni.attachmentId = undefined; }
    }
    out.push(inst);
  }
  ctx.net.touch();
  return out;
}
