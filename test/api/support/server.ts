/**
 * A server on a loopback ephemeral port with an EC2 SDK client pointed at it,
 * for one test file: create it at the top, close it in `after`.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { type RunningServer, type ServerOptions, startServer } from '../../../src/server/server.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Any credentials do: the server never checks signatures. */
export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIAVPCFLOWTEST00000', secretAccessKey: 'vpcflow-test-secret' };

export function ec2Client(url: string, region = 'us-east-1'): EC2Client {
  return new EC2Client({ endpoint: url, region, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
}

export interface TestServer { server: RunningServer; ec2: EC2Client; close(): Promise<void> }

export async function startTestServer(opts: ServerOptions = {}): Promise<TestServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', ...opts });
  const ec2 = ec2Client(server.url);
  return { server, ec2, close: async () => { ec2.destroy(); await server.close(); } };
}
