/**
 * The shapes of CloudFormation resource properties, checked once after the
 * intrinsic functions are evaluated, so handlers read plain, trusted values.
 * Coercions follow CloudFormation: a number is accepted where text is expected,
 * and "42"/"true" where a number or boolean is.
 */
import { describeValue, isMapping } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import { didYouMean } from '../scenario/suggest.ts';

export type Shape =
  | 'string' | 'integer' | 'boolean'
  /** Accepted as written: properties vpcflow does not model. */
  | 'any'
  | { list: Shape }
  | { fields: Fields };

export interface Field {
  shape: Shape;
  required?: boolean;
}

export type Fields = Record<string, Field>;

/** Shorthands for property tables. */
export const str: Field = { shape: 'string' };
export const int: Field = { shape: 'integer' };
export const bool: Field = { shape: 'boolean' };
export const any: Field = { shape: 'any' };
export const strList: Field = { shape: { list: 'string' } };
export const required = (f: Field): Field => ({ ...f, required: true });
export const listOf = (shape: Shape): Field => ({ shape: { list: shape } });
export const object = (fields: Fields): Field => ({ shape: { fields } });
export const tags: Field = listOf({ fields: { Key: required(str), Value: required(str) } });

/** Property names that take no part in the network model, accepted as anything. */
export function opaque(...names: string[]): Fields {
  return Object.fromEntries(names.map((n) => [n, any]));
}

const INTEGER = /^-?\d+$/;

export function checkShape(v: unknown, shape: Shape, path: Path, origin: Origin): unknown {
  if (shape === 'any') return v;
  if (shape === 'string') {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw errorAt(origin, path, 'a string', describeValue(v));
  }
  if (shape === 'integer') {
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string' && INTEGER.test(v.trim())) return Number(v.trim());
    throw errorAt(origin, path, 'a whole number', describeValue(v));
  }
  if (shape === 'boolean') {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    throw errorAt(origin, path, 'true or false', describeValue(v));
  }
  if ('list' in shape) {
    if (!Array.isArray(v)) throw errorAt(origin, path, 'a list', describeValue(v));
    return v.map((item, i) => checkShape(item, shape.list, [...path, i], origin));
  }
  return checkFields(v, shape.fields, path, origin);
}

/** `owner` names what the mapping belongs to, for messages about unknown keys ("AWS::EC2::Subnet"). */
export function checkFields(v: unknown, fields: Fields, path: Path, origin: Origin, owner?: string): Record<string, unknown> {
  if (!isMapping(v)) throw errorAt(origin, path, 'a mapping of properties', describeValue(v));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) {
    const field = fields[key];
    if (!field) {
      const names = Object.keys(fields);
      const expected = owner ? `a property of ${owner}` : names.length <= 8 ? `one of ${names.join(', ')}` : 'a known property';
      throw errorAt(origin, [...path, key], expected, `"${key}"${didYouMean(key, names)}`);
    }
    out[key] = checkShape(value, field.shape, [...path, key], origin);
  }
  for (const [key, field] of Object.entries(fields)) {
    if (field.required && out[key] === undefined) throw errorAt(origin, path, `the required property ${key}`, 'none');
  }
  return out;
}
