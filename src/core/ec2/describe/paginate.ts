/**
 * `MaxResults` / `NextToken` paging over a described list. The token is
 * opaque to clients: the action and the offset of the next item.
 */
import { Ec2Error } from '../errors.ts';
import { type Params, optInt, optStr } from '../params.ts';

export interface Page<T> { items: T[]; nextToken?: string | undefined }

export interface PageLimits {
  action: string;
  /** Bounds of MaxResults from the API model (most Describe actions: 5 to 1000). */
  min?: number;
  max?: number;
}

function encode(action: string, offset: number): string {
  return Buffer.from(JSON.stringify({ a: action, o: offset })).toString('base64url');
}

function decode(token: string, action: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { a?: unknown; o?: unknown };
    if (v.a === action && typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0) return v.o;
  } catch {
    // fall through to the error below
  }
  throw new Ec2Error('InvalidNextToken', `The token '${token}' is invalid`);
}

export function paginate<T>(items: readonly T[], p: Params, limits: PageLimits): Page<T> {
  const max = optInt(p, 'MaxResults');
  const lo = limits.min ?? 1, hi = limits.max ?? 1000;
  if (max !== undefined && (max < lo || max > hi)) {
    throw new Ec2Error('InvalidParameterValue', `Value ( ${max} ) for parameter maxResults is invalid. Parameter must be between ${lo} and ${hi}.`);
  }
  const token = optStr(p, 'NextToken');
  const start = token === undefined ? 0 : decode(token, limits.action);
  if (max === undefined) return { items: items.slice(start) };
  const end = start + max;
  return { items: items.slice(start, end), nextToken: end < items.length ? encode(limits.action, end) : undefined };
}
