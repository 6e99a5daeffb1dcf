/** Network ACLs: entries, associations. Rule numbers 1–32766; the `*` rule is implicit. */
import { ALL_PROTOCOLS, ICMP, ICMPV6, TCP, UDP, parseProtocol } from '../net/protocol.ts';
import type { NaclEntry, NetworkAcl } from '../model/types.ts';
import type { CreateOptions, Ec2Context } from './context.ts';
import { Ec2Error, invalidParam, missingParam, notFound } from './errors.ts';
import { type Params, checkCidr, int, optBool, optInt, optStr, str, tagsFor } from './params.ts';
import { getSubnet } from './subnets.ts';
import { getVpc } from './vpcs.ts';

export const MIN_RULE = 1;
export const MAX_RULE = 32766;
/** How the implicit final rule is reported (AWS shows `*`; 32767 for IPv4, 32768 for IPv6). */
export const DEFAULT_RULE_V4 = 32767;
export const DEFAULT_RULE_V6 = 32768;

export function getNetworkAcl(ctx: Ec2Context, id: string): NetworkAcl {
  const a = ctx.net.networkAcls.get(id);
  if (!a) throw notFound('InvalidNetworkAclID.NotFound', 'network ACL', id);
  return a;
}

export function createNetworkAcl(ctx: Ec2Context, p: Params, opts: CreateOptions = {}): NetworkAcl {
  const vpc = getVpc(ctx, str(p, 'VpcId'));
  const id = opts.id ?? ctx.newId('nacl', opts.logicalId ?? `acl#${ctx.net.networkAcls.size}`);
  // A new custom ACL has no rules: everything is denied until entries are added.
  const acl: NetworkAcl = { id, logicalId: opts.logicalId, tags: tagsFor(p, 'network-acl'), vpcId: vpc.id, isDefault: false, entries: [] };
  ctx.net.networkAcls.set(id, acl);
  ctx.net.touch();
  return acl;
}

/** Parses an entry as CreateNetworkAclEntry takes it, with AWS's validation. */
export function parseNaclEntry(p: Params): NaclEntry {
  const ruleNumber = int(p, 'RuleNumber');
  if (ruleNumber < MIN_RULE || ruleNumber > MAX_RULE) {
    throw invalidParam(`Value (${ruleNumber}) for parameter ruleNumber is invalid. Rule numbers must be between ${MIN_RULE} and ${MAX_RULE}.`);
  }
  const protoText = str(p, 'Protocol');
  const protocol = parseProtocol(protoText);
  if (protocol === undefined) throw invalidParam(`Value (${protoText}) for parameter protocol is invalid. It must be a protocol number or -1.`);
  const actionText = str(p, 'RuleAction').toLowerCase();
  if (actionText !== 'allow' && actionText !== 'deny') {
    throw invalidParam(`Value (${actionText}) for parameter ruleAction is invalid. It must be allow or deny.`);
  }
  const v4 = optStr(p, 'CidrBlock');
  const v6 = optStr(p, 'Ipv6CidrBlock');
  if (v4 && v6) throw invalidParam('Only one of CidrBlock and Ipv6CidrBlock may be given');
  if (!v4 && !v6) throw missingParam('CidrBlock');
  const cidr = v4 ? checkCidr(v4, 'CidrBlock', 4) : checkCidr(v6!, 'Ipv6CidrBlock', 6);
  const entry: NaclEntry = { ruleNumber, egress: optBool(p, 'Egress') ?? false, protocol, action: actionText, cidr };
  if (protocol === TCP || protocol === UDP) {
    const pr = p.PortRange as Params | undefined;
    if (!pr || typeof pr !== 'object') throw missingParam('PortRange');
    const from = int(pr, 'From'), to = int(pr, 'To');
    for (const [n, v] of [['From', from], ['To', to]] as const) {
      if (v < 0 || v > 65535) throw invalidParam(`Value (${v}) for parameter PortRange.${n} is invalid. Ports must be between 0 and 65535.`);
    }
    if (from > to) throw invalidParam(`Invalid port range ${from}-${to}: From must not be greater than To.`);
    entry.portFrom = from;
    entry.portTo = to;
  } else if (protocol === ICMP || (protocol === ICMPV6 && cidr.fam === 6)) {
    const it = p.IcmpTypeCode as Params | undefined;
    if (!it || typeof it !== 'object') throw missingParam('IcmpTypeCode');
    const type = optInt(it, 'Type') ?? -1, code = optInt(it, 'Code') ?? -1;
    if (type < -1 || type > 255 || code < -1 || code > 255) throw invalidParam(`Invalid ICMP type/code ${type}/${code}`);
    entry.icmpType = type;
    entry.icmpCode = code;
  }
  return entry;
}

export function createNetworkAclEntry(ctx: Ec2Context, p: Params): NaclEntry {
  const acl = getNetworkAcl(ctx, str(p, 'NetworkAclId'));
  const entry = parseNaclEntry(p);
  if (acl.entries.some((e) => e.ruleNumber === entry.ruleNumber && e.egress === entry.egress)) {
    throw new Ec2Error('NetworkAclEntryAlreadyExists', `The network acl entry identified by ${entry.ruleNumber} already exists.`);
  }
  acl.entries.push(entry);
  ctx.net.touch();
  return entry;
}

function entryIndex(acl: NetworkAcl, ruleNumber: number, egress: boolean): number {
  const i = acl.entries.findIndex((e) => e.ruleNumber === ruleNumber && e.egress === egress);
  if (i < 0) {
    throw new Ec2Error('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${ruleNumber} (${egress ? 'egress' : 'ingress'}) does not exist.`);
  }
  return i;
}

export function replaceNetworkAclEntry(ctx: Ec2Context, p: Params): NaclEntry {
  const acl = getNetworkAcl(ctx, str(p, 'NetworkAclId'));
  const entry = parseNaclEntry(p);
  acl.entries[entryIndex(acl, entry.ruleNumber, entry.egress)] = entry;
  ctx.net.touch();
  return entry;
}

export function deleteNetworkAclEntry(ctx: Ec2Context, p: Params): void {
  const acl = getNetworkAcl(ctx, str(p, 'NetworkAclId'));
  acl.entries.splice(entryIndex(acl, int(p, 'RuleNumber'), optBool(p, 'Egress') ?? false), 1);
  ctx.net.touch();
}

/** Moves a subnet to another ACL; the association id names the subnet's current association. */
export function replaceNetworkAclAssociation(ctx: Ec2Context, p: Params): string {
  const assoc = str(p, 'AssociationId');
  const acl = getNetworkAcl(ctx, str(p, 'NetworkAclId'));
  const subnet = [...ctx.net.subnets.values()].find((s) => s.networkAclAssociationId === assoc);
  if (!subnet) throw new Ec2Error('InvalidAssociationID.NotFound', `The association ID '${assoc}' does not exist`);
  return associateNetworkAcl(ctx, subnet.id, acl.id);
}

/** What AWS::EC2::SubnetNetworkAclAssociation does: associate by subnet id. */
export function associateNetworkAcl(ctx: Ec2Context, subnetId: string, aclId: string, opts: CreateOptions = {}): string {
  const subnet = getSubnet(ctx, subnetId);
  const acl = getNetworkAcl(ctx, aclId);
  if (acl.vpcId !== subnet.vpcId) throw invalidParam(`Network ACL ${acl.id} and subnet ${subnet.id} belong to different VPCs`);
  subnet.networkAclId = acl.id;
  subnet.networkAclAssociationId = opts.id ?? ctx.newId('naclAssoc', opts.logicalId ?? `${subnet.id}/${acl.id}`);
  ctx.net.touch();
  return subnet.networkAclAssociationId;
}

export function deleteNetworkAcl(ctx: Ec2Context, p: Params): void {
  const acl = getNetworkAcl(ctx, str(p, 'NetworkAclId'));
  if (acl.isDefault) throw new Ec2Error('InvalidParameterValue', `cannot delete default network ACL ${acl.id}`);
  if ([...ctx.net.subnets.values()].some((s) => s.networkAclId === acl.id)) {
    throw new Ec2Error('DependencyViolation', `The networkAcl '${acl.id}' has dependencies and cannot be deleted.`);
  }
  ctx.net.networkAcls.delete(acl.id);
  ctx.net.touch();
}

/** All-protocol check used by rule renderers. */
export function isAllProtocols(p: number): boolean {
  return p === ALL_PROTOCOLS;
}
