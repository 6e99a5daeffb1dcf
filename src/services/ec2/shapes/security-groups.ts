/** Security groups and their rules: botocore's shapes (the members vpcflow uses). */
import { B, I, S, at, list, struct } from './dsl.ts';
import { Filters, NextToken, TagSpecifications, Tags } from './common.ts';

const IpRange = struct({ CidrIp: at('cidrIp', S), Description: at('description', S) });
const Ipv6Range = struct({ CidrIpv6: at('cidrIpv6', S), Description: at('description', S) });
const PrefixListId = struct({ Description: at('description', S), PrefixListId: at('prefixListId', S) });
const UserIdGroupPair = struct({
  Description: at('description', S), GroupId: at('groupId', S), GroupName: at('groupName', S), UserId: at('userId', S), VpcId: at('vpcId', S),
});
const IpPermission = struct({
  FromPort: at('fromPort', I), IpProtocol: at('ipProtocol', S), IpRanges: at('ipRanges', list(IpRange)),
  Ipv6Ranges: at('ipv6Ranges', list(Ipv6Range)), PrefixListIds: at('prefixListIds', list(PrefixListId)), ToPort: at('toPort', I),
  UserIdGroupPairs: at('groups', list(UserIdGroupPair)),
});

export const SecurityGroup = struct({
  Description: at('groupDescription', S), GroupName: at('groupName', S), IpPermissions: at('ipPermissions', list(IpPermission)),
  OwnerId: at('ownerId', S), GroupId: at('groupId', S), IpPermissionsEgress: at('ipPermissionsEgress', list(IpPermission)), Tags,
  VpcId: at('vpcId', S),
});

const ReferencedSecurityGroup = struct({ GroupId: at('groupId', S), UserId: at('userId', S), VpcId: at('vpcId', S) });
export const SecurityGroupRule = struct({
  SecurityGroupRuleId: at('securityGroupRuleId', S), GroupId: at('groupId', S), GroupOwnerId: at('groupOwnerId', S),
  IsEgress: at('isEgress', B), IpProtocol: at('ipProtocol', S), FromPort: at('fromPort', I), ToPort: at('toPort', I),
  CidrIpv4: at('cidrIpv4', S), CidrIpv6: at('cidrIpv6', S), PrefixListId: at('prefixListId', S),
  ReferencedGroupInfo: at('referencedGroupInfo', ReferencedSecurityGroup), Description: at('description', S), Tags,
});

export const CreateSecurityGroupRequest = struct({ Description: at('GroupDescription', S), GroupName: S, VpcId: S, TagSpecifications }, ['Description', 'GroupName']);
export const CreateSecurityGroupResult = struct({ GroupId: at('groupId', S), Tags });
export const DescribeSecurityGroupsRequest = struct({
  Filters, GroupIds: at('GroupId', list(S)), GroupNames: at('GroupName', list(S)), NextToken: S, MaxResults: I,
});
export const DescribeSecurityGroupsResult = struct({ SecurityGroups: at('securityGroupInfo', list(SecurityGroup)), NextToken });
export const DescribeSecurityGroupRulesRequest = struct({ Filters, SecurityGroupRuleIds: at('SecurityGroupRuleId', list(S)), NextToken: S, MaxResults: I });
export const DescribeSecurityGroupRulesResult = struct({ SecurityGroupRules: at('securityGroupRuleSet', list(SecurityGroupRule)), NextToken });
export const DeleteSecurityGroupRequest = struct({ GroupId: S });

/** Ingress members carry no locationName; egress members do (the model's own inconsistency, kept). */
export const AuthorizeSecurityGroupIngressRequest = struct({ CidrIp: S, FromPort: I, GroupId: S, IpPermissions: list(IpPermission), IpProtocol: S, ToPort: I });
export const AuthorizeSecurityGroupEgressRequest = struct({
  GroupId: at('groupId', S), IpPermissions: at('ipPermissions', list(IpPermission)), CidrIp: at('cidrIp', S),
  FromPort: at('fromPort', I), IpProtocol: at('ipProtocol', S), ToPort: at('toPort', I),
}, ['GroupId']);
export const AuthorizeResult = struct({ Return: at('return', B), SecurityGroupRules: at('securityGroupRuleSet', list(SecurityGroupRule)) });
export const RevokeSecurityGroupIngressRequest = struct({
  CidrIp: S, FromPort: I, GroupId: S, IpPermissions: list(IpPermission), IpProtocol: S, ToPort: I,
  SecurityGroupRuleIds: at('SecurityGroupRuleId', list(S)),
});
export const RevokeSecurityGroupEgressRequest = struct({
  GroupId: at('groupId', S), IpPermissions: at('ipPermissions', list(IpPermission)), SecurityGroupRuleIds: at('SecurityGroupRuleId', list(S)),
  CidrIp: at('cidrIp', S), FromPort: at('fromPort', I), IpProtocol: at('ipProtocol', S), ToPort: at('toPort', I),
}, ['GroupId']);
export const RevokeResult = struct({ Return: at('return', B) });
