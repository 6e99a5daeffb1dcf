/**
 * CloudFormation's intrinsic functions, evaluated as CloudFormation does when it
 * creates a resource. A call is a mapping with a single `Ref` or `Fn::…` key;
 * the short YAML tags arrive here already in that long form.
 */
import { azNames, isRegionName } from '../model/region.ts';
import { describeValue, isMapping } from '../scenario/describe.ts';
import { errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { CidrArgumentError, cidrSubnets } from './fn-cidr.ts';
import { parseSub, splitAttributeRef } from './fn-sub.ts';
import { type Env, NO_VALUE } from './scope.ts';

type Fn = (arg: unknown, node: Path, env: Env) => unknown;

/** Whether a key makes its mapping a function call. */
export function isFunctionKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/** Evaluates every call inside `v`; the result may be NO_VALUE (AWS::NoValue) at the top. */
export function evaluate(v: unknown, path: Path, env: Env): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    v.forEach((item, i) => {
      const r = evaluate(item, [...path, i], env);
      if (r !== NO_VALUE) out.push(r);
    });
    return out;
  }
  if (!isMapping(v)) return v;
  const keys = Object.keys(v);
  const fnKey = keys.find(isFunctionKey);
  if (fnKey !== undefined) {
    if (keys.length > 1) {
      throw errorAt(env.origin, path, `${fnKey} alone in its mapping`, `other keys beside it: ${keys.filter((k) => k !== fnKey).join(', ')}`);
    }
    return call(fnKey, v[fnKey], path, env);
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const r = evaluate(x, [...path, k], env);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}

function call(name: string, arg: unknown, node: Path, env: Env): unknown {
  const fn = FUNCTIONS[name];
  if (fn) return fn(arg, node, env);
  if (CONDITION_FUNCTIONS.has(name)) {
    throw errorAt(env.origin, [...node, name], 'Fn::If with the name of a condition (condition functions belong in the Conditions section)', name);
  }
  const known = [...Object.keys(FUNCTIONS), 'Fn::ImportValue'];
  throw errorAt(env.origin, [...node, name], 'an intrinsic function vpcflow supports (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::GetAZs, Fn::Cidr, Fn::If, Fn::FindInMap, Fn::Base64)', `${name}${didYouMean(name, known)}`);
}

const CONDITION_FUNCTIONS = new Set(['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not']);

/** Text where CloudFormation wants a string: numbers and booleans are written out. */
export function asText(v: unknown, path: Path, env: Env, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw errorAt(env.origin, path, what, describeValue(v));
}

function evalText(v: unknown, path: Path, env: Env, what: string): string {
  return asText(evaluate(v, path, env), path, env, what);
}

function evalList(v: unknown, path: Path, env: Env, what: string): unknown[] {
  const r = evaluate(v, path, env);
  if (!Array.isArray(r)) throw errorAt(env.origin, path, what, describeValue(r));
  return r;
}

function evalInt(v: unknown, path: Path, env: Env, what: string): number {
  const r = evaluate(v, path, env);
  const n = typeof r === 'number' ? r : typeof r === 'string' && /^\s*-?\d+\s*$/.test(r) ? Number(r) : NaN;
  if (!Number.isInteger(n)) throw errorAt(env.origin, path, what, describeValue(r));
  return n;
}

/** The arguments of a list-taking function, checked for their number. */
function args(arg: unknown, node: Path, env: Env, fn: string, count: number, shape: string): unknown[] {
  const path = [...node, fn];
  if (!Array.isArray(arg) || arg.length !== count) {
    throw errorAt(env.origin, path, `${fn} to take a list of ${count}: ${shape}`, describeValue(arg));
  }
  return arg;
}

function ref(arg: unknown, node: Path, env: Env): unknown {
  if (typeof arg !== 'string') throw errorAt(env.origin, node, 'Ref to name a parameter or resource', describeValue(arg));
  const { scope } = env;
  const p = scope.parameter(arg);
  if (p !== undefined) return p;
  if (scope.isResource(arg)) {
    if (env.inConditions) throw errorAt(env.origin, node, 'Ref in a condition to name a parameter (conditions cannot use resources)', `Ref ${arg}, a resource`);
    return scope.resourceRef(arg, node, env.origin);
  }
  const what = env.inConditions ? 'Ref to name a parameter of this template' : 'Ref to name a parameter or resource of this template';
  throw errorAt(env.origin, node, what, `"${arg}"${didYouMean(arg, scope.refNames())}`);
}

/** Fn::GetAtt, also for `${Res.Attr}` in Fn::Sub. */
export function getAtt(name: string, attr: string, node: Path, env: Env): unknown {
  const { scope } = env;
  if (!scope.isResource(name)) {
    throw errorAt(env.origin, node, 'Fn::GetAtt to name a resource of this template', `"${name}"${didYouMean(name, scope.resourceNames())}`);
  }
  if (env.inConditions) throw errorAt(env.origin, node, 'a condition that uses parameters only', `Fn::GetAtt ${name}.${attr}`);
  return scope.resourceAttr(name, attr, node, env.origin);
}

function fnGetAtt(arg: unknown, node: Path, env: Env): unknown {
  const path = [...node, 'Fn::GetAtt'];
  let pair: [unknown, unknown] | undefined;
  if (typeof arg === 'string') pair = splitAttributeRef(arg);
  else if (Array.isArray(arg) && arg.length === 2) pair = [arg[0], arg[1]];
  if (!pair || typeof pair[0] !== 'string') {
    throw errorAt(env.origin, path, 'Fn::GetAtt to take [Resource, Attribute] or "Resource.Attribute"', describeValue(arg));
  }
  const attr = typeof pair[1] === 'string' ? pair[1] : evalText(pair[1], [...path, 1], env, 'the name of an attribute');
  return getAtt(pair[0], attr, node, env);
}

function fnSub(arg: unknown, node: Path, env: Env): unknown {
  const path = [...node, 'Fn::Sub'];
  let text: unknown = arg;
  const vars = new Map<string, string>();
  if (Array.isArray(arg)) {
    const [t, m] = args(arg, node, env, 'Fn::Sub', 2, '[text, { Name: value }]');
    text = t;
    if (!isMapping(m)) throw errorAt(env.origin, [...path, 1], 'a mapping of variable names to values', describeValue(m));
    for (const [k, x] of Object.entries(m)) vars.set(k, evalText(x, [...path, 1, k], env, 'a string value for the variable'));
  }
  if (typeof text !== 'string') throw errorAt(env.origin, Array.isArray(arg) ? [...path, 0] : path, 'Fn::Sub to take a text', describeValue(text));
  let out = '';
  for (const part of parseSub(text)) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const known = vars.get(part.name);
    if (known !== undefined) {
      out += known;
      continue;
    }
    const pair = env.scope.parameter(part.name) === undefined ? splitAttributeRef(part.name) : undefined;
    const value = pair ? getAtt(pair[0], pair[1], path, env) : subRef(part.name, path, env, [...vars.keys()]);
    out += asText(value, path, env, `\${${part.name}} to be a single value`);
  }
  return out;
}

function subRef(name: string, path: Path, env: Env, vars: string[]): unknown {
  const { scope } = env;
  if (scope.parameter(name) === undefined && !scope.isResource(name)) {
    throw errorAt(env.origin, path, 'each ${Name} in Fn::Sub to name a parameter, a resource or a variable', `\${${name}}${didYouMean(name, [...vars, ...scope.refNames()])}`);
  }
  return ref(name, path, env);
}

function fnJoin(arg: unknown, node: Path, env: Env): string {
  const [d, l] = args(arg, node, env, 'Fn::Join', 2, '[delimiter, [values]]');
  const path = [...node, 'Fn::Join'];
  const delimiter = evalText(d, [...path, 0], env, 'a delimiter string');
  const items = evalList(l, [...path, 1], env, 'a list of values to join');
  return items.map((x, i) => asText(x, [...path, 1, i], env, 'a string to join')).join(delimiter);
}

function fnSelect(arg: unknown, node: Path, env: Env): unknown {
  const [i, l] = args(arg, node, env, 'Fn::Select', 2, '[index, [values]]');
  const path = [...node, 'Fn::Select'];
  const index = evalInt(i, [...path, 0], env, 'an index (a whole number)');
  const items = evalList(l, [...path, 1], env, 'a list to select from');
  if (index < 0 || index >= items.length) {
    throw errorAt(env.origin, [...path, 0], `an index from 0 to ${items.length - 1}`, `${index} (the list has ${items.length} item${items.length === 1 ? '' : 's'})`);
  }
  return items[index];
}

function fnSplit(arg: unknown, node: Path, env: Env): string[] {
  const [d, s] = args(arg, node, env, 'Fn::Split', 2, '[delimiter, text]');
  const path = [...node, 'Fn::Split'];
  const delimiter = evalText(d, [...path, 0], env, 'a delimiter string');
  if (delimiter === '') throw errorAt(env.origin, [...path, 0], 'a delimiter that is not empty', '""');
  return evalText(s, [...path, 1], env, 'a text to split').split(delimiter);
}

function fnGetAZs(arg: unknown, node: Path, env: Env): string[] {
  const path = [...node, 'Fn::GetAZs'];
  const region = arg === undefined || arg === null ? '' : evalText(arg, path, env, 'a region name, or "" for this region');
  if (region !== '' && !isRegionName(region)) throw errorAt(env.origin, path, 'a region name such as us-east-1, or ""', describeValue(region));
  return azNames(region === '' ? env.scope.region : region);
}

function fnCidr(arg: unknown, node: Path, env: Env): string[] {
  const [b, c, h] = args(arg, node, env, 'Fn::Cidr', 3, '[ipBlock, count, cidrBits]');
  const path = [...node, 'Fn::Cidr'];
  const block = evalText(b, [...path, 0], env, 'a CIDR block such as 10.0.0.0/16');
  const count = evalInt(c, [...path, 1], env, 'a count (a whole number)');
  const bits = evalInt(h, [...path, 2], env, 'a number of subnet bits (a whole number)');
  try {
    return cidrSubnets(block, count, bits);
  } catch (e) {
    if (!(e instanceof CidrArgumentError)) throw e;
    throw errorAt(env.origin, [...path, e.argument], e.expected, describeValue([block, count, bits][e.argument]));
  }
}

function fnIf(arg: unknown, node: Path, env: Env): unknown {
  const [name, yes, no] = args(arg, node, env, 'Fn::If', 3, '[ConditionName, valueIfTrue, valueIfFalse]');
  const path = [...node, 'Fn::If'];
  if (typeof name !== 'string') throw errorAt(env.origin, [...path, 0], 'the name of a condition', describeValue(name));
  return env.scope.condition(name, [...path, 0], env.origin) ? evaluate(yes, [...path, 1], env) : evaluate(no, [...path, 2], env);
}

function fnBase64(arg: unknown, node: Path, env: Env): string {
  const bytes = new TextEncoder().encode(evalText(arg, [...node, 'Fn::Base64'], env, 'a text to encode'));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fnFindInMap(arg: unknown, node: Path, env: Env): unknown {
  const [m, k1, k2] = args(arg, node, env, 'Fn::FindInMap', 3, '[MapName, TopLevelKey, SecondLevelKey]');
  const path = [...node, 'Fn::FindInMap'];
  const mapName = evalText(m, [...path, 0], env, 'the name of a mapping');
  const map = env.scope.mappings[mapName];
  if (!isMapping(map)) throw errorAt(env.origin, [...path, 0], 'the name of a mapping in Mappings', `"${mapName}"${didYouMean(mapName, Object.keys(env.scope.mappings))}`);
  const top = evalText(k1, [...path, 1], env, 'a top-level key');
  const level = map[top];
  if (!isMapping(level)) throw errorAt(env.origin, [...path, 1], `a top-level key of mapping ${mapName}`, `"${top}"${didYouMean(top, Object.keys(map))}`);
  const second = evalText(k2, [...path, 2], env, 'a second-level key');
  if (!(second in level)) throw errorAt(env.origin, [...path, 2], `a key of ${mapName}.${top}`, `"${second}"${didYouMean(second, Object.keys(level))}`);
  return level[second];
}

function fnImportValue(arg: unknown, node: Path, env: Env): never {
  throw errorAt(env.origin, [...node, 'Fn::ImportValue'], 'a value from this template (Fn::ImportValue reads another stack\'s exports, which vpcflow does not model; use a parameter instead)', `Fn::ImportValue ${describeValue(arg)}`);
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  Ref: ref,
  'Fn::GetAtt': fnGetAtt,
  'Fn::Sub': fnSub,
  'Fn::Join': fnJoin,
  'Fn::Select': fnSelect,
  'Fn::Split': fnSplit,
  'Fn::GetAZs': fnGetAZs,
  'Fn::Cidr': fnCidr,
  'Fn::If': fnIf,
  'Fn::Base64': fnBase64,
  'Fn::FindInMap': fnFindInMap,
  'Fn::ImportValue': fnImportValue,
};
