/**
 * PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter. The pattern is
 * checked with the metric filter compiler, and a `$field` metric value or
 * dimension must be one the pattern can extract; at most 100 filters a group.
 */
import { compilePattern, PatternSyntaxError } from '../../../core/metric-filters/index.ts';
import type { LogsActionTable } from '../action.ts';
import { invalidParameter, limitExceeded, notFound } from '../errors.ts';
import { needGroup } from '../lookup.ts';
import { page } from '../paging.ts';
import { FILTER_NAME, GROUP_NAME, NEXT_TOKEN, type Params, optBool, optInt, optMap, optStr, reqList, reqStr, struct } from '../params.ts';
import { metricFilterView } from '../views.ts';

const MAX_FILTERS = 100;
const METRIC_NAME = { max: 255, pattern: /^[^:*$]*$/ };
const UNITS = ['Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None'];

function transformation(v: unknown, canReference: (ref: string) => boolean): Record<string, unknown> {
  const t = struct(v, 'metricTransformations.1.member');
  const metricName = reqStr(t, 'metricName', METRIC_NAME);
  const metricNamespace = reqStr(t, 'metricNamespace', { max: 255, pattern: /^[^:*$]*$/ });
  const metricValue = reqStr(t, 'metricValue', { max: 100 });
  if (metricValue.startsWith('$') && !canReference(metricValue)) throw invalidParameter(`Invalid metric value: ${metricValue} is not a field the filter pattern extracts.`);
  if (!metricValue.startsWith('$') && !Number.isFinite(Number(metricValue))) throw invalidParameter(`Invalid metric value: ${metricValue}`);
  const out: Record<string, unknown> = { metricName, metricNamespace, metricValue };
  if (t.defaultValue !== undefined && t.defaultValue !== null) {
    if (typeof t.defaultValue !== 'number') throw invalidParameter('defaultValue must be a number.');
    out.defaultValue = t.defaultValue;
  }
  const dims = optMap(t, 'dimensions');
  if (dims) {
    if (Object.keys(dims).length > 3) throw invalidParameter('A metric filter can have at most 3 dimensions.');
    if (out.defaultValue !== undefined) throw invalidParameter('A metric filter cannot have both a default value and dimensions.');
    for (const ref of Object.values(dims)) if (!canReference(ref)) throw invalidParameter(`Invalid dimension value: ${ref} is not a field the filter pattern extracts.`);
    out.dimensions = dims;
  }
  const unit = optStr(t, 'unit');
  if (unit !== undefined) {
    if (!UNITS.includes(unit)) throw invalidParameter(`Invalid unit: ${unit}`);
    out.unit = unit;
  }
  return out;
}

export const METRIC_FILTER_ACTIONS: LogsActionTable = {
  PutMetricFilter: (c, p) => {
    const g = needGroup(c, reqStr(p, 'logGroupName', GROUP_NAME));
    const filterName = reqStr(p, 'filterName', FILTER_NAME);
    const filterPattern = reqStr(p, 'filterPattern', { max: 1024 });
    let compiled;
    try {
      compiled = compilePattern(filterPattern);
    } catch (e) {
      if (e instanceof PatternSyntaxError) throw invalidParameter(`Invalid metric filter pattern: ${e.message}`);
      throw e;
    }
    const list = reqList(p, 'metricTransformations', 1, 1);
    const metricTransformations = list.map((v) => transformation(v, (ref) => compiled.canReference(ref)));
    const applyOnTransformedLogs = optBool(p, 'applyOnTransformedLogs') ?? false;
    const exists = g.metricFilters.some((f) => f.filterName === filterName);
    if (!exists && g.metricFilters.length >= MAX_FILTERS) throw limitExceeded(`Resource limit exceeded: a log group can have at most ${MAX_FILTERS} metric filters.`);
    c.store.putMetricFilter(g, { filterName, filterPattern, metricTransformations, creationTime: c.now(), applyOnTransformedLogs });
    return undefined;
  },
  DescribeMetricFilters: (c, p) => {
    const groupName = optStr(p, 'logGroupName', GROUP_NAME);
    const prefix = optStr(p, 'filterNamePrefix', FILTER_NAME);
    const metricName = optStr(p, 'metricName', METRIC_NAME);
    const namespace = optStr(p, 'metricNamespace', { max: 255 });
    const limit = optInt(p, 'limit', 1, 50) ?? 50;
    const token = optStr(p, 'nextToken', NEXT_TOKEN);
    if (prefix !== undefined && groupName === undefined) throw invalidParameter('filterNamePrefix requires logGroupName.');
    if ((metricName === undefined) !== (namespace === undefined)) throw invalidParameter('metricName and metricNamespace must be specified together.');
    const groups = groupName !== undefined ? [needGroup(c, groupName)] : c.store.groups();
    const all: { key: string; view: Params }[] = [];
    for (const g of groups) {
      for (const f of g.metricFilters) {
        if (prefix !== undefined && !f.filterName.startsWith(prefix)) continue;
        if (metricName !== undefined && !f.metricTransformations.some((t) => t.metricName === metricName && t.metricNamespace === namespace)) continue;
        all.push({ key: `${g.name}\0${f.filterName}`, view: metricFilterView(g, f) });
      }
    }
    all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const r = page(all, (x) => x.key, 'metric-filters', token, limit);
    return { metricFilters: r.items.map((x) => x.view), ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
  },
  DeleteMetricFilter: (c, p) => {
    const g = needGroup(c, reqStr(p, 'logGroupName', GROUP_NAME));
    if (!c.store.deleteMetricFilter(g, reqStr(p, 'filterName', FILTER_NAME))) throw notFound('The specified metric filter does not exist.');
    return undefined;
  },
};
