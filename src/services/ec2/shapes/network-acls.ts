/** Network ACLs, entries and associations: botocore's shapes (the members vpcflow uses). */
import { B, I, S, at, list, struct } from './dsl.ts';
import { Filters, NextToken, TagSpecifications, Tags } from './common.ts';

const IcmpTypeCode = struct({ Code: at('code', I), Type: at('type', I) });
const PortRange = struct({ From: at('from', I), To: at('to', I) });
const NetworkAclAssociation = struct({ NetworkAclAssociationId: at('networkAclAssociationId', S), NetworkAclId: at('networkAclId', S), SubnetId: at('subnetId', S) });
const NetworkAclEntry = struct({
  CidrBlock: at('cidrBlock', S), Egress: at('egress', B), IcmpTypeCode: at('icmpTypeCode', IcmpTypeCode), Ipv6CidrBlock: at('ipv6CidrBlock', S),
  PortRange: at('portRange', PortRange), Protocol: at('protocol', S), RuleAction: at('ruleAction', S), RuleNumber: at('ruleNumber', I),
});

export const NetworkAcl = struct({
  Associations: at('associationSet', list(NetworkAclAssociation)), Entries: at('entrySet', list(NetworkAclEntry)),
  IsDefault: at('default', B), NetworkAclId: at('networkAclId', S), Tags, VpcId: at('vpcId', S), OwnerId: at('ownerId', S),
});

/** ClientToken is newer than the awscli model (the SDK fills it in). */
export const CreateNetworkAclRequest = struct({ VpcId: at('vpcId', S), TagSpecifications, ClientToken: S }, ['VpcId']);
export const CreateNetworkAclResult = struct({ NetworkAcl: at('networkAcl', NetworkAcl) });
export const DescribeNetworkAclsRequest = struct({ Filters, NetworkAclIds: at('NetworkAclId', list(S)), NextToken: S, MaxResults: I });
export const DescribeNetworkAclsResult = struct({ NetworkAcls: at('networkAclSet', list(NetworkAcl)), NextToken });
export const DeleteNetworkAclRequest = struct({ NetworkAclId: at('networkAclId', S) }, ['NetworkAclId']);

const entryMembers = {
  CidrBlock: at('cidrBlock', S), Egress: at('egress', B), IcmpTypeCode: at('Icmp', IcmpTypeCode), Ipv6CidrBlock: at('ipv6CidrBlock', S),
  NetworkAclId: at('networkAclId', S), PortRange: at('portRange', PortRange), Protocol: at('protocol', S),
  RuleAction: at('ruleAction', S), RuleNumber: at('ruleNumber', I),
};
export const CreateNetworkAclEntryRequest = struct(entryMembers, ['Egress', 'NetworkAclId', 'Protocol', 'RuleAction', 'RuleNumber']);
export const ReplaceNetworkAclEntryRequest = struct(entryMembers, ['Egress', 'NetworkAclId', 'Protocol', 'RuleAction', 'RuleNumber']);
export const DeleteNetworkAclEntryRequest = struct({ Egress: at('egress', B), NetworkAclId: at('networkAclId', S), RuleNumber: at('ruleNumber', I) }, ['Egress', 'NetworkAclId', 'RuleNumber']);
export const ReplaceNetworkAclAssociationRequest = struct({ AssociationId: at('associationId', S), NetworkAclId: at('networkAclId', S) }, ['AssociationId', 'NetworkAclId']);
export const ReplaceNetworkAclAssociationResult = struct({ NewAssociationId: at('newAssociationId', S) });
