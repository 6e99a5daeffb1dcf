/** Raw HTTP requests to the server, for what no SDK would send: bad encodings, unsigned calls, huge bodies. */
import { request } from 'node:http';

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

export function raw(url: string, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {}): Promise<RawResponse> {
  const u = new URL(opts.path ?? '/', url);
  return new Promise((resolve, reject) => {
    const req = request(u, { method: opts.method ?? 'POST', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body !== undefined) {
      if (opts.chunked) for (let i = 0; i < opts.body.length; i += 1024) req.write(opts.body.slice(i, i + 1024));
      else req.write(opts.body);
    }
    req.end();
  });
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

/** The error code of an EC2 error envelope. */
export const errorCode = (body: string): string | undefined => /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
