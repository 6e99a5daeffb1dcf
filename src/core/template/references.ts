/**
 * Finds what each resource depends on (Ref, Fn::GetAtt, Fn::Sub, DependsOn),
 * checking every name on the way, before anything is created: CloudFormation
 * also rejects a template with an unknown name or attribute up front. Branches
 * of Fn::If that the conditions rule out are checked for names but add no
 * dependency, so they may name resources that are not created.
 */
import { describeValue, isMapping } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { parseSub, splitAttributeRef } from './fn-sub.ts';
import { isFunctionKey } from './intrinsics.ts';

export interface DeclaredResource {
  type: string;
  /** False when the resource's Condition is false: it is not created. */
  live: boolean;
  condition?: string | undefined;
}

export interface ScanContext {
  origin: Origin;
  resources: ReadonlyMap<string, DeclaredResource>;
  isParameter(name: string): boolean;
  /** The attributes of a modelled type; undefined for types vpcflow ignores (any attribute goes). */
  attributesOf(type: string): readonly string[] | undefined;
  condition(name: string, path: Path): boolean;
  refNames(): string[];
}

/** Adds to `deps` the resources `v` refers to on its live paths. */
export function scanReferences(v: unknown, path: Path, ctx: ScanContext, live: boolean, deps: Set<string>): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => scanReferences(x, [...path, i], ctx, live, deps));
    return;
  }
  if (!isMapping(v)) return;
  const entries = Object.entries(v);
  const fn = entries.length === 1 && isFunctionKey(entries[0]![0]) ? entries[0]! : undefined;
  if (!fn) {
    for (const [k, x] of entries) scanReferences(x, [...path, k], ctx, live, deps);
    return;
  }
  const [name, arg] = fn;
  const at = [...path, name];
  switch (name) {
    case 'Ref':
      if (typeof arg === 'string' && !ctx.isParameter(arg)) useResource(arg, undefined, path, ctx, live, deps, 'Ref');
      return;
    case 'Fn::GetAtt': {
      const pair = typeof arg === 'string' ? splitAttributeRef(arg) : Array.isArray(arg) && arg.length === 2 ? arg : undefined;
      if (pair && typeof pair[0] === 'string') {
        useResource(pair[0], typeof pair[1] === 'string' ? pair[1] : undefined, path, ctx, live, deps, 'Fn::GetAtt');
        if (typeof pair[1] !== 'string') scanReferences(pair[1], [...at, 1], ctx, live, deps);
      }
      return;
    }
    case 'Fn::Sub': {
      const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
      if (isMapping(vars)) scanReferences(vars, [...at, 1], ctx, live, deps);
      if (typeof text !== 'string') return;
      const local = new Set(isMapping(vars) ? Object.keys(vars) : []);
      for (const part of parseSub(text)) {
        if (!('name' in part) || local.has(part.name) || ctx.isParameter(part.name)) continue;
        const pair = splitAttributeRef(part.name);
        if (pair) useResource(pair[0], pair[1], at, ctx, live, deps, 'Fn::Sub');
        else useResource(part.name, undefined, at, ctx, live, deps, 'Fn::Sub');
      }
      return;
    }
    case 'Fn::If':
      if (Array.isArray(arg) && arg.length === 3 && typeof arg[0] === 'string') {
        const yes = ctx.condition(arg[0], [...at, 0]);
        scanReferences(arg[1], [...at, 1], ctx, live && yes, deps);
        scanReferences(arg[2], [...at, 2], ctx, live && !yes, deps);
        return;
      }
      break;
  }
  scanReferences(arg, at, ctx, live, deps);
}

function useResource(
  name: string, attr: string | undefined, path: Path, ctx: ScanContext, live: boolean, deps: Set<string>, fn: string,
): void {
  const r = ctx.resources.get(name);
  if (!r) {
    const names = fn === 'Fn::GetAtt' ? [...ctx.resources.keys()] : ctx.refNames();
    if (fn === 'Fn::Sub') {
      const shown = attr === undefined ? name : `${name}.${attr}`;
      throw errorAt(ctx.origin, path, 'each ${Name} in Fn::Sub to name a parameter, a resource or a variable', `\${${shown}}${didYouMean(name, names)}`);
    }
    const expected = fn === 'Fn::GetAtt' ? `${fn} to name a resource of this template` : `${fn} to name a parameter or resource of this template`;
    throw errorAt(ctx.origin, path, expected, `"${name}"${didYouMean(name, names)}`);
  }
  if (attr !== undefined) {
    const attrs = ctx.attributesOf(r.type);
    if (attrs && !attrs.includes(attr)) {
      throw errorAt(ctx.origin, path, `an attribute of ${r.type} (${attrs.join(', ')})`, `"${name}.${attr}"${didYouMean(attr, attrs)}`);
    }
  }
  if (!live) return;
  if (!r.live) {
    throw errorAt(ctx.origin, path, `${fn} to name a resource that is created`, `"${name}", which is not created because its condition ${r.condition} is false`);
  }
  deps.add(name);
}

/** DependsOn: a resource name or a list of them. */
export function scanDependsOn(v: unknown, path: Path, self: string, ctx: ScanContext, deps: Set<string>): void {
  const names = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
  if (!names) throw errorAt(ctx.origin, path, 'DependsOn to be a resource name or a list of them', describeValue(v));
  names.forEach((name, i) => {
    const at = typeof v === 'string' ? path : [...path, i];
    if (typeof name !== 'string') throw errorAt(ctx.origin, at, 'a resource name', describeValue(name));
    const r = ctx.resources.get(name);
    if (!r) throw errorAt(ctx.origin, at, 'DependsOn to name a resource of this template', `"${name}"${didYouMean(name, [...ctx.resources.keys()])}`);
    if (!r.live) throw errorAt(ctx.origin, at, 'DependsOn to name a resource that is created', `"${name}", which is not created because its condition ${r.condition} is false`);
    if (name === self) throw errorAt(ctx.origin, at, 'a resource other than itself', `"${name}"`);
    deps.add(name);
  });
}
