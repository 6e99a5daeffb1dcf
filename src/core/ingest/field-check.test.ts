/** The value shapes that tell formats apart. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STORE_FIELD_BY_NAME } from './columns.ts';
import { fieldValueProblem } from './field-check.ts';

const check = (name: string, tok: string) => fieldValueProblem(STORE_FIELD_BY_NAME.get(name)!, tok);

test('values AWS writes fit their fields', () => {
  const fits: [string, string][] = [
    ['version', '5'], ['account-id', '123456789012'], ['account-id', 'unknown'], ['interface-id', 'eni-0a1b2c3d4e5f60718'],
    ['srcaddr', '10.0.0.1'], ['dstaddr', '2001:db8::1'], ['srcport', '65535'], ['protocol', '58'], ['packets', '12'],
    ['action', 'REJECT'], ['log-status', 'SKIPDATA'], ['vpc-id', 'vpc-0a1b'], ['subnet-id', 'subnet-0a1b'], ['instance-id', 'i-0a1b'],
    ['tcp-flags', '19'], ['type', 'IPv6'], ['region', 'ap-southeast-2'], ['region', 'us-gov-west-1'], ['az-id', 'apse2-az3'],
    ['sublocation-type', 'outpost'], ['pkt-src-aws-service', 'AMAZON_APPFLOW'], ['flow-direction', 'egress'], ['traffic-path', '8'],
    ['ecs-task-arn', 'arn:aws:ecs:us-east-1:123456789012:task/c/abc'], ['ecs-container-id', 'anything'], ['reject-reason', 'BPA'],
    ['tgw-attachment-id', 'tgw-attach-0a1b'], ['packets-lost-no-route', '0'],
  ];
  for (const [name, tok] of fits) assert.equal(check(name, tok), null, `${name} ${tok}`);
});

test('`-` fits every field but version', () => {
  for (const name of ['account-id', 'srcport', 'action', 'log-status', 'flow-direction', 'traffic-path']) assert.equal(check(name, '-'), null, name);
  assert.match(check('version', '-')!, /every record has a version/);
});

test('values out of shape or range do not', () => {
  const misfits: [string, string, RegExp][] = [
    ['version', '1', /outside 2–10/], ['srcport', '65536', /outside 0–65535/], ['protocol', '256', /outside 0–255/],
    ['traffic-path', '0', /outside 1–8/], ['packets', '-3', /outside 0–/], ['bytes', '1.5', /not a whole number/],
    ['srcaddr', '300.1.1.1', /not a valid srcaddr/], ['srcaddr', 'ingress', /not a valid srcaddr/],
    ['account-id', 'eni-0a1b', /not a valid account-id/], ['action', 'OK', /not a valid action/], ['log-status', 'ACCEPT', /not a valid log-status/],
    ['flow-direction', '3', /not a valid flow-direction/], ['vpc-id', 'subnet-0a1b', /not a valid vpc-id/], ['type', 'ipv4', /not a valid type/],
  ];
  for (const [name, tok, re] of misfits) assert.match(check(name, tok) ?? 'fits', re, `${name} ${tok}`);
});
