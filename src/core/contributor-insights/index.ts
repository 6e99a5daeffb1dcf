/** Contributor Insights: CloudWatchLogRule bodies and their top contributors. */
export { type FilterOp, type InsightRule, type RuleFilter, FILTER_OPS, RuleError, parseRule } from './rule.ts';
export { type Contribution, compileExtractor, ruleReadsGroup } from './extract.ts';
export { type Contributor, type PeriodReport, type RuleReport, TopContributors } from './report.ts';
