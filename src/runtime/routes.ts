/**
 * The endpoints AWS has no API for, answered in JSON:
 *   GET  /_vpcflow/health    ready, with the clock and what traffic has done
 *   POST /_vpcflow/traffic   {"traffic": [ … ], "hosts"?, "listen"?, "region"?} in the scenario's traffic syntax
 *   POST /_vpcflow/advance   {"seconds": N}: the simulated clock moves on
 */
import { ScenarioError } from '../core/scenario/errors.ts';
import { TrafficError } from '../core/traffic/errors.ts';
import { ServiceError } from '../server/errors.ts';
import type { ControlRequest, ControlRoute, ServiceResponse } from '../server/types.ts';
import type { LiveRuntime } from './runtime.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };
/** Longest single advance: a month of simulated time. */
export const MAX_ADVANCE_SECONDS = 31 * 86_400;

const json = (value: unknown): ServiceResponse => ({ status: 200, headers: JSON_HEADERS, body: `${JSON.stringify(value)}\n` });

async function jsonBody(req: ControlRequest): Promise<unknown> {
  const text = (await req.body()).toString('utf8');
  if (text.trim() === '') throw new ServiceError('InvalidRequest', 'The request needs a JSON body.');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ServiceError('InvalidRequest', `The body is not JSON: ${(e as Error).message}`);
  }
}

/** Where a traffic request came from, for its error messages: the CLI names its file. */
function sourceOf(req: ControlRequest): string {
  const h = req.headers['x-vpcflow-source'];
  const name = typeof h === 'string' && h !== '' ? decodeURIComponent(h) : '';
  return name || 'POST /_vpcflow/traffic';
}

/** The endpoints, for COVERAGE.md (scripts/coverage.ts) and for the routes below. */
export const RUNTIME_ENDPOINTS = {
  health: { method: 'GET', path: '/_vpcflow/health', summary: 'ready; the clock and, per region, packets, records delivered, items failed' },
  traffic: { method: 'POST', path: '/_vpcflow/traffic', summary: '`{"traffic": [...], "hosts"?, "listen"?, "region"?}` in the scenario syntax; endpoints may be logical ids, instance or interface ids, or addresses' },
  advance: { method: 'POST', path: '/_vpcflow/advance', summary: '`{"seconds": N}`: the simulated clock moves on; closed windows are delivered' },
} as const;

export function runtimeRoutes(runtime: LiveRuntime): ControlRoute[] {
  const { health, traffic, advance } = RUNTIME_ENDPOINTS;
  return [
    {
      ...health,
      handle: async () => json({ status: 'ready', ...runtime.status() }),
    },
    {
      ...traffic,
      handle: async (req) => {
        const body = await jsonBody(req);
        try {
          return json(await runtime.traffic(body, sourceOf(req)));
        } catch (e) {
          if (e instanceof ScenarioError || e instanceof TrafficError) throw new ServiceError('InvalidTraffic', e.message);
          throw e;
        }
      },
    },
    {
      ...advance,
      handle: async (req) => {
        const body = await jsonBody(req);
        const seconds = (body as { seconds?: unknown } | null)?.seconds;
        if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SECONDS) {
          throw new ServiceError('InvalidRequest', `Expected {"seconds": N} with N from 0 to ${MAX_ADVANCE_SECONDS}, found ${JSON.stringify(body)}.`);
        }
        return json(await runtime.advance(seconds));
      },
    },
  ];
}
