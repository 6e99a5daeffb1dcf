/**
 * AWS::EC2::SecurityGroup (with inline rules), AWS::EC2::SecurityGroupIngress
 * and AWS::EC2::SecurityGroupEgress. Each rule is one IpPermissions entry for
 * the Authorize actions.
 */
import { authorize, createSecurityGroup, revoke } from '../../ec2/security-groups.ts';
import type { SecurityGroup, SgRule } from '../../model/types.ts';
import type { Path } from '../../scenario/path.ts';
import { type ResourceRun, defineHandler } from '../handler.ts';
import { generatedName } from '../names.ts';
import { type Fields, int, listOf, required, str, tags } from '../shapes.ts';

const RULE: Fields = { IpProtocol: required(str), FromPort: int, ToPort: int, CidrIp: str, CidrIpv6: str, Description: str };
const INGRESS: Fields = { ...RULE, SourcePrefixListId: str, SourceSecurityGroupId: str, SourceSecurityGroupName: str, SourceSecurityGroupOwnerId: str };
const EGRESS: Fields = { ...RULE, DestinationPrefixListId: str, DestinationSecurityGroupId: str };

type Rule = Record<string, unknown>;

/** The peers a rule names; CloudFormation wants exactly one. */
function peers(rule: Rule, egress: boolean): string[] {
  const names = egress
    ? ['CidrIp', 'CidrIpv6', 'DestinationSecurityGroupId', 'DestinationPrefixListId']
    : ['CidrIp', 'CidrIpv6', 'SourceSecurityGroupId', 'SourceSecurityGroupName', 'SourcePrefixListId'];
  return names.filter((n) => rule[n] !== undefined);
}

function permission(rule: Rule, egress: boolean): Rule {
  const d = rule.Description;
  const group = egress ? rule.DestinationSecurityGroupId : rule.SourceSecurityGroupId;
  const prefixList = egress ? rule.DestinationPrefixListId : rule.SourcePrefixListId;
  const p: Rule = { IpProtocol: rule.IpProtocol, FromPort: rule.FromPort, ToPort: rule.ToPort };
  if (rule.CidrIp !== undefined) p.IpRanges = [{ CidrIp: rule.CidrIp, Description: d }];
  if (rule.CidrIpv6 !== undefined) p.Ipv6Ranges = [{ CidrIpv6: rule.CidrIpv6, Description: d }];
  if (group !== undefined) p.UserIdGroupPairs = [{ GroupId: group, UserId: rule.SourceSecurityGroupOwnerId, Description: d }];
  if (rule.SourceSecurityGroupName !== undefined) p.UserIdGroupPairs = [{ GroupName: rule.SourceSecurityGroupName, Description: d }];
  if (prefixList !== undefined) p.PrefixListIds = [{ PrefixListId: prefixList, Description: d }];
  return p;
}

/** Adds one rule; `at` is where it is written (relative to Properties). */
function addRule(run: ResourceRun, groupId: string, rule: Rule, egress: boolean, at: Path): SgRule {
  const given = peers(rule, egress);
  if (given.length > 1) run.fail([...at, given[1]!], `only one ${egress ? 'destination' : 'source'} per rule (${given[0]} is already given)`, `${given.join(' and ')}`);
  const action = egress ? 'AuthorizeSecurityGroupEgress' : 'AuthorizeSecurityGroupIngress';
  const [added] = run.ec2(action, () => authorize(run.ctx, { GroupId: groupId, IpPermissions: [permission(rule, egress)] }, egress), (e) => {
    if (/port|icmp/i.test(e.message)) return [...at, rule.FromPort !== undefined ? 'FromPort' : 'IpProtocol'];
    if (/protocol/i.test(e.message)) return [...at, 'IpProtocol'];
    return given.length ? [...at, given[0]!] : at;
  });
  return added!;
}

export const securityGroupHandler = defineHandler<SecurityGroup>({
  properties: {
    GroupDescription: required(str), GroupName: str, VpcId: str, Tags: tags,
    SecurityGroupIngress: listOf({ fields: INGRESS }), SecurityGroupEgress: listOf({ fields: EGRESS }),
  },
  pins: { id: 'sg' },
  create(run) {
    const p = run.props;
    if (p.VpcId === undefined) run.fail([], 'the property VpcId (vpcflow models no default VPC)', 'none');
    const name = (p.GroupName as string | undefined) ?? generatedName(run.stack, run.logicalId, 255);
    const sg = run.ec2('CreateSecurityGroup', () => createSecurityGroup(run.ctx, {
      VpcId: p.VpcId, GroupName: name, Description: p.GroupDescription, Tags: p.Tags,
    }, { logicalId: run.logicalId, id: run.pins.id }), (e) => [/description/i.test(e.message) ? 'GroupDescription' : 'GroupName']);
    const ingress = (p.SecurityGroupIngress as Rule[] | undefined) ?? [];
    ingress.forEach((rule, i) => addRule(run, sg.id, rule, false, ['SecurityGroupIngress', i]));
    const egress = (p.SecurityGroupEgress as Rule[] | undefined) ?? [];
    if (egress.length) {
      // Declaring egress rules replaces the default allow-all rule, as CloudFormation does.
      revoke(run.ctx, { GroupId: sg.id, SecurityGroupRuleIds: sg.egress.map((r) => r.id) }, true);
      egress.forEach((rule, i) => addRule(run, sg.id, rule, true, ['SecurityGroupEgress', i]));
    }
    return sg;
  },
  ref: (sg) => sg.id,
  attributes: {
    GroupId: (sg) => sg.id,
    VpcId: (sg) => sg.vpcId,
  },
});

interface RuleState { rule: SgRule | undefined; groupId: string }

function standaloneRule(egress: boolean) {
  return defineHandler<RuleState>({
    properties: { ...(egress ? EGRESS : INGRESS), GroupId: egress ? required(str) : str, ...(egress ? {} : { GroupName: str }) },
    create(run) {
      const groupId = run.props.GroupId as string | undefined;
      if (groupId === undefined) return run.fail([], 'the property GroupId (GroupName works only in a default VPC, which vpcflow does not model)', 'none');
      if (peers(run.props, egress).length === 0) {
        // CloudFormation creates such a resource and adds no rule.
        run.warn(`no ${egress ? 'destination' : 'source'} is given, so no rule is added (as in CloudFormation)`);
        return { rule: undefined, groupId };
      }
      return { rule: addRule(run, groupId, run.props, egress, []), groupId };
    },
    ref: (s) => s.rule?.id ?? s.groupId,
    attributes: { Id: (s) => s.rule?.id ?? '', GroupId: (s) => s.groupId },
  });
}

export const securityGroupIngressHandler = standaloneRule(false);
export const securityGroupEgressHandler = standaloneRule(true);
