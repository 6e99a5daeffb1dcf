/**
 * POSTing a notification to an HTTP/HTTPS subscriber as SNS does: a 2xx
 * answer is delivered; a 4xx answer is a failure SNS does not retry; no
 * answer or a 5xx is retried. SNS waits 20 seconds between retries by
 * default; vpcflow retries at once, each attempt bounded by a timeout.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostOutcome {
  Status: 'delivered' | 'failed';
  HttpStatus?: number | undefined;
  Error?: string | undefined;
  Attempts: number;
}

export interface PostOptions {
  /** Milliseconds for one attempt, answer included. */
  timeoutMs?: number;
  attempts?: number;
}

export type Poster = (url: string, body: string, headers: Record<string, string>) => Promise<PostOutcome>;

function attempt(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const done = (r: { status?: number; error?: string }) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    const req = send(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode }));
      res.on('error', (e) => done({ error: e.message }));
    });
    req.on('timeout', () => {
      req.destroy();
      done({ error: `no answer within ${timeoutMs} ms` });
    });
    req.on('error', (e) => done({ error: e.message }));
    req.end(body);
  });
}

export function makePoster(o: PostOptions = {}): Poster {
  const timeoutMs = o.timeoutMs ?? 5000;
  const attempts = o.attempts ?? 3;
  return async (url, body, headers) => {
    let last: { status?: number; error?: string } = {};
    for (let i = 1; i <= attempts; i++) {
      last = await attempt(new URL(url), body, headers, timeoutMs);
      if (last.status !== undefined && last.status >= 200 && last.status < 300) return { Status: 'delivered', HttpStatus: last.status, Attempts: i };
      if (last.status !== undefined && last.status >= 400 && last.status < 500) return { Status: 'failed', HttpStatus: last.status, Error: `HTTP ${last.status}`, Attempts: i };
    }
    return { Status: 'failed', HttpStatus: last.status, Error: last.error ?? `HTTP ${last.status}`, Attempts: attempts };
  };
}
