/**
 * The CloudWatch Logs API (JSON 1.1 protocol, `X-Amz-Target:
 * Logs_20140328.<Action>`): a JSON body in, a handler, a JSON body out;
 * errors as `{"__type":"com.amazonaws.logs#Code","message":…}`.
 */
import type { ErrorLike, Service, ServiceRequest, ServiceResponse } from '../../server/types.ts';
import { logsCall } from './context.ts';
import { LogsError } from './errors.ts';
import { LOGS_ACTIONS } from './handlers/index.ts';
import type { Params } from './params.ts';

export const LOGS_TARGET_PREFIX = 'Logs_20140328';
const JSON_TYPE = { 'content-type': 'application/x-amz-json-1.1' };

function actionOf(req: ServiceRequest): string {
  const target = req.headers['x-amz-target'];
  const action = typeof target === 'string' && target.startsWith(`${LOGS_TARGET_PREFIX}.`) ? target.slice(LOGS_TARGET_PREFIX.length + 1) : '';
  if (!action || !Object.hasOwn(LOGS_ACTIONS, action)) {
    throw new LogsError('UnknownOperationException', action ? `The operation ${action} is not supported by vpcflow's CloudWatch Logs.` : 'The request names no operation (X-Amz-Target).');
  }
  return action;
}

async function paramsOf(req: ServiceRequest): Promise<Params> {
  const text = (await req.body()).toString('utf8').trim();
  if (text === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new LogsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new LogsError('SerializationException', 'The request body must be a JSON object.');
  return v as Params;
}

async function handle(req: ServiceRequest): Promise<ServiceResponse> {
  const action = actionOf(req);
  const params = await paramsOf(req);
  const result = await LOGS_ACTIONS[action]!(logsCall(req), params);
  return { status: 200, headers: JSON_TYPE, body: result === undefined ? '' : JSON.stringify(result) };
}

export const LOGS_SERVICE: Service = {
  name: 'logs',
  title: 'CloudWatch Logs (JSON 1.1 protocol, API version 2014-03-28)',
  signingName: 'logs',
  targetPrefix: LOGS_TARGET_PREFIX,
  handle,
  renderError: (err: ErrorLike, _requestId: string): ServiceResponse => ({
    status: err.httpStatus,
    headers: { ...JSON_TYPE, 'x-amzn-errortype': `${err.code}:` },
    body: JSON.stringify({ __type: `com.amazonaws.logs#${err.code}`, message: err.message, ...(err instanceof LogsError ? err.extra : {}) }),
  }),
  coverage: () => Object.keys(LOGS_ACTIONS).sort().map((action) => ({ action })),
};
