/** Writing a service's response: AWS's request id header, a length for buffered bodies, streams piped. */
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ServiceResponse } from './types.ts';

export function writeResponse(res: ServerResponse, out: ServiceResponse, requestId: string): void {
  if (res.headersSent) {
    // A stream failed half-way: the only honest thing left is to cut the connection.
    res.destroy();
    return;
  }
  const headers: Record<string, string | number> = { 'x-amzn-requestid': requestId, server: 'vpcflow', ...out.headers };
  // A refused oversized body may still be arriving: close rather than read it all.
  if (out.status === 413) headers.connection = 'close';
  const body = out.body;
  if (body instanceof Readable) {
    res.writeHead(out.status, headers);
    body.on('error', () => res.destroy());
    body.pipe(res);
    return;
  }
  const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (bytes && headers['content-length'] === undefined) headers['content-length'] = bytes.length;
  res.writeHead(out.status, headers);
  res.end(bytes);
}
