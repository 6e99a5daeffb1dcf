/** AWS::EC2::NetworkAcl, AWS::EC2::NetworkAclEntry, AWS::EC2::SubnetNetworkAclAssociation. */
import { associateNetworkAcl, createNetworkAcl, createNetworkAclEntry } from '../../ec2/network-acls.ts';
import type { NaclEntry, NetworkAcl } from '../../model/types.ts';
import { defineHandler } from '../handler.ts';
import { bool, int, object, required, str, tags } from '../shapes.ts';

export const networkAclHandler = defineHandler<NetworkAcl>({
  properties: { VpcId: required(str), Tags: tags },
  pins: { id: 'acl' },
  create: (run) => run.ec2('CreateNetworkAcl', () => createNetworkAcl(run.ctx, { VpcId: run.props.VpcId, Tags: run.props.Tags }, { logicalId: run.logicalId, id: run.pins.id })),
  ref: (a) => a.id,
  attributes: { Id: (a) => a.id },
});

interface EntryState { aclId: string; entry: NaclEntry }

export const networkAclEntryHandler = defineHandler<EntryState>({
  properties: {
    NetworkAclId: required(str), RuleNumber: required(int), Protocol: required(int), RuleAction: required(str),
    Egress: bool, CidrBlock: str, Ipv6CidrBlock: str,
    PortRange: object({ From: int, To: int }),
    Icmp: object({ Code: int, Type: int }),
  },
  create(run) {
    const p = run.props;
    // CloudFormation's `Icmp` is the API's `IcmpTypeCode`.
    const entry = run.ec2('CreateNetworkAclEntry', () => createNetworkAclEntry(run.ctx, {
      NetworkAclId: p.NetworkAclId, RuleNumber: p.RuleNumber, Protocol: p.Protocol, RuleAction: p.RuleAction,
      Egress: p.Egress, CidrBlock: p.CidrBlock, Ipv6CidrBlock: p.Ipv6CidrBlock, PortRange: p.PortRange, IcmpTypeCode: p.Icmp,
    }), (e) => [/icmp/i.test(e.message) ? 'Icmp' : /port/i.test(e.message) ? 'PortRange' : /cidr/i.test(e.message) ? 'CidrBlock' : 'RuleNumber']);
    return { aclId: p.NetworkAclId as string, entry };
  },
  ref: (s) => `${s.aclId}|${s.entry.egress ? 'egress' : 'ingress'}|${s.entry.ruleNumber}`,
  attributes: { Id: (s) => `${s.aclId}|${s.entry.egress ? 'egress' : 'ingress'}|${s.entry.ruleNumber}` },
});

interface Association { id: string }

export const subnetNetworkAclAssociationHandler = defineHandler<Association>({
  properties: { SubnetId: required(str), NetworkAclId: required(str) },
  pins: { id: 'aclassoc' },
  create: (run) => ({
    id: run.ec2('AssociateNetworkAcl', () => associateNetworkAcl(run.ctx, run.props.SubnetId as string, run.props.NetworkAclId as string, { logicalId: run.logicalId, id: run.pins.id }), ['NetworkAclId']),
  }),
  ref: (a) => a.id,
  attributes: { AssociationId: (a) => a.id },
});
