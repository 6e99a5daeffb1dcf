/** What every S3 handler gets: the request, the account's store, and the addressed bucket and key. */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type S3Store, openS3Store } from '../../adapters/s3-store/index.ts';
import type { ServerState } from '../../server/state.ts';
import type { ServiceRequest, ServiceResponse } from '../../server/types.ts';
import { noSuchBucket } from './errors.ts';

export interface S3Context {
  readonly req: ServiceRequest;
  readonly store: S3Store;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly query: URLSearchParams;
}

export type S3Handler = (ctx: S3Context) => Promise<ServiceResponse> | ServiceResponse;

/**
 * The account's store, opened (and reloaded from disk) on first use, by the
 * API or by flow log delivery: under `<dataDir>/<account>` when the server has
 * a data folder, else in a fresh temporary folder (state kept for the
 * server's life only, like the rest of its state).
 */
export function s3StoreOf(server: ServerState): S3Store {
  return server.slot('s3', () => {
    const base = server.dataDir ?? mkdtempSync(join(tmpdir(), 'vpcflow-s3-'));
    return openS3Store({ root: join(base, server.account), account: server.account, region: 'us-east-1' });
  });
}

export const storeOf = (req: ServiceRequest): S3Store => s3StoreOf(req.server);

/** The bucket the request names, which must exist. */
export function existingBucket(ctx: S3Context): string {
  const b = ctx.bucket ?? '';
  if (!ctx.store.bucketExists(b)) throw noSuchBucket(b);
  return b;
}

/** S3's canonical user id for an account (64 hex characters). */
export const canonicalId = (account: string): string => createHash('sha256').update(`vpcflow:${account}`).digest('hex');

export const XML_HEADERS = { 'content-type': 'application/xml' };

/** S3's dates in XML: ISO 8601 with milliseconds. */
export const isoDate = (ms: number): string => new Date(ms).toISOString();

/** S3's dates in headers (Last-Modified): RFC 7231. */
export const httpDate = (ms: number): string => new Date(ms).toUTCString();
