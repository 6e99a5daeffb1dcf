/**
 * One `node:http` server for every emulated AWS API. Each request is routed
 * to a service (route.ts), handled with the state of its account and region,
 * and any error is rendered once, here, in the service's own protocol.
 */
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './body.ts';
import { ServiceError, internalError, isErrorLike } from './errors.ts';
import { routeRequest } from './route.ts';
import { SERVICES } from './services.ts';
import { ServerState } from './state.ts';
import type { ControlRoute, ErrorLike, Service, ServiceRequest, ServiceResponse } from './types.ts';
import { writeResponse } from './write.ts';
import { queryErrorXml } from './xml.ts';

export const DEFAULT_PORT = 4566;
export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
/** Bodies above this are refused unless a service sets its own limit. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ServerOptions {
  /** 0 picks a free port; the default is 4566. */
  port?: number;
  host?: string;
  account?: string;
  /** Region of requests that carry no signature. */
  defaultRegion?: string;
  /** Where state is kept across restarts: S3 objects, CloudWatch Logs, the EC2 journal (replayed before listening). */
  dataDir?: string;
  /**
   * Runs on the new state before the EC2 journal is replayed and before the server listens:
   * where `vpcflow serve --scenario` starts a region from a built network (`state.adoptRegion`).
   */
  prepare?: (state: ServerState) => void | Promise<void>;
  /** The clock EC2 reads (creation times), milliseconds since the epoch. */
  clock?: () => number;
  maxBodyBytes?: number;
  services?: readonly Service[];
  /** Routes answered before AWS routing: the `/_vpcflow/*` endpoints. */
  routes?: readonly ControlRoute[];
  /** Where internal errors are reported; stderr by default. */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  state: ServerState;
  close(): Promise<void>;
}

interface Settings {
  services: readonly Service[];
  routes: readonly ControlRoute[];
  state: ServerState;
  defaultRegion: string;
  maxBody: number;
  log: (line: string) => void;
}

function noServiceError(err: ErrorLike, requestId: string): ServiceResponse {
  return { status: err.httpStatus, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: queryErrorXml(err.code, err.message, requestId) };
}

function controlError(err: ErrorLike): ServiceResponse {
  return { status: err.httpStatus, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: err.code, message: err.message } }) };
}

async function handle(s: Settings, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  let render = (err: ErrorLike) => noServiceError(err, requestId);
  // Read once: the first reader's limit applies. Routing reads the body only to find an Action
  // parameter, for query services, which use the default limit anyway.
  let cached: Promise<Buffer> | undefined;
  const body = (limit: number) => (cached ??= readBody(req, limit));
  try {
    const url = new URL(req.url ?? '/', 'http://vpcflow.local');
    const method = req.method ?? 'GET';
    const control = s.routes.find((r) => r.method === method && r.path === url.pathname);
    if (control) {
      render = controlError;
      const out = await control.handle({ method, url, headers: req.headers, requestId, server: s.state, body: () => body(s.maxBody) });
      return writeResponse(res, out, requestId);
    }
    const route = await routeRequest({ headers: req.headers, url, body: () => body(s.maxBody) }, s.services, s.defaultRegion);
    const service = route.service;
    if (!service) {
      throw new ServiceError('MissingAction', 'The request names no AWS service: sign it (SigV4 credential scope), set X-Amz-Target, or pass an Action parameter.', 400);
    }
    render = (err) => service.renderError(err, requestId);
    const sreq: ServiceRequest = {
      method, url, headers: req.headers, raw: req, requestId, account: s.state.account, region: route.region,
      state: s.state.region(route.region), server: s.state, body: () => body(service.maxBodyBytes ?? s.maxBody),
    };
    writeResponse(res, await service.handle(sreq), requestId);
  } catch (e) {
    let err: ErrorLike;
    if (isErrorLike(e)) err = e;
    else {
      s.log(`vpcflow serve: internal error on ${req.method} ${req.url} (request ${requestId}): ${(e as Error)?.stack ?? String(e)}`);
      err = internalError();
    }
    writeResponse(res, render(err), requestId);
  }
}

/** Starts the server; resolves once it listens, after `prepare` and the replay of the EC2 journal. */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const s: Settings = {
    services: opts.services ?? SERVICES,
    routes: opts.routes ?? [],
    state: new ServerState(opts.account ?? DEFAULT_ACCOUNT, opts.clock ?? Date.now, opts.dataDir),
    defaultRegion: opts.defaultRegion ?? DEFAULT_REGION,
    maxBody: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log: opts.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
  await opts.prepare?.(s.state);
  await s.state.restore();
  const server: Server = createServer((req, res) => {
    handle(s, req, res).catch((e: unknown) => {
      s.log(`vpcflow serve: could not answer ${req.method} ${req.url}: ${String(e)}`);
      res.destroy();
    });
  });
  // A client that stops sending is cut off instead of holding a connection forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}`, host, port, state: s.state,
        close: async () => {
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
          await s.state.close();
        },
      });
    });
  });
}
