/**
 * Reading request parameters in the EC2 API's JSON shapes (as `--cli-input-json`
 * takes them), with AWS's error codes when something is missing or mistyped.
 */
import { type Cidr, parseCidr } from '../net/cidr.ts';
import { type IpAddr, parseIp } from '../net/ip.ts';
import type { Tag } from '../model/types.ts';
import { Ec2Error, invalidParam, missingParam } from './errors.ts';

export type Params = Record<string, unknown>;

export function str(p: Params, name: string): string {
  const v = p[name];
  if (v === undefined || v === null || v === '') throw missingParam(name);
  if (typeof v !== 'string' && typeof v !== 'number') throw invalidParam(`Invalid value for parameter ${name}: expected a string`);
  return String(v);
}

export function optStr(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw invalidParam(`Invalid value for parameter ${name}: expected a string`);
  return String(v);
}

export function int(p: Params, name: string): number {
  const v = optInt(p, name);
  if (v === undefined) throw missingParam(name);
  return v;
}

export function optInt(p: Params, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw invalidParam(`Invalid value '${String(v)}' for ${name}: expected an integer`);
  return n;
}

export function optBool(p: Params, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  // EC2 attribute shapes wrap booleans: { Value: true }
  if (typeof v === 'object' && v !== null && 'Value' in v) return optBool(v as Params, 'Value');
  throw invalidParam(`Invalid value '${String(v)}' for ${name}: expected true or false`);
}

export function list(p: Params, name: string): unknown[] {
  const v = p[name];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  return [v];
}

export function strList(p: Params, name: string): string[] {
  return list(p, name).map((x) => {
    if (typeof x !== 'string') throw invalidParam(`Invalid value for parameter ${name}: expected strings`);
    return x;
  });
}

export function cidrParam(p: Params, name: string, fam?: 4 | 6): Cidr {
  const text = str(p, name);
  return checkCidr(text, name, fam);
}

export function checkCidr(text: string, name: string, fam?: 4 | 6): Cidr {
  const c = parseCidr(text);
  if (!c || (fam && c.fam !== fam) || !text.includes('/')) {
    throw invalidParam(`Value (${text}) for parameter ${name} is invalid. This is not a valid CIDR block.`);
  }
  return c;
}

export function ipParam(text: string, name: string): IpAddr {
  const a = parseIp(text);
  if (!a) throw invalidParam(`Value (${text}) for parameter ${name} is invalid. This is not a valid IP address.`);
  return a;
}

/** Tags from `TagSpecifications` for one resource type (or a plain `Tags` list). */
export function tagsFor(p: Params, resourceType: string): Tag[] {
  const out: Tag[] = [];
  for (const spec of list(p, 'TagSpecifications')) {
    const s = spec as Params;
    if (s.ResourceType !== undefined && s.ResourceType !== resourceType) {
      throw new Ec2Error('InvalidParameterValue', `'${String(s.ResourceType)}' is not a valid taggable resource type for this operation.`);
    }
    out.push(...readTags(list(s, 'Tags')));
  }
  out.push(...readTags(list(p, 'Tags')));
  return out;
}

export function readTags(items: unknown[]): Tag[] {
  return items.map((t) => {
    const o = t as Params;
    return { Key: String(o.Key ?? ''), Value: String(o.Value ?? '') };
  });
}
