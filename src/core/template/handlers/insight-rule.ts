/**
 * AWS::CloudWatch::InsightRule: a Contributor Insights rule body, checked
 * as CloudWatch checks it. `vpcflow run` lists the rules in
 * insight-rules.json; `vpcflow top` reports their top contributors.
 */
import { RuleError, parseRule } from '../../contributor-insights/index.ts';
import { type InsightRuleDecl, monitoringOf } from '../../model/monitoring.ts';
import { describeValue } from '../../scenario/describe.ts';
import { defineHandler } from '../handler.ts';
import { opaque, required, str, tags } from '../shapes.ts';
import { checkName, oneOf } from './cloudwatch-values.ts';

export const insightRuleHandler = defineHandler<InsightRuleDecl>({
  properties: {
    RuleName: required(str), RuleState: required(str), RuleBody: required(str), Tags: tags,
    ...opaque('ApplyOnTransformedLogs'),
  },
  create(run) {
    const p = run.props as { RuleName: string; RuleState: string; RuleBody: string };
    const name = checkName(run, ['RuleName'], p.RuleName, /^[\x20-\x7E]{1,128}$/, 'a rule name of 1 to 128 printable ASCII characters');
    const rules = monitoringOf(run.ctx.net).insightRules;
    if (rules.has(name)) run.fail(['RuleName'], 'a rule name not used by another rule', describeValue(name));
    const state = oneOf(run, ['RuleState'], p.RuleState, ['ENABLED', 'DISABLED'] as const)!;
    try {
      parseRule(p.RuleBody);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      run.fail(['RuleBody'], `a Contributor Insights rule body${e.place ? ` (at ${e.place}: ${e.expected})` : ` (${e.expected})`}`, e.found);
    }
    const decl: InsightRuleDecl = {
      name, arn: `arn:aws:cloudwatch:${run.stack.region}:${run.stack.account}:insight-rule/${name}`, logicalId: run.logicalId, state, body: p.RuleBody,
    };
    rules.set(name, decl);
    return decl;
  },
  ref: (r) => r.name,
  attributes: { Arn: (r) => r.arn, RuleName: (r) => r.name },
});
