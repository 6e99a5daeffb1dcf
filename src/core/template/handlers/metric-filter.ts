/**
 * AWS::Logs::MetricFilter: a filter pattern on a log group and the metric it
 * publishes. The pattern is compiled here, so a pattern CloudWatch Logs
 * would refuse stops the scenario with the column where it goes wrong.
 */
import { PatternSyntaxError, compilePattern } from '../../metric-filters/index.ts';
import { type MetricFilterDecl, monitoringOf } from '../../model/monitoring.ts';
import { describeValue } from '../../scenario/describe.ts';
import { defineHandler } from '../handler.ts';
import { generatedName } from '../names.ts';
import { listOf, opaque, required, str } from '../shapes.ts';
import { UNITS, checkName, numberProp, oneOf } from './cloudwatch-values.ts';

const METRIC_NAME = /^[^:*$]{1,255}$/;

export const metricFilterHandler = defineHandler<MetricFilterDecl>({
  properties: {
    FilterName: str, FilterPattern: required(str), LogGroupName: required(str),
    MetricTransformations: required(listOf({
      fields: {
        MetricName: required(str), MetricNamespace: required(str), MetricValue: required(str), DefaultValue: str, Unit: str,
        Dimensions: listOf({ fields: { Key: required(str), Value: required(str) } }),
      },
    })),
    ...opaque('ApplyOnTransformedLogs', 'EmitSystemFieldDimensions', 'FieldSelectionCriteria'),
  },
  create(run) {
    const p = run.props as { FilterName?: string; FilterPattern: string; LogGroupName: string; MetricTransformations: Record<string, unknown>[] };
    const net = run.ctx.net;
    const name = p.FilterName === undefined ? generatedName(run.stack, run.logicalId, 512)
      : checkName(run, ['FilterName'], p.FilterName, /^[^:*]{1,512}$/, 'a filter name of 1 to 512 characters without ":" or "*"');
    if (!net.logGroups.has(p.LogGroupName)) {
      run.fail(['LogGroupName'], 'the name of a log group created before this filter (an AWS::Logs::LogGroup, referred to with !Ref)', describeValue(p.LogGroupName));
    }
    let pattern;
    try {
      pattern = compilePattern(p.FilterPattern);
    } catch (e) {
      if (!(e instanceof PatternSyntaxError)) throw e;
      return run.fail(['FilterPattern'], `a filter pattern CloudWatch Logs accepts (at column ${e.column}: ${e.expected})`, e.found);
    }
    if (p.MetricTransformations.length !== 1) run.fail(['MetricTransformations'], 'exactly one metric transformation', `a list of ${p.MetricTransformations.length}`);
    const t = p.MetricTransformations[0]!;
    const at = (k: string): (string | number)[] => ['MetricTransformations', 0, k];
    const metricValue = t.MetricValue as string;
    if (metricValue.startsWith('$')) {
      if (!pattern.canReference(metricValue)) {
        run.fail(at('MetricValue'), pattern.kind === 'json' ? 'a number or a $.property of the JSON events' : pattern.kind === 'delimited' ? 'a number or a $field named in the space-delimited pattern' : 'a number (a term pattern extracts no fields)', describeValue(metricValue));
      }
    } else numberProp(run, at('MetricValue'), metricValue);
    const dimensions = (t.Dimensions as { Key: string; Value: string }[] | undefined) ?? [];
    if (dimensions.length > 3) run.fail(at('Dimensions'), 'at most 3 dimensions', `a list of ${dimensions.length}`);
    dimensions.forEach((d, i) => {
      if (!pattern.canReference(d.Value)) run.fail([...at('Dimensions'), i, 'Value'], 'a $field (or $.property) the pattern extracts', describeValue(d.Value));
    });
    const defaultValue = numberProp(run, at('DefaultValue'), t.DefaultValue);
    if (defaultValue !== undefined && dimensions.length) run.fail(at('DefaultValue'), 'no DefaultValue on a metric with dimensions (CloudWatch Logs refuses both)', String(defaultValue));
    const decl: MetricFilterDecl = {
      name, logicalId: run.logicalId, logGroupName: p.LogGroupName, filterPattern: p.FilterPattern,
      transformation: {
        metricName: checkName(run, at('MetricName'), t.MetricName as string, METRIC_NAME, 'a metric name of 1 to 255 characters without ":", "*" or "$"'),
        namespace: checkName(run, at('MetricNamespace'), t.MetricNamespace as string, METRIC_NAME, 'a namespace of 1 to 255 characters without ":", "*" or "$"'),
        metricValue, defaultValue, unit: oneOf(run, at('Unit'), t.Unit, UNITS),
        dimensions: dimensions.map((d) => ({ key: d.Key, value: d.Value })),
      },
    };
    monitoringOf(net).metricFilters.push(decl);
    return decl;
  },
  ref: (f) => f.name,
  attributes: {},
});
