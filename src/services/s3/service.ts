/**
 * The S3 API (REST, 2006-03-01), path style and virtual-host style: the
 * request's address and subresource pick the action, the handler answers from
 * the account's object store. S3 puts its request id in `x-amz-request-id`;
 * a HEAD request's error is its status alone, as S3 sends it (the SDK then
 * names it `NotFound`, `Forbidden`…).
 */
import type { ErrorLike, Service, ServiceRequest, ServiceResponse } from '../../server/types.ts';
import { isErrorLike } from '../../server/errors.ts';
import { addressOf } from './address.ts';
import { storeOf } from './context.ts';
import { actionOf } from './dispatch.ts';
import { S3Error } from './errors.ts';
import { S3_ACTIONS, S3_NOTES } from './handlers/index.ts';
import { errorXml } from './xml.ts';

function idHeaders(requestId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': Buffer.from(requestId).toString('base64') };
}

function renderError(err: ErrorLike, requestId: string): ServiceResponse {
  const extra = err instanceof S3Error ? err.extra : {};
  return {
    status: err.httpStatus,
    headers: { 'content-type': 'application/xml', ...idHeaders(requestId) },
    body: errorXml(err.code, err.message, requestId, extra),
  };
}

async function handle(req: ServiceRequest): Promise<ServiceResponse> {
  try {
    const { bucket, key } = addressOf(req.raw.url ?? '/', req.headers.host);
    const query = req.url.searchParams;
    const action = actionOf(req.method, bucket, key, query, req.headers['x-amz-copy-source'] !== undefined);
    const out = await S3_ACTIONS[action]!({ req, store: storeOf(req), bucket, key, query });
    return { ...out, headers: { ...idHeaders(req.requestId), ...out.headers } };
  } catch (e) {
    if (req.method === 'HEAD' && isErrorLike(e)) return { status: e.httpStatus, headers: idHeaders(req.requestId) };
    throw e;
  }
}

export const S3_SERVICE: Service = {
  name: 's3',
  title: 'S3 (REST, API version 2006-03-01, path style and virtual-host style)',
  signingName: 's3',
  handle,
  renderError,
  coverage: () => Object.keys(S3_ACTIONS).sort().map((action) => ({ action, notes: S3_NOTES[action] })),
};
