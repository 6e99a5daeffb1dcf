/** The common steps of a Describe action: ids, filters, paging (the engines are in core/ec2/describe). */
import type { Ec2Error } from '../../../core/ec2/errors.ts';
import { type FilterTable, applyFilters, readFilters } from '../../../core/ec2/describe/filters.ts';
import { type Page, type PageLimits, paginate } from '../../../core/ec2/describe/paginate.ts';
import { type Params, strList } from '../../../core/ec2/params.ts';
import type { Network } from '../../../core/model/network.ts';
import type { Tag } from '../../../core/model/types.ts';
import type { Ec2Call } from '../action.ts';

export interface DescribeSpec<T, C> {
  action: string;
  items: Iterable<T>;
  /** The ids member (`VpcIds`), the item's id, and the error for an id that does not exist (none: unknown ids just match nothing). */
  ids?: { member: string; idOf: (item: T) => string; missing?: (id: string) => Ec2Error };
  table: FilterTable<T, C>;
  ctx: C;
  tags?: (item: T) => readonly Tag[];
  /** `Filters`, or `Filter` for DescribeFlowLogs and DescribeNatGateways. */
  filterMember?: string;
  limits?: Omit<PageLimits, 'action'>;
}

/** Most Describe actions take MaxResults between 5 and 1000. */
export const LIMITS_5_1000 = { min: 5, max: 1000 } as const;

export function describe<T, C>(p: Params, spec: DescribeSpec<T, C>): Page<T> {
  let items = [...spec.items];
  const filters = readFilters(p, spec.filterMember ?? 'Filters');
  if (spec.ids) {
    const { member, idOf, missing } = spec.ids;
    const wanted = strList(p, member);
    if (wanted.length) {
      const known = new Set(items.map(idOf));
      const absent = wanted.find((id) => !known.has(id));
      if (absent !== undefined && missing) throw missing(absent);
      const want = new Set(wanted);
      items = items.filter((i) => want.has(idOf(i)));
    }
  }
  const matched = applyFilters(items, filters, spec.table, { action: spec.action, tags: spec.tags, ctx: spec.ctx });
  return paginate(matched, p, { action: spec.action, ...spec.limits });
}

/** What sets one Describe of the network's tagged objects apart from another; they are alike in all else. */
export interface NetDescribeSpec<T extends { id: string; tags: readonly Tag[] }> {
  items: (net: Network) => Iterable<T>;
  table: FilterTable<T, Network>;
  /** The request's ids member (`VpcIds`) and AWS's error for an id that does not exist. */
  ids: string;
  missing: (id: string) => Ec2Error;
  /** The response's list member (`Vpcs`) and what each item is in it. */
  result: string;
  view: (item: T, net: Network) => unknown;
  filterMember?: string;
  /** LIMITS_5_1000 unless given. */
  limits?: Omit<PageLimits, 'action'>;
}

/** The handler of a Describe action over one kind of the network's objects, picked by id, filtered (by tag too) and paged. */
export function describeNet<T extends { id: string; tags: readonly Tag[] }>(spec: NetDescribeSpec<T>): (call: Ec2Call, p: Params) => Params {
  return (call, p) => {
    const net = call.state.net;
    const page = describe(p, {
      action: call.action, items: spec.items(net), table: spec.table, ctx: net, tags: (i) => i.tags,
      filterMember: spec.filterMember, limits: spec.limits ?? LIMITS_5_1000,
      ids: { member: spec.ids, idOf: (i) => i.id, missing: spec.missing },
    });
    return { [spec.result]: page.items.map((i) => spec.view(i, net)), NextToken: page.nextToken };
  };
}

/** Tags as responses carry them: absent when there are none, as AWS omits an empty tagSet. */
export function tagsOut(tags: readonly Tag[]): Tag[] | undefined {
  return tags.length ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined;
}
