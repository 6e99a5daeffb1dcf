/**
 * What a service plugs into the server with. A service (EC2 today, CloudWatch
 * Logs and S3 later) is one `Service` object registered in `SERVICES`
 * (services.ts): the router picks it from the request's signature, target
 * header or Action parameter, then hands it a `ServiceRequest` and writes back
 * the `ServiceResponse` it returns. Errors it throws are rendered by its own
 * `renderError`, once, at the edge.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { RegionState, ServerState } from './state.ts';

export interface ServiceRequest {
  readonly method: string;
  /** Path and query string as sent (`http://local` as a dummy origin). */
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  /** The raw request, for services that stream bodies (S3 uploads). Do not read it after `body()`. */
  readonly raw: IncomingMessage;
  readonly requestId: string;
  readonly account: string;
  /** From the signature's credential scope; the server's default region otherwise. */
  readonly region: string;
  /** The state of (account, region). */
  readonly state: RegionState;
  /** The whole server's state: other regions, account-wide slots. */
  readonly server: ServerState;
  /** The body, read once and cached; a body over the service's limit throws `RequestEntityTooLarge`. */
  body(): Promise<Buffer>;
}

export interface ServiceResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array | Readable;
}

/** An error as a service reports it: an AWS error code, a message and an HTTP status. */
export interface ErrorLike {
  readonly code: string;
  readonly message: string;
  readonly httpStatus: number;
}

/** One line of COVERAGE.md: an implemented action, with optional notes (supported filters…). */
export interface CoverageEntry { action: string; notes?: string }

export interface Service {
  /** Short name used in messages and COVERAGE.md: `ec2`, `logs`, `s3`. */
  readonly name: string;
  /** Heading for COVERAGE.md. */
  readonly title: string;
  /** The service name in the SigV4 credential scope (`…/us-east-1/ec2/aws4_request`). */
  readonly signingName: string;
  /** `X-Amz-Target` prefix before the dot (`Logs_20140328`), for JSON protocols. */
  readonly targetPrefix?: string;
  /** Whether unsigned requests carrying `Action=` (query protocols) belong here. */
  readonly acceptsActionParam?: boolean;
  /** Largest body `body()` reads; the server's default otherwise. */
  readonly maxBodyBytes?: number;
  handle(req: ServiceRequest): Promise<ServiceResponse>;
  /** Renders an error in the service's protocol (XML envelope, JSON `__type`, S3 `<Error>`). */
  renderError(err: ErrorLike, requestId: string): ServiceResponse;
  /** Every implemented action, for COVERAGE.md. */
  coverage(): CoverageEntry[];
}

/** A request to a route the server answers itself (the `/_vpcflow/*` endpoints). */
export interface ControlRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly requestId: string;
  readonly server: ServerState;
  body(): Promise<Buffer>;
}

/**
 * A route matched on method and exact path before any AWS routing. Its errors
 * are answered as JSON: `{"error": {"code": …, "message": …}}`.
 */
export interface ControlRoute {
  readonly method: string;
  readonly path: string;
  handle(req: ControlRequest): Promise<ServiceResponse>;
}
