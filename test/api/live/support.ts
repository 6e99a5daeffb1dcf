/** A live server (simulated clock, data folder) with SDK clients, and the `/_vpcflow/*` calls, for one test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { type LiveServer, type LiveServerOptions, startLiveServer } from '../../../src/runtime/start.ts';
import { DUMMY_CREDENTIALS } from '../support/server.ts';

export interface Live {
  server: LiveServer;
  dataDir: string;
  ec2: EC2Client;
  logs: CloudWatchLogsClient;
  s3: S3Client;
  control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any }>;
  close(opts?: { keep?: boolean }): Promise<void>;
}

export async function startLive(opts: LiveServerOptions = {}): Promise<Live> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'vpcflow-live-'));
  const server = await startLiveServer({ port: 0, host: '127.0.0.1', clock: 'simulated', log: () => undefined, ...opts, dataDir });
  const common = { endpoint: server.url, region: 'us-east-1', credentials: DUMMY_CREDENTIALS, maxAttempts: 1 };
  const ec2 = new EC2Client(common);
  const logs = new CloudWatchLogsClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  return {
    server, dataDir, ec2, logs, s3,
    control: async (method, path, body) => {
      const res = await fetch(`${server.url}${path}`, {
        method, headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return { status: res.status, json: await res.json() };
    },
    close: async (o = {}) => {
      ec2.destroy(); logs.destroy(); s3.destroy();
      await server.close();
      if (!o.keep && opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
