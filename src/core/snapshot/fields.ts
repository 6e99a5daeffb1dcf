/**
 * Reading the AWS CLI's JSON with messages that say where: every value is read
 * through a Place (`NetworkAcls[2] (acl-0abc).Entries[0].RuleNumber`).
 */
import { type Cidr, parseCidr } from '../net/cidr.ts';
import { type IpAddr, parseIp } from '../net/ip.ts';
import type { Tag } from '../model/types.ts';
import { SnapshotError } from './errors.ts';

export type Obj = Record<string, unknown>;

export class Place {
  constructor(readonly path: string) {}

  at(key: string | number): Place {
    return new Place(typeof key === 'number' ? `${this.path}[${key}]` : `${this.path}.${key}`);
  }

  /** The same place, labelled with the item's id once it is known. */
  named(id: string): Place {
    return new Place(`${this.path} (${id})`);
  }

  fail(expected: string, found: unknown): SnapshotError {
    return new SnapshotError(`${this.path}: expected ${expected}, found ${show(found)}`);
  }
}

export function show(v: unknown): string {
  if (v === undefined) return 'nothing (the key is missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown, at: Place): Obj {
  if (!isObj(v)) throw at.fail('an object', v);
  return v;
}

/** A list of objects; a missing key is an empty list when `optional`. */
export function list(o: Obj, key: string, at: Place, optional = true): { item: Obj; at: Place }[] {
  const v = o[key];
  if (v === undefined && optional) return [];
  if (!Array.isArray(v)) throw at.at(key).fail('a list', v);
  return v.map((item, i) => ({ item: obj(item, at.at(key).at(i)), at: at.at(key).at(i) }));
}

export function str(o: Obj, key: string, at: Place): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw at.at(key).fail('a non-empty string', v);
  return v;
}

export function optStr(o: Obj, key: string, at: Place): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') return undefined;
  return str(o, key, at);
}

export function int(o: Obj, key: string, at: Place): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw at.at(key).fail('an integer', v);
  return v;
}

export function optInt(o: Obj, key: string, at: Place): number | undefined {
  return o[key] === undefined || o[key] === null ? undefined : int(o, key, at);
}

export function bool(o: Obj, key: string, at: Place, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw at.at(key).fail('true or false', v);
  return v;
}

export function cidrAt(o: Obj, key: string, at: Place, fam?: 4 | 6): Cidr {
  const text = str(o, key, at);
  const c = parseCidr(text);
  if (!c || (fam !== undefined && c.fam !== fam)) throw at.at(key).fail(fam === 6 ? 'an IPv6 CIDR block' : fam === 4 ? 'an IPv4 CIDR block' : 'a CIDR block', text);
  return c;
}

export function ipAt(o: Obj, key: string, at: Place): IpAddr {
  const text = str(o, key, at);
  const a = parseIp(text);
  if (!a) throw at.at(key).fail('an IP address', text);
  return a;
}

export function tagsOf(o: Obj, at: Place): Tag[] {
  const key = o.Tags !== undefined ? 'Tags' : 'TagSet';
  return list(o, key, at).map(({ item, at: a }) => ({ Key: str(item, 'Key', a), Value: typeof item.Value === 'string' ? item.Value : '' }));
}
