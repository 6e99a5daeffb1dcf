/** CreateTags, DeleteTags, DescribeTags, DescribeAvailabilityZones, DescribeRegions. */
import { type FilterTable, applyFilters, filterNames, readFilters } from '../../../core/ec2/describe/filters.ts';
import { Ec2Error } from '../../../core/ec2/errors.ts';
import { type Params, optBool, strList } from '../../../core/ec2/params.ts';
import { type RegionInfo, type ZoneInfo, regions, zones } from '../../../core/ec2/regions.ts';
import { type TagDescription, allTags, createTags, deleteTags } from '../../../core/ec2/tags.ts';
import type { ActionTable, Ec2Call } from '../action.ts';
import { RETURN_ONLY } from '../shapes/common.ts';
import * as sh from '../shapes/tags-regions.ts';
import { done } from './common.ts';
import { LIMITS_5_1000, describe } from './describe.ts';

const TAG_FILTERS: FilterTable<TagDescription, undefined> = {
  key: (t) => t.Key, value: (t) => t.Value, 'resource-id': (t) => t.ResourceId, 'resource-type': (t) => t.ResourceType,
};

const ZONE_FILTERS: FilterTable<ZoneInfo, undefined> = {
  'zone-name': (z) => z.ZoneName, 'zone-id': (z) => z.ZoneId, 'region-name': (z) => z.RegionName, state: (z) => z.State,
  'opt-in-status': (z) => z.OptInStatus, 'zone-type': (z) => z.ZoneType, 'group-name': (z) => z.GroupName, message: () => [],
};

const REGION_FILTERS: FilterTable<RegionInfo, undefined> = {
  'region-name': (r) => r.RegionName, endpoint: (r) => r.Endpoint, 'opt-in-status': (r) => r.OptInStatus,
};

function describeTags(c: Ec2Call, p: Params): Params {
  const page = describe(p, { action: c.action, items: allTags(c.state.net), table: TAG_FILTERS, ctx: undefined, limits: LIMITS_5_1000 });
  return { Tags: page.items, NextToken: page.nextToken };
}

/** Picks the named items; a name that is not there is an error. */
function named<T>(items: T[], names: string[], nameOf: (t: T) => string, what: string): T[] {
  if (!names.length) return items;
  for (const n of names) if (!items.some((i) => nameOf(i) === n)) throw new Ec2Error('InvalidParameterValue', `Invalid ${what}: ${n}`);
  return items.filter((i) => names.includes(nameOf(i)));
}

function describeAvailabilityZones(c: Ec2Call, p: Params): Params {
  let items = named(zones(c.state.region), strList(p, 'ZoneNames'), (z) => z.ZoneName, 'availability zone');
  items = named(items, strList(p, 'ZoneIds'), (z) => z.ZoneId, 'availability zone id');
  const out = applyFilters(items, readFilters(p), ZONE_FILTERS, { action: c.action, ctx: undefined });
  return { AvailabilityZones: out.map((z) => ({ ...z, Messages: [] })) };
}

function describeRegions(c: Ec2Call, p: Params): Params {
  const items = named(regions(optBool(p, 'AllRegions') ?? false), strList(p, 'RegionNames'), (r) => r.RegionName, 'region');
  return { Regions: applyFilters(items, readFilters(p), REGION_FILTERS, { action: c.action, ctx: undefined }) };
}

export const TAG_REGION_ACTIONS: ActionTable = {
  CreateTags: { input: sh.CreateTagsRequest, output: RETURN_ONLY, run: (c, p) => (createTags(c.state.ec2, p), done()) },
  DeleteTags: { input: sh.DeleteTagsRequest, output: RETURN_ONLY, run: (c, p) => (deleteTags(c.state.ec2, p), done()) },
  DescribeTags: { input: sh.DescribeTagsRequest, output: sh.DescribeTagsResult, run: describeTags, filters: filterNames(TAG_FILTERS, false) },
  DescribeAvailabilityZones: {
    input: sh.DescribeAvailabilityZonesRequest, output: sh.DescribeAvailabilityZonesResult, run: describeAvailabilityZones,
    filters: filterNames(ZONE_FILTERS, false),
  },
  DescribeRegions: {
    input: sh.DescribeRegionsRequest, output: sh.DescribeRegionsResult, run: describeRegions, filters: filterNames(REGION_FILTERS, false),
  },
};
