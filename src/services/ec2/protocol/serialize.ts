/**
 * A handler's plain result as EC2's XML response: the root
 * `<{Action}Response xmlns=…>`, `<requestId>`, then every member under its
 * locationName, lists as `<name><item>…</item></name>`. A result member the
 * shape does not list is a bug and throws, so responses never drift from the model.
 */
import type { Params } from '../../../core/ec2/params.ts';
import { XML_DECLARATION, escapeXml } from '../../../server/xml.ts';
import { type Scalar, type Shape, type StructShape, elementName, isList, isStruct } from '../shapes/dsl.ts';

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function scalarText(kind: Scalar, v: unknown, path: string): string {
  switch (kind) {
    case 'boolean':
      if (typeof v !== 'boolean') throw new Error(`${path}: expected a boolean, found ${typeof v}`);
      return String(v);
    case 'integer': case 'long': case 'double':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${path}: expected a number, found ${String(v)}`);
      return String(v);
    case 'timestamp': {
      const d = v instanceof Date ? v : typeof v === 'number' ? new Date(v) : typeof v === 'string' ? new Date(v) : undefined;
      if (!d || Number.isNaN(d.getTime())) throw new Error(`${path}: expected a time, found ${String(v)}`);
      return d.toISOString();
    }
    default:
      if (typeof v !== 'string') throw new Error(`${path}: expected a string, found ${typeof v}`);
      return escapeXml(v);
  }
}

function content(shape: Shape, v: unknown, path: string): string {
  if (isStruct(shape)) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${path}: expected a structure`);
    return members(shape, v as Params, path);
  }
  if (isList(shape)) {
    if (!Array.isArray(v)) throw new Error(`${path}: expected a list`);
    return v.map((item, i) => `<item>${content(shape.list, item, `${path}[${i}]`)}</item>`).join('');
  }
  return scalarText(shape, v, path);
}

function members(shape: StructShape, value: Params, path: string): string {
  for (const k of Object.keys(value)) {
    if (!Object.hasOwn(shape.members, k)) throw new Error(`${path}.${k}: not a member of the response shape`);
  }
  let out = '';
  for (const [name, m] of Object.entries(shape.members)) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    const el = elementName(name, m);
    const inner = content(m.shape, v, `${path}.${name}`);
    out += inner === '' ? `<${el}/>` : `<${el}>${inner}</${el}>`;
  }
  return out;
}

export function responseXml(action: string, shape: StructShape, result: Params, requestId: string): string {
  const body = members(shape, result, action);
  return `${XML_DECLARATION}\n<${action}Response xmlns="${EC2_XMLNS}"><requestId>${escapeXml(requestId)}</requestId>${body}</${action}Response>`;
}
