/**
 * An S3 test server: `startServer` on a loopback ephemeral port with a fresh
 * data folder (or a given one, to restart over it), and an S3 SDK client in
 * path style pointed at it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { type RunningServer, startServer } from '../../../src/server/server.ts';
import { DUMMY_CREDENTIALS } from '../support/server.ts';

export const ACCOUNT = '123456789012';

export function s3Client(endpoint: string, extra: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', credentials: DUMMY_CREDENTIALS, forcePathStyle: true, maxAttempts: 1, ...extra });
}

export interface S3TestServer {
  server: RunningServer;
  s3: S3Client;
  dataDir: string;
  /** Closes the server (the data folder stays, for a restart). */
  stop(): Promise<void>;
  /** Closes the server and removes the data folder. */
  close(): Promise<void>;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'vpcflow-s3-test-'));
}

export async function startS3Server(dataDir = newDataDir()): Promise<S3TestServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir });
  const s3 = s3Client(server.url);
  const stop = async () => { s3.destroy(); await server.close(); };
  return { server, s3, dataDir, stop, close: async () => { await stop(); rmSync(dataDir, { recursive: true, force: true }); } };
}

/** A fresh server with one empty bucket, `bucket`: the set-up of the tests that work inside a bucket. */
export async function startS3ServerWithBucket(bucket: string): Promise<S3TestServer> {
  const t = await startS3Server();
  try {
    await t.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (e) {
    // The caller gets no server to close when the set-up fails, so close it here lest it hold the test process open.
    await t.close();
    throw e;
  }
  return t;
}

/** Where an object's bytes are for `vpcflow run`/`vpcflow query`: `<dataDir>/<account>/s3/<bucket>/<key>`. */
export const objectFile = (dataDir: string, bucket: string, key: string): string => join(dataDir, ACCOUNT, 's3', bucket, ...key.split('/'));
