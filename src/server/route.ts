/**
 * Which service a request is for, and in which region, read the way AWS
 * clients send it: the `X-Amz-Target` header (JSON protocols), the SigV4
 * credential scope (every signed request), or an `Action` parameter (query
 * protocols, even unsigned).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isRegionName } from '../core/model/region.ts';
import { ServiceError } from './errors.ts';
import { credentialScope } from './sigv4.ts';
import type { Service } from './types.ts';

export interface RouteInput {
  headers: IncomingHttpHeaders;
  url: URL;
  /** The body, read lazily: only needed when the Action parameter must be looked for. */
  body: () => Promise<Buffer>;
}

export interface Route { service: Service; region: string }

function isForm(headers: IncomingHttpHeaders): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? '');
}

async function actionParam(input: RouteInput): Promise<string | undefined> {
  const inQuery = input.url.searchParams.get('Action');
  if (inQuery) return inQuery;
  if (!isForm(input.headers)) return undefined;
  return new URLSearchParams((await input.body()).toString('latin1')).get('Action') ?? undefined;
}

function regionOf(scopeRegion: string | undefined, fallback: string): string {
  if (scopeRegion === undefined) return fallback;
  if (!isRegionName(scopeRegion)) {
    throw new ServiceError('AuthFailure', `Credential should be scoped to a valid region, not '${scopeRegion}'.`, 401);
  }
  return scopeRegion;
}

/**
 * The service and region of a request; `service` is undefined when nothing in
 * the request names one. Throws a `ServiceError` when the request names a
 * service this server does not emulate.
 */
export async function routeRequest(input: RouteInput, services: readonly Service[], defaultRegion: string): Promise<{ service: Service | undefined; region: string }> {
  const scope = credentialScope(input.headers, input.url);
  const region = regionOf(scope?.region, defaultRegion);
  const target = input.headers['x-amz-target'];
  if (typeof target === 'string' && target.includes('.')) {
    const prefix = target.slice(0, target.indexOf('.'));
    const byTarget = services.find((s) => s.targetPrefix === prefix);
    if (byTarget) return { service: byTarget, region };
  }
  if (scope) {
    const byScope = services.find((s) => s.signingName === scope.service);
    if (byScope) return { service: byScope, region };
    throw new ServiceError('UnsupportedService', `vpcflow does not emulate the '${scope.service}' API (it serves: ${services.map((s) => s.signingName).join(', ')}).`, 400);
  }
  if (await actionParam(input)) {
    const byAction = services.find((s) => s.acceptsActionParam);
    if (byAction) return { service: byAction, region };
  }
  return { service: undefined, region };
}
