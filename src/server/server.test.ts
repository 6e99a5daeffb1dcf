/** The server's extension points, with a stand-in JSON service: routing, region state, slots, control routes, error edges. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { EC2_SERVICE } from '../services/ec2/index.ts';
import { ServiceError } from './errors.ts';
import { startServer } from './server.ts';
import type { ErrorLike, Service } from './types.ts';

const json = (status: number, body: unknown) => ({ status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) });

const FAKE: Service = {
  name: 'fake', title: 'Fake (JSON 1.1)', signingName: 'fake', targetPrefix: 'Fake_20200101',
  async handle(req) {
    const op = String(req.headers['x-amz-target']).split('.')[1];
    if (op === 'Boom') throw new TypeError('a bug');
    if (op === 'Refuse') throw new ServiceError('ValidationException', 'no', 400);
    const counter = req.state.slot('fake', () => ({ n: 0 }));
    counter.n++;
    return json(200, { region: req.region, account: req.account, n: counter.n, body: (await req.body()).toString() });
  },
  renderError: (err: ErrorLike) => json(err.httpStatus, { __type: err.code, message: err.message }),
  coverage: () => [{ action: 'Echo' }],
};

const logged: string[] = [];
const server = await startServer({
  port: 0, services: [EC2_SERVICE, FAKE], log: (l) => logged.push(l),
  routes: [
    { method: 'GET', path: '/_test/ping', handle: async (req) => json(200, { regions: req.server.regions() }) },
    { method: 'POST', path: '/_test/fail', handle: async () => { throw new ServiceError('BadThing', 'nope', 409); } },
  ],
});
after(() => server.close());

/** Response bodies are whatever JSON the stand-in service wrote. */
type Json = Record<string, any>;
const body = async (r: Response): Promise<Json> => (await r.json()) as Json;
const call = (target: string, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1', ...headers }, body: '{"a":1}' });
const scope = (region: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=AKID/20260101/${region}/fake/aws4_request, SignedHeaders=host, Signature=0` });

test('a service is found by X-Amz-Target, gets its region from the signature and keeps state in its slot', async () => {
  const a = await body(await call('Fake_20200101.Echo'));
  assert.deepEqual(a, { region: 'us-east-1', account: '123456789012', n: 1, body: '{"a":1}' });
  assert.equal((await body(await call('Fake_20200101.Echo'))).n, 2);
  const eu = await body(await call('Fake_20200101.Echo', scope('eu-west-2')));
  assert.deepEqual([eu.region, eu.n], ['eu-west-2', 1]);
});

test('a service is found by the credential scope alone', async () => {
  const r = await fetch(server.url, { method: 'POST', headers: { ...scope('ap-south-1'), 'x-amz-target': 'Other.Echo' }, body: '' });
  assert.equal((await body(r)).region, 'ap-south-1');
});

test('service errors are rendered by the service; bugs become InternalError 500 and are logged', async () => {
  const refused = await call('Fake_20200101.Refuse');
  assert.equal(refused.status, 400);
  assert.deepEqual(await body(refused), { __type: 'ValidationException', message: 'no' });
  const boom = await call('Fake_20200101.Boom');
  assert.equal(boom.status, 500);
  assert.equal((await body(boom)).__type, 'InternalError');
  assert.match(logged.join('\n'), /TypeError: a bug/);
  assert.ok(boom.headers.get('x-amzn-requestid'));
});

test('control routes answer before AWS routing, errors as JSON', async () => {
  const ping = await fetch(`${server.url}/_test/ping`);
  assert.deepEqual((await body(ping)).regions.sort(), ['ap-south-1', 'eu-west-2', 'us-east-1']);
  const fail = await fetch(`${server.url}/_test/fail`, { method: 'POST' });
  assert.equal(fail.status, 409);
  assert.deepEqual(await body(fail), { error: { code: 'BadThing', message: 'nope' } });
});

test('startServer refuses a port in use', async () => {
  await assert.rejects(startServer({ port: server.port }), /EADDRINUSE/);
});
