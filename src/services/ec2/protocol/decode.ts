/**
 * EC2 query parameters (`Filter.1.Value.2=…`) into the nested JSON shape the
 * core takes (`{ Filters: [{ Name, Values: […] }] }`), driven by the action's
 * request shape. Wrong types are `InvalidParameterValue`; a parameter the
 * shape does not have is `UnknownParameter`, never ignored.
 */
import { Ec2Error } from '../../../core/ec2/errors.ts';
import type { Params } from '../../../core/ec2/params.ts';
import { type Scalar, type Shape, type StructShape, isList, isStruct, queryName } from '../shapes/dsl.ts';

class Reader {
  readonly used = new Set<string>();
  /** Names sorted once, so list members are found by prefix. */
  private readonly names: string[];

  constructor(readonly flat: ReadonlyMap<string, string>) {
    this.names = [...flat.keys()].sort();
  }

  /** The distinct N of `prefix.N…` names, in numeric order. */
  indices(prefix: string): number[] {
    const start = `${prefix}.`;
    const found = new Set<number>();
    let i = lowerBound(this.names, start);
    for (; i < this.names.length && this.names[i]!.startsWith(start); i++) {
      const seg = this.names[i]!.slice(start.length).split('.', 1)[0]!;
      if (/^[1-9]\d{0,5}$/.test(seg)) found.add(Number(seg));
    }
    return [...found].sort((a, b) => a - b);
  }

  hasUnder(prefix: string): boolean {
    const i = lowerBound(this.names, `${prefix}.`);
    return i < this.names.length && this.names[i]!.startsWith(`${prefix}.`);
  }
}

function lowerBound(arr: readonly string[], key: string): number {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function scalar(kind: Scalar, name: string, text: string): unknown {
  const bad = (expected: string) => new Ec2Error('InvalidParameterValue', `Value (${text}) for parameter ${name} is invalid. Expected ${expected}.`);
  switch (kind) {
    case 'integer': case 'long': {
      if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) throw bad('an integer');
      return Number(text);
    }
    case 'double': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw bad('a number');
      return n;
    }
    case 'boolean': {
      const t = text.toLowerCase();
      if (t !== 'true' && t !== 'false') throw bad("'true' or 'false'");
      return t === 'true';
    }
    default: return text;
  }
}

function read(r: Reader, shape: Shape, key: string): unknown {
  if (isStruct(shape)) return readStruct(r, shape, key);
  if (isList(shape)) {
    const idx = r.indices(key);
    return idx.length ? idx.map((n) => read(r, shape.list, `${key}.${n}`)) : undefined;
  }
  const text = r.flat.get(key);
  if (text === undefined) return undefined;
  r.used.add(key);
  return scalar(shape, key, text);
}

function readStruct(r: Reader, shape: StructShape, prefix: string): Params | undefined {
  if (prefix && !r.hasUnder(prefix)) return undefined;
  const out: Params = {};
  for (const [name, m] of Object.entries(shape.members)) {
    const q = queryName(name, m);
    const v = read(r, m.shape, prefix ? `${prefix}.${q}` : q);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

export function decodeInput(shape: StructShape, flat: ReadonlyMap<string, string>, action: string): Params {
  const r = new Reader(flat);
  const out = readStruct(r, shape, '') ?? {};
  const missing = shape.required?.find((name) => out[name] === undefined);
  if (missing !== undefined) throw new Ec2Error('MissingParameter', `The request must contain the parameter ${missing}`);
  const unknown = [...flat.keys()].find((k) => !r.used.has(k));
  if (unknown !== undefined) {
    throw new Ec2Error('UnknownParameter', `The parameter ${unknown} is not recognized (vpcflow does not support it for ${action}).`);
  }
  return out;
}
