/**
 * Reading a JSON request's members with the model's constraints: a wrong
 * type is a `SerializationException` (as AWS's JSON decoder reports it), a
 * missing required member or a value out of range an
 * `InvalidParameterException` in AWS's "1 validation error detected" words.
 */
import { LogsError, validation } from './errors.ts';

export type Params = Record<string, unknown>;

const serialization = (member: string, want: string): LogsError =>
  new LogsError('SerializationException', `Expected ${want} for member '${member}'.`);

interface StrRule { min?: number; max?: number; pattern?: RegExp }

export function optStr(p: Params, name: string, rule: StrRule = {}): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw serialization(name, 'a string');
  if (rule.min !== undefined && v.length < rule.min) throw validation(name, v, `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && v.length > rule.max) throw validation(name, v, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(v)) throw validation(name, v, `Member must satisfy regular expression pattern: ${rule.pattern.source.replace(/^\^|\$$/g, '')}`);
  return v;
}

export function reqStr(p: Params, name: string, rule: StrRule = {}): string {
  const v = optStr(p, name, rule);
  if (v === undefined) throw validation(name, undefined, 'Member must not be null');
  return v;
}

export function optInt(p: Params, name: string, min?: number, max?: number): number | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw serialization(name, 'an integer');
  if (min !== undefined && v < min) throw validation(name, String(v), `Member must have value greater than or equal to ${min}`);
  if (max !== undefined && v > max) throw validation(name, String(v), `Member must have value less than or equal to ${max}`);
  return v;
}

export function reqInt(p: Params, name: string, min?: number, max?: number): number {
  const v = optInt(p, name, min, max);
  if (v === undefined) throw validation(name, undefined, 'Member must not be null');
  return v;
}

export function optBool(p: Params, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw serialization(name, 'a boolean');
  return v;
}

export function optList(p: Params, name: string, min?: number, max?: number): unknown[] | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw serialization(name, 'a list');
  if (min !== undefined && v.length < min) throw validation(name, v, `Member must have length greater than or equal to ${min}`);
  if (max !== undefined && v.length > max) throw validation(name, v, `Member must have length less than or equal to ${max}`);
  return v;
}

export function reqList(p: Params, name: string, min?: number, max?: number): unknown[] {
  const v = optList(p, name, min, max);
  if (v === undefined) throw validation(name, undefined, 'Member must not be null');
  return v;
}

export function strList(p: Params, name: string, rule: StrRule, min?: number, max?: number): string[] | undefined {
  const v = optList(p, name, min, max);
  return v?.map((x, i) => reqStr({ [`${name}.${i + 1}.member`]: x }, `${name}.${i + 1}.member`, rule));
}

export function optMap(p: Params, name: string): Record<string, string> | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw serialization(name, 'a map');
  for (const x of Object.values(v)) if (typeof x !== 'string') throw serialization(name, 'a map of strings');
  return v as Record<string, string>;
}

export function struct(v: unknown, name: string): Params {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw serialization(name, 'a structure');
  return v as Params;
}

/** Log group names: 1–512 of `[.\-_/#A-Za-z0-9]`. */
export const GROUP_NAME = { min: 1, max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/ };
/** Log stream names: 1–512, no `:` or `*`. */
export const STREAM_NAME = { min: 1, max: 512, pattern: /^[^:*]*$/ };
export const NEXT_TOKEN = { min: 1 };
export const FILTER_NAME = { min: 1, max: 512, pattern: /^[^:*]*$/ };
