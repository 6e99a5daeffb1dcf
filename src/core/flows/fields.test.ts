import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FORMAT, FIELDS, FormatError, formatHeader, formatVersion, parseLogFormat } from './fields.ts';

const fmt = (names: string) => names.split(' ').map((n) => `\${${n}}`).join(' ');

test('the default format is the 14 version-2 fields, as AWS describes it', () => {
  assert.equal(DEFAULT_FORMAT, '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}');
  assert.equal(formatHeader(parseLogFormat(DEFAULT_FORMAT)), 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status');
});

test('a custom format keeps its order', () => {
  assert.deepEqual(parseLogFormat(fmt('bytes packets srcaddr')).map((d) => d.name), ['bytes', 'packets', 'srcaddr']);
});

test('formats AWS rejects: leading, trailing and double spaces, unknown or repeated fields, bare names', () => {
  const bad: [string, RegExp][] = [
    [' ${srcaddr}', /leading space/],
    ['${srcaddr} ', /trailing space/],
    ['${srcaddr}  ${dstaddr}', /two spaces in a row/],
    ['${srcaddr} ${nope}', /unknown field "nope"/],
    ['${srcaddr} ${srcaddr}', /appears twice/],
    ['srcaddr dstaddr', /"srcaddr"/],
    ['${srcaddr}\t${dstaddr}', /invalid format/],
    ['', /at least one field/],
    ['${tgw-id}', /unknown field "tgw-id"/],
  ];
  for (const [format, why] of bad) assert.throws(() => parseLogFormat(format), (e: unknown) => e instanceof FormatError && why.test(e.message), JSON.stringify(format));
});

test('version is the highest version among the fields, and 2 for the default format', () => {
  const v = (names: string) => formatVersion(parseLogFormat(fmt(names)));
  assert.equal(formatVersion(parseLogFormat(DEFAULT_FORMAT)), 2);
  assert.equal(v('srcaddr dstaddr'), 2, 'a custom format of v2 fields still reads 2');
  assert.equal(v('version srcaddr tcp-flags'), 3);
  assert.equal(v('srcaddr vpc-id region'), 4);
  assert.equal(v('version srcaddr traffic-path'), 5);
  assert.equal(v('ecs-task-id'), 7);
  assert.equal(v('reject-reason srcaddr'), 8);
  assert.equal(formatVersion(FIELDS), 8);
});
