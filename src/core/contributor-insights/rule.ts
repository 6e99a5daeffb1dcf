/**
 * Contributor Insights rule bodies (Schema CloudWatchLogRule version 1), read
 * and checked as CloudWatch checks them: LogGroupNames (a trailing `*` is a
 * prefix) or LogGroupARNs, LogFormat JSON or CLF, Fields (CLF positions,
 * from 1), Contribution.Keys (1 to 4), ValueOf, Filters (at most 4, all must
 * hold), AggregateOn Count or Sum. Errors name the place in the rule.
 */
import { parseSelector } from '../metric-filters/index.ts';

export type FilterOp = 'In' | 'NotIn' | 'StartsWith' | 'NotStartsWith' | 'GreaterThan' | 'LessThan' | 'EqualTo' | 'NotEqualTo' | 'IsPresent';

export const FILTER_OPS: readonly FilterOp[] = ['In', 'NotIn', 'StartsWith', 'NotStartsWith', 'GreaterThan', 'LessThan', 'EqualTo', 'NotEqualTo', 'IsPresent'];

export interface RuleFilter {
  match: string;
  op: FilterOp;
  /** Strings for In/NotIn/StartsWith/NotStartsWith; a number or string for comparisons; a boolean for IsPresent. */
  operand: string[] | number | string | boolean;
}

export interface InsightRule {
  logGroupNames: string[];
  logFormat: 'JSON' | 'CLF';
  /** CLF: alias → 1-based position. */
  fields: Map<string, number>;
  keys: string[];
  valueOf?: string | undefined;
  filters: RuleFilter[];
  aggregateOn: 'Count' | 'Sum';
}

export class RuleError extends Error {
  constructor(readonly place: string, readonly expected: string, readonly found: string) {
    super(`${place ? `${place}: ` : ''}expected ${expected}, found ${found}`);
    this.name = 'RuleError';
  }
}

const TOP = ['Schema', 'LogGroupNames', 'LogGroupARNs', 'LogFormat', 'Fields', 'Contribution', 'AggregateOn'];

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 80));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a rule body: JSON text (RuleBody) or an already parsed object. */
export function parseRule(body: unknown): InsightRule {
  let v = body;
  if (typeof body === 'string') {
    try {
      v = JSON.parse(body);
    } catch (e) {
      throw new RuleError('', 'a rule body in JSON', `text JSON cannot read (${(e as Error).message})`);
    }
  }
  if (!isObject(v)) throw new RuleError('', 'a JSON object', show(v));
  for (const k of Object.keys(v)) if (!TOP.includes(k)) throw new RuleError(k, `one of ${TOP.join(', ')}`, `the unknown field "${k}"`);
  const schema = v.Schema;
  if (!isObject(schema) || schema.Name !== 'CloudWatchLogRule' || schema.Version !== 1) throw new RuleError('Schema', '{"Name": "CloudWatchLogRule", "Version": 1}', show(schema));

  const logGroupNames = readGroups(v);
  if (v.LogFormat !== 'JSON' && v.LogFormat !== 'CLF') throw new RuleError('LogFormat', 'JSON or CLF', show(v.LogFormat));
  const logFormat = v.LogFormat;
  const fields = readFields(v.Fields, logFormat);

  const c = v.Contribution;
  if (!isObject(c)) throw new RuleError('Contribution', 'an object with Keys', show(c));
  for (const k of Object.keys(c)) if (!['Keys', 'ValueOf', 'Filters'].includes(k)) throw new RuleError(`Contribution.${k}`, 'one of Keys, ValueOf, Filters', `the unknown field "${k}"`);
  const ref = (place: string, x: unknown): string => {
    if (typeof x !== 'string' || x === '') throw new RuleError(place, logFormat === 'CLF' ? 'a field alias from Fields or a position such as "4"' : 'a JSON property such as "$.ip"', show(x));
    if (logFormat === 'CLF' ? !fields.has(x) && !/^[1-9]\d*$/.test(x) : parseSelector(x) === undefined) {
      throw new RuleError(place, logFormat === 'CLF' ? `a field alias from Fields (${[...fields.keys()].join(', ') || 'none'}) or a position such as "4"` : 'a JSON property such as "$.ip" or "$.users[0].name"', show(x));
    }
    return x;
  };
  if (!Array.isArray(c.Keys) || c.Keys.length < 1 || c.Keys.length > 4) throw new RuleError('Contribution.Keys', 'a list of 1 to 4 fields', show(c.Keys));
  const keys = c.Keys.map((k, i) => ref(`Contribution.Keys[${i}]`, k));
  const valueOf = c.ValueOf === undefined ? undefined : ref('Contribution.ValueOf', c.ValueOf);
  const filters = readFilters(c.Filters, ref);

  if (v.AggregateOn !== 'Count' && v.AggregateOn !== 'Sum') throw new RuleError('AggregateOn', 'Count or Sum', show(v.AggregateOn));
  return { logGroupNames, logFormat, fields, keys, valueOf, filters, aggregateOn: v.AggregateOn };
}

function readGroups(v: Record<string, unknown>): string[] {
  if ((v.LogGroupNames === undefined) === (v.LogGroupARNs === undefined)) {
    throw new RuleError('LogGroupNames', 'either LogGroupNames or LogGroupARNs', v.LogGroupNames === undefined ? 'neither' : 'both');
  }
  const place = v.LogGroupNames !== undefined ? 'LogGroupNames' : 'LogGroupARNs';
  const list = v[place];
  if (!Array.isArray(list) || list.length === 0) throw new RuleError(place, 'a list of at least one log group', show(list));
  return list.map((x, i) => {
    if (typeof x !== 'string' || x === '') throw new RuleError(`${place}[${i}]`, 'a log group name', show(x));
    if (place === 'LogGroupNames') return x;
    const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(x);
    if (!m) throw new RuleError(`${place}[${i}]`, 'a log group ARN (arn:aws:logs:region:account:log-group:NAME)', show(x));
    return m[1]!;
  });
}

function readFields(f: unknown, format: 'JSON' | 'CLF'): Map<string, number> {
  const out = new Map<string, number>();
  if (f === undefined) return out;
  if (format !== 'CLF') throw new RuleError('Fields', 'no Fields in a JSON rule (Fields name CLF positions)', show(f));
  if (!isObject(f)) throw new RuleError('Fields', 'an object of position → name, such as {"4": "srcaddr"}', show(f));
  for (const [pos, name] of Object.entries(f)) {
    if (!/^[1-9]\d*$/.test(pos)) throw new RuleError(`Fields["${pos}"]`, 'a position from 1', `"${pos}"`);
    if (typeof name !== 'string' || name === '') throw new RuleError(`Fields["${pos}"]`, 'a field name', show(name));
    out.set(name, Number(pos));
  }
  return out;
}

function readFilters(list: unknown, ref: (place: string, x: unknown) => string): RuleFilter[] {
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.length > 4) throw new RuleError('Contribution.Filters', 'a list of at most 4 filters', show(list));
  return list.map((f, i) => {
    const place = `Contribution.Filters[${i}]`;
    if (!isObject(f)) throw new RuleError(place, 'an object with Match and one operator', show(f));
    const match = ref(`${place}.Match`, f.Match);
    const ops = Object.keys(f).filter((k) => k !== 'Match');
    if (ops.length !== 1 || !FILTER_OPS.includes(ops[0] as FilterOp)) {
      throw new RuleError(place, `Match and exactly one of ${FILTER_OPS.join(', ')}`, ops.length ? ops.map((o) => `"${o}"`).join(', ') : 'no operator');
    }
    const op = ops[0] as FilterOp;
    const operand = f[op];
    const at = `${place}.${op}`;
    switch (op) {
      case 'In': case 'NotIn': case 'StartsWith': case 'NotStartsWith':
        if (!Array.isArray(operand) || operand.length < 1 || operand.length > 10 || operand.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
          throw new RuleError(at, 'a list of 1 to 10 strings', show(operand));
        }
        return { match, op, operand: operand.map(String) };
      case 'GreaterThan': case 'LessThan':
        if (typeof operand !== 'number') throw new RuleError(at, 'a number', show(operand));
        return { match, op, operand };
      case 'EqualTo': case 'NotEqualTo':
        if (typeof operand !== 'number' && typeof operand !== 'string') throw new RuleError(at, 'a number', show(operand));
        return { match, op, operand };
      case 'IsPresent':
        if (typeof operand !== 'boolean') throw new RuleError(at, 'true or false', show(operand));
        return { match, op, operand };
    }
  });
}
