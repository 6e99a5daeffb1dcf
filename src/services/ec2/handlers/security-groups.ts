/** Security groups: create, describe, rules in and out, delete. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { Ec2Error, notFound } from '../../../core/ec2/errors.ts';
import { type Params, strList } from '../../../core/ec2/params.ts';
import type { SecurityGroup, SgRule } from '../../../core/model/types.ts';
import { type ActionTable, type Ec2Call, viaCore } from '../action.ts';
import { RETURN_ONLY } from '../shapes/common.ts';
import * as sh from '../shapes/security-groups.ts';
import { SECURITY_GROUP_FILTERS, SECURITY_GROUP_RULE_FILTERS, allRules, ruleView, securityGroupView } from '../views/security-groups.ts';
import { done } from './common.ts';
import { LIMITS_5_1000, describe, describeNet, tagsOut } from './describe.ts';

const describeGroupsById = describeNet({
  items: (net) => net.securityGroups.values(), table: SECURITY_GROUP_FILTERS, result: 'SecurityGroups', view: securityGroupView,
  ids: 'GroupIds', missing: (id) => notFound('InvalidGroup.NotFound', 'security group', id),
});

function describeSecurityGroups(call: Ec2Call, p: Params): Params {
  const names = strList(p, 'GroupNames');
  if (names.length) {
    // GroupNames name groups of the default VPC, which vpcflow does not model.
    throw new Ec2Error('InvalidGroup.NotFound', `The security group '${names[0]}' does not exist in default VPC (vpcflow has no default VPC: use GroupIds or the group-name filter)`);
  }
  return describeGroupsById(call, p);
}

function describeSecurityGroupRules(call: Ec2Call, p: Params): Params {
  const net = call.state.net;
  const page = describe(p, {
    action: call.action, items: allRules(net), table: SECURITY_GROUP_RULE_FILTERS, ctx: net, limits: LIMITS_5_1000,
    ids: {
      member: 'SecurityGroupRuleIds', idOf: (r) => r.rule.id,
      missing: (id) => new Ec2Error('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`),
    },
  });
  return { SecurityGroupRules: page.items.map((r) => ruleView(r, net)), NextToken: page.nextToken };
}

function authorize(egress: boolean) {
  return (c: Ec2Call, p: Params): Params => {
    const added = viaCore<SgRule[]>(c, p);
    const group = c.state.net.securityGroups.get(String(p.GroupId))!;
    return { Return: true, SecurityGroupRules: added.map((rule) => ruleView({ rule, group, egress }, c.state.net)) };
  };
}

export const SECURITY_GROUP_ACTIONS: ActionTable = {
  CreateSecurityGroup: {
    input: sh.CreateSecurityGroupRequest, output: sh.CreateSecurityGroupResult,
    run: (c, p) => {
      const g = viaCore<SecurityGroup>(c, p);
      return { GroupId: g.id, Tags: tagsOut(g.tags) };
    },
  },
  DescribeSecurityGroups: {
    input: sh.DescribeSecurityGroupsRequest, output: sh.DescribeSecurityGroupsResult, run: describeSecurityGroups,
    filters: filterNames(SECURITY_GROUP_FILTERS, true),
  },
  DescribeSecurityGroupRules: {
    input: sh.DescribeSecurityGroupRulesRequest, output: sh.DescribeSecurityGroupRulesResult, run: describeSecurityGroupRules,
    filters: filterNames(SECURITY_GROUP_RULE_FILTERS, false),
  },
  DeleteSecurityGroup: { input: sh.DeleteSecurityGroupRequest, output: RETURN_ONLY, run: (c, p) => (viaCore(c, p), done()) },
  AuthorizeSecurityGroupIngress: { input: sh.AuthorizeSecurityGroupIngressRequest, output: sh.AuthorizeResult, run: authorize(false) },
  AuthorizeSecurityGroupEgress: { input: sh.AuthorizeSecurityGroupEgressRequest, output: sh.AuthorizeResult, run: authorize(true) },
  RevokeSecurityGroupIngress: { input: sh.RevokeSecurityGroupIngressRequest, output: sh.RevokeResult, run: (c, p) => (viaCore(c, p), done()) },
  RevokeSecurityGroupEgress: { input: sh.RevokeSecurityGroupEgressRequest, output: sh.RevokeResult, run: (c, p) => (viaCore(c, p), done()) },
};
