/**
 * A server on a loopback ephemeral port keeping its Logs data in a temporary
 * folder, with a CloudWatch Logs SDK client pointed at it.
 */
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, type InputLogEvent, PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type ServerOptions, startServer } from '../../../src/server/server.ts';
import { configureLogsData } from '../../../src/services/logs/index.ts';
import { DUMMY_CREDENTIALS } from '../support/server.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export function logsClient(url: string, region = 'us-east-1'): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ endpoint: url, region, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
}

export interface LogsServer { server: RunningServer; logs: CloudWatchLogsClient; dataDir: string; close(): Promise<void> }

/** `dataDir` reuses a folder (a restart); otherwise a fresh one is made and removed on close unless `keep`. */
export async function startLogsServer(opts: ServerOptions & { keep?: boolean } = {}): Promise<LogsServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'vpcflow-logs-api-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', ...opts, dataDir });
  configureLogsData(server.state, dataDir);
  const logs = logsClient(server.url);
  return {
    server, logs, dataDir,
    close: async () => {
      logs.destroy();
      await server.close();
      if (!opts.keep && opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The group folder name `vpcflow run` and the store use. */
export const groupFolder = (name: string): string => encodeURIComponent(name);

/**
 * A server whose one log group `group` holds `streams` (name → events), each
 * stream created and filled in turn: the set-up of the tests that read events
 * back (FilterLogEvents, Insights queries).
 */
export async function startLogsServerWith(group: string, streams: Record<string, InputLogEvent[]>): Promise<LogsServer> {
  const t = await startLogsServer();
  try {
    await t.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    for (const [logStreamName, logEvents] of Object.entries(streams)) {
      await t.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName }));
      await t.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName, logEvents }));
    }
  } catch (e) {
    // The caller gets no server to close when the set-up fails, so close it here lest it hold the test process open.
    await t.close();
    throw e;
  }
  return t;
}
