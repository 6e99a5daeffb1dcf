/**
 * JSON patterns against the examples of AWS's "Filter and pattern syntax":
 * the documented event, the filters it lists as matching, the compound
 * conditions with their stated results, and the numeric comparisons.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePattern } from './index.ts';

const EVENT = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
  SomeObject: null,
  ThisFlag: true,
});

test('each filter AWS lists as matching its example event matches it', () => {
  for (const p of [
    '{ $.eventType = "UpdateTrail" }',
    '{ $.sourceIPAddress != 123.123.* }',
    '{ $.arrayKey[0] = "value" }',
    '{ $.objectList[1].id = 2 }',
    '{ $.SomeObject IS NULL }',
    '{ $.SomeOtherObject NOT EXISTS }',
    '{ $.ThisFlag IS TRUE }',
  ]) assert.equal(compilePattern(p).test(EVENT), true, p);
});

test('and their opposites do not', () => {
  for (const p of [
    '{ $.eventType = "CreateTrail" }',
    '{ $.sourceIPAddress != 111.111.* }',
    '{ $.arrayKey[2] = "value" }',
    '{ $.objectList[1].id = 1 }',
    '{ $.eventType IS NULL }',
    '{ $.SomeObject NOT EXISTS }',
    '{ $.ThisFlag IS FALSE }',
  ]) assert.equal(compilePattern(p).test(EVENT), false, p);
});

test('wildcards at the start or end; a star in the middle is a plain star', () => {
  const e = (name: string) => JSON.stringify({ eventName: name });
  assert.equal(compilePattern('{ $.eventName = *Event }').test(e('PutEvent')), true);
  assert.equal(compilePattern('{ $.eventName = Event* }').test(e('EventId')), true);
  assert.equal(compilePattern('{ $.eventName = Ev*ent }').test(e('Event')), false);
  assert.equal(compilePattern('{ $.eventName = Ev*ent }').test(e('Ev*ent')), true);
  assert.equal(compilePattern('{ $.eventName = * }').test(e('x')), true);
  assert.equal(compilePattern('{ $.other = * }').test(e('x')), false);
});

const COMPOUND = JSON.stringify({
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [{ id: 2, email: 'John.Doe@example.com' }, { id: 3, email: 'Jane.Doe@example.com' }],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
});

test('compound conditions: AWS\'s four examples and their stated results (&& before ||)', () => {
  assert.equal(compilePattern('{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }').test(COMPOUND), true);
  assert.equal(compilePattern('{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }').test(COMPOUND), false);
  assert.equal(compilePattern('{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }').test(COMPOUND), true);
  assert.equal(compilePattern('{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }').test(COMPOUND), false);
});

test('OR in JSON: {$.foo = bar}, {$.foo = baz}, {$.foo = bar || $.foo = baz}', () => {
  const events = ['{"foo": "bar"}', '{"foo": "baz"}'];
  const m = (p: string) => events.flatMap((e, i) => (compilePattern(p).test(e) ? [i + 1] : []));
  assert.deepEqual(m('{$.foo = bar}'), [1]);
  assert.deepEqual(m('{$.foo = baz }'), [2]);
  assert.deepEqual(m('{$.foo = bar || $.foo = baz }'), [1, 2]);
});

test('a selector on an array or object matches neither = nor !=', () => {
  const e = '{"users": [1, 2, 3]}';
  assert.equal(compilePattern('{$.users = 1}').test(e), false);
  assert.equal(compilePattern('{$.users != 1}').test(e), false);
});

test('numeric comparisons from AWS\'s list', () => {
  const e = JSON.stringify({ latency: 1500, numbers: [5, 0.001], processes: [0, 0, 0, 0, { averageRuntime: 55.5 }], errorCode: 400 });
  for (const [p, want] of [
    ['{ $.latency >= 500 }', true], ['{ $.numbers[0] < 10e3 }', true], ['{ $.numbers[1] < 10e-3 }', true],
    ['{ $.processes[4].averageRuntime <= 55.5 }', true], ['{ $.errorCode = 400 }', true], ['{ $.errorCode != 500 }', true],
    ['{ $.latency > +1000 }', true], ['{ $.latency > 2000 }', false], ['{ $.errorCode != 400 }', false],
  ] as const) assert.equal(compilePattern(p).test(e), want, p);
});

test('%regex% on a JSON value; events that are not JSON never match', () => {
  assert.equal(compilePattern('{ $.eventType = %Update[A-Z]% }').test(EVENT), true);
  assert.equal(compilePattern('{ $.eventType != %^Create% }').test(EVENT), true);
  assert.equal(compilePattern('{ $.eventType = * }').test('UpdateTrail is not JSON'), false);
  assert.equal(compilePattern('{ $.eventType = * }').test('{"truncated": '), false);
});

test('extracted values and MetricValue references: { $.latency = * } with $.latency', () => {
  const p = compilePattern('{ $.latency = * }');
  const m = p.match('{"latency": 50, "requestType": "GET"}');
  assert.ok(m);
  assert.deepEqual(m.fields, { '$.latency': '50' });
  assert.equal(m.value('$.latency'), 50);
  assert.equal(m.value('$.requestType'), 'GET');
  assert.equal(m.value('$.missing'), undefined);
  assert.equal(p.canReference('$.latency'), true);
});
