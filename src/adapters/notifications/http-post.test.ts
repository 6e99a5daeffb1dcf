/** POSTs to a loopback server: delivered, retried, refused, timed out — bounded in attempts and time. */
import assert from 'node:assert/strict';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { makePoster } from './http-post.ts';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

async function server(answer: (n: number, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      answer(seen.length, res);
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/sns`, seen, close: () => new Promise((r) => { s.closeAllConnections(); s.close(() => r()); }) };
}

test('a 200 answer: delivered in one attempt, with the body and headers as given', async () => {
  const srv = await server((_, res) => res.writeHead(200).end('ok'));
  try {
    const out = await makePoster()(srv.url, '{"Type" : "Notification"}', { 'x-amz-sns-message-type': 'Notification', 'Content-Type': 'text/plain; charset=UTF-8' });
    assert.deepEqual(out, { Status: 'delivered', HttpStatus: 200, Attempts: 1 });
    assert.equal(srv.seen.length, 1);
    assert.equal(srv.seen[0]!.method, 'POST');
    assert.equal(srv.seen[0]!.url, '/sns');
    assert.equal(srv.seen[0]!.body, '{"Type" : "Notification"}');
    assert.equal(srv.seen[0]!.headers['x-amz-sns-message-type'], 'Notification');
    assert.equal(srv.seen[0]!.headers['content-type'], 'text/plain; charset=UTF-8');
  } finally {
    await srv.close();
  }
});

test('5xx answers are retried, at most three attempts', async () => {
  const srv = await server((n, res) => res.writeHead(n < 3 ? 503 : 204).end());
  try {
    assert.deepEqual(await makePoster()(srv.url, 'x', {}), { Status: 'delivered', HttpStatus: 204, Attempts: 3 });
  } finally {
    await srv.close();
  }
  const always = await server((_, res) => res.writeHead(500).end());
  try {
    assert.deepEqual(await makePoster()(always.url, 'x', {}), { Status: 'failed', HttpStatus: 500, Error: 'HTTP 500', Attempts: 3 });
    assert.equal(always.seen.length, 3);
  } finally {
    await always.close();
  }
});

test('a 4xx answer fails at once', async () => {
  const srv = await server((_, res) => res.writeHead(404).end());
  try {
    assert.deepEqual(await makePoster()(srv.url, 'x', {}), { Status: 'failed', HttpStatus: 404, Error: 'HTTP 404', Attempts: 1 });
  } finally {
    await srv.close();
  }
});

test('no server, or no answer in time: failed, reported, never thrown', async () => {
  const srv = await server(() => {});
  const url = srv.url;
  try {
    const slow = await makePoster({ timeoutMs: 100, attempts: 2 })(url, 'x', {});
    assert.deepEqual(slow, { Status: 'failed', HttpStatus: undefined, Error: 'no answer within 100 ms', Attempts: 2 });
  } finally {
    await srv.close();
  }
  const refused = await makePoster({ attempts: 2 })(url, 'x', {});
  assert.equal(refused.Status, 'failed');
  assert.equal(refused.Attempts, 2);
  assert.match(refused.Error!, /ECONNREFUSED/);
});
