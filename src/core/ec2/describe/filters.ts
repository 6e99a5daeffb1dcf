/**
 * `Describe*` filters as EC2 applies them: values within a filter are OR-ed,
 * filters are AND-ed, `*` and `?` are wildcards (`\` escapes them), and
 * `tag:<key>`, `tag-key` and `tag-value` look at the resource's tags. A filter
 * name the action does not support is an error naming it, never ignored
 * (moto's FilterNotImplementedError, as an API error).
 */
import type { Tag } from '../../model/types.ts';
import { Ec2Error } from '../errors.ts';
import { type Params, list } from '../params.ts';

export interface Filter { name: string; values: string[] }

type Value = string | number | boolean | undefined | null;

/** For each filter name, the item's values it compares against; `C` is whatever else they need (the network). */
export type FilterTable<T, C = undefined> = Readonly<Record<string, (item: T, ctx: C) => Value | readonly Value[]>>;

export interface FilterOptions<T, C> {
  action: string;
  ctx: C;
  /** The item's tags, for `tag:<key>`, `tag-key` and `tag-value`; omitted when the type has none. */
  tags?: (item: T) => readonly Tag[];
}

/** Reads `Filters` (`Filter` in DescribeFlowLogs and DescribeNatGateways) from the API's JSON shape. */
export function readFilters(p: Params, member = 'Filters'): Filter[] {
  return list(p, member).map((f) => {
    const o = (f ?? {}) as Params;
    const name = typeof o.Name === 'string' ? o.Name : '';
    if (!name) throw new Ec2Error('InvalidParameterValue', 'Each filter must have a Name');
    const values = list(o, 'Values').map(String);
    if (values.length === 0) throw new Ec2Error('InvalidParameterValue', `The filter '${name}' must have at least one value`);
    return { name, values };
  });
}

/** A wildcard pattern as a matcher: `*` any run, `?` one character, `\` escapes. */
export function wildcard(pattern: string): (s: string) => boolean {
  if (!/[*?\\]/.test(pattern)) return (s) => s === pattern;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]!);
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else re += escapeRe(c);
  }
  const rx = new RegExp(`^${re}$`);
  return (s) => rx.test(s);
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function asStrings(v: Value | readonly Value[]): string[] {
  const arr = (Array.isArray(v) ? v : [v]) as readonly Value[];
  return arr.filter((x): x is string | number | boolean => x !== undefined && x !== null).map(String);
}

type Test<T> = (item: T) => boolean;

function compile<T, C>(f: Filter, table: FilterTable<T, C>, opts: FilterOptions<T, C>): Test<T> {
  const match = f.values.map(wildcard);
  const any = (vals: string[]) => vals.some((v) => match.some((m) => m(v)));
  const tags = opts.tags;
  if (tags && f.name.startsWith('tag:')) {
    const key = f.name.slice(4);
    return (item) => any(tags(item).filter((t) => t.Key === key).map((t) => t.Value));
  }
  if (tags && f.name === 'tag-key') return (item) => any(tags(item).map((t) => t.Key));
  if (tags && f.name === 'tag-value') return (item) => any(tags(item).map((t) => t.Value));
  const get = Object.hasOwn(table, f.name) ? table[f.name] : undefined;
  if (!get) {
    const known = [...Object.keys(table), ...(tags ? ['tag:<key>', 'tag-key', 'tag-value'] : [])].join(', ');
    throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid (vpcflow supports these filters for ${opts.action}: ${known})`);
  }
  return (item) => any(asStrings(get(item, opts.ctx)));
}

/** The items every filter matches, in their original order. */
export function applyFilters<T, C>(items: readonly T[], filters: readonly Filter[], table: FilterTable<T, C>, opts: FilterOptions<T, C>): T[] {
  const tests = filters.map((f) => compile(f, table, opts));
  return items.filter((item) => tests.every((t) => t(item)));
}

/** Every filter name an action supports, for COVERAGE.md. */
export function filterNames<T, C>(table: FilterTable<T, C>, tagged: boolean): string[] {
  return [...Object.keys(table), ...(tagged ? ['tag:<key>', 'tag-key', 'tag-value'] : [])];
}
