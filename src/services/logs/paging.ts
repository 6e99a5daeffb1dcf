/** Opaque `nextToken`s for name-ordered listings: the last name returned, encoded. */
import { invalidParameter } from './errors.ts';

export function nameToken(kind: string, last: string): string {
  return Buffer.from(JSON.stringify([kind, last]), 'utf8').toString('base64url');
}

export function readNameToken(kind: string, token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v[0] === kind && typeof v[1] === 'string') return v[1];
  } catch { /* falls through */ }
  throw invalidParameter('The specified nextToken is invalid.');
}

/** One page of items sorted by key, after the token's key. */
export function page<T>(items: readonly T[], key: (t: T) => string, kind: string, token: string | undefined, limit: number): { items: T[]; nextToken?: string } {
  const after = readNameToken(kind, token);
  const start = after === undefined ? 0 : items.findIndex((t) => key(t) > after);
  const rest = start < 0 ? [] : items.slice(start);
  const out = rest.slice(0, limit);
  return rest.length > limit ? { items: out, nextToken: nameToken(kind, key(out.at(-1)!)) } : { items: out };
}

/** One page by position, for orders that are not by name (LastEventTime, descending). */
export function offsetPage<T>(items: readonly T[], kind: string, token: string | undefined, limit: number): { items: T[]; nextToken?: string } {
  const at = readNameToken(kind, token);
  const start = at === undefined ? 0 : Number(at);
  if (!Number.isSafeInteger(start) || start < 0) throw invalidParameter('The specified nextToken is invalid.');
  const out = items.slice(start, start + limit);
  return start + limit < items.length ? { items: out, nextToken: nameToken(kind, String(start + limit)) } : { items: out };
}
