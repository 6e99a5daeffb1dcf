/** What no SDK sends: bad JSON, unknown operations, wrong types, oversized bodies. AWS-shaped errors, never a crash. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { raw } from '../support/raw.ts';
import { type LogsServer, startLogsServer } from './support.ts';

let t: LogsServer;
before(async () => { t = await startLogsServer(); });
after(async () => { await t.close(); });

const call = (action: string, body: string | Buffer) => raw(t.server.url, {
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Logs_20140328.${action}` }, body,
});
const errorType = (body: string): string => (JSON.parse(body) as { __type: string }).__type;

test('a JSON body that does not parse is SerializationException', async () => {
  const r = await call('CreateLogGroup', '{"logGroupName": ');
  assert.equal(r.status, 400);
  assert.equal(errorType(r.body), 'com.amazonaws.logs#SerializationException');
  assert.equal(r.headers['content-type'], 'application/x-amz-json-1.1');
});

test('a member of the wrong type is SerializationException; a missing required one InvalidParameterException', async () => {
  assert.equal(errorType((await call('CreateLogGroup', '{"logGroupName": 5}')).body), 'com.amazonaws.logs#SerializationException');
  const missing = await call('CreateLogGroup', '{}');
  assert.equal(errorType(missing.body), 'com.amazonaws.logs#InvalidParameterException');
  assert.match((JSON.parse(missing.body) as { message: string }).message, /Value null at 'logGroupName'/);
});

test('an unknown operation is UnknownOperationException', async () => {
  const r = await call('LaunchRockets', '{}');
  assert.equal(r.status, 400);
  assert.equal(errorType(r.body), 'com.amazonaws.logs#UnknownOperationException');
});

test('a void action answers 200 with an empty body; a request id header comes with every answer', async () => {
  const r = await call('CreateLogGroup', '{"logGroupName": "raw"}');
  assert.equal(r.status, 200);
  assert.equal(r.body, '');
  assert.ok(r.headers['x-amzn-requestid']);
});

test('an oversized body is refused with an error, not a hang', async () => {
  const r = await call('PutLogEvents', Buffer.alloc(11 * 1024 * 1024, 0x20));
  assert.equal(r.status, 413);
  assert.equal(errorType(r.body), 'com.amazonaws.logs#RequestEntityTooLarge');
});
