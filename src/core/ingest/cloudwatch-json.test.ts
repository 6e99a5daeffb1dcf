import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpretJson } from './cloudwatch-json.ts';
import { splitJsonValues } from './json-values.ts';
import { pathContext } from './path-context.ts';

test('a DATA_MESSAGE payload gives its events with their log group and stream', () => {
  const item = interpretJson({ messageType: 'DATA_MESSAGE', owner: '1', logGroup: '/g', logStream: 'eni-1-all', subscriptionFilters: [], logEvents: [{ id: '1', timestamp: 5, message: 'm' }, { id: '2', timestamp: 6 }] });
  assert.deepEqual(item, { kind: 'events', events: [
    { message: 'm', timestamp: 5, ingestionTime: null, logGroup: '/g', logStream: 'eni-1-all' },
    { error: 'logEvents[1] has no string "message"' },
  ] });
});

test('CONTROL_MESSAGE, the Lambda wrapper, exports, PutLogEvents bodies, message lines and field rows are told apart', () => {
  assert.deepEqual(interpretJson({ messageType: 'CONTROL_MESSAGE', logEvents: [] }), { kind: 'control' });
  assert.deepEqual(interpretJson({ awslogs: { data: 'H4sI' } }), { kind: 'awslogs', data: 'H4sI' });
  const exported = interpretJson({ events: [{ logStreamName: 'eni-9-all', timestamp: 1, ingestionTime: 2, message: 'x' }], searchedLogStreams: [] });
  assert.deepEqual(exported, { kind: 'events', events: [{ message: 'x', timestamp: 1, ingestionTime: 2, logGroup: null, logStream: 'eni-9-all' }] });
  const put = interpretJson({ logGroupName: '/g', logStreamName: 's', logEvents: [{ timestamp: 1, message: 'y' }] });
  assert.equal(put.kind === 'events' && 'message' in put.events[0]! && put.events[0].logGroup, '/g');
  assert.deepEqual(interpretJson({ message: 'z', timestamp: '2021-01-01T00:00:00Z' }), { kind: 'events', events: [{ message: 'z', timestamp: 1609459200000, ingestionTime: null, logGroup: null, logStream: null }] });
  assert.equal(interpretJson({ version: 2, 'log-status': 'OK', srcaddr: '1.2.3.4' }).kind, 'row');
});

test('JSON that is not CloudWatch\'s says what it is and what was expected', () => {
  const r = interpretJson({ hello: 'world', n: 1 });
  assert.equal(r.kind, 'invalid');
  assert.match((r as { reason: string }).reason, /^not a CloudWatch Logs payload: an object with "hello", "n" \(expected messageType and logEvents/);
  assert.match((interpretJson({ messageType: 'OTHER' }) as { reason: string }).reason, /messageType "OTHER" is neither DATA_MESSAGE nor CONTROL_MESSAGE/);
  assert.match((interpretJson({ messageType: 'DATA_MESSAGE', logGroup: 'g', logStream: 's' }) as { reason: string }).reason, /without a logEvents array/);
  assert.match((interpretJson([1, 2]) as { reason: string }).reason, /a JSON array where an object was expected/);
});

test('concatenated JSON values (as Firehose writes them) split with the line each starts on', () => {
  const r = splitJsonValues('{"a":"}{"}{"b":[1,\n2]}\n\n  {"c":"\\"x"}');
  assert.deepEqual(r, { ok: true, values: [{ text: '{"a":"}{"}', line: 1 }, { text: '{"b":[1,\n2]}', line: 1 }, { text: '{"c":"\\"x"}', line: 4 }] });
  assert.deepEqual(splitJsonValues('{"a":1}\n{"b":'), { ok: false, line: 2, reason: 'the JSON value starting here is cut short (truncated file?)' });
  assert.equal(splitJsonValues('{"a":1} x').ok, false);
});

test('paths name log groups and streams: run output folders and CloudWatch export objects', () => {
  assert.deepEqual(pathContext('/out/cloudwatch/%2Fvpc%2Fprod/eni-0a-all.jsonl'), { logGroup: '/vpc/prod', logStream: 'eni-0a-all' });
  assert.deepEqual(pathContext('exports/1f2e-task/eni-0a-all/000000.gz'), { logStream: 'eni-0a-all' });
  assert.deepEqual(pathContext('payload.json'), {});
});
