/** Choosing, line by line, among the formats of the flow logs that deliver to one place. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseFormat, formatPicker, type Candidates } from './choose-format.ts';
import { parseFormatOption } from './format.ts';

const V2 = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';
const fmt = (s: string) => parseFormatOption(s);

/** 16 fields each: the same count, told apart by what the last two hold. */
const FLAGS = fmt(`${V2} \${tcp-flags} \${flow-direction}`);
const PATH = fmt(`${V2} \${flow-direction} \${traffic-path}`);
const place = (...formats: [ReturnType<typeof fmt>, string[]][]): Candidates => ({ where: 'log group /vpc/t', formats: formats.map(([format, flowLogIds]) => ({ format, flowLogIds })) });
const both = place([FLAGS, ['fl-flags']], [PATH, ['fl-path']]);

const REC = '5 123456789012 eni-0a1b2c3d4e5f60718 198.51.100.7 10.0.0.10 40000 443 6 7 822 1767258010 1767258010 ACCEPT OK';

test('two formats of the same length: each line goes to the one its values fit', () => {
  const a = chooseFormat(`${REC} 3 ingress`, both);
  assert.ok(a.ok);
  assert.deepEqual(a.candidate.flowLogIds, ['fl-flags']);
  const b = chooseFormat(`${REC} egress 8`, both);
  assert.ok(b.ok);
  assert.deepEqual(b.candidate.flowLogIds, ['fl-path']);
  // The order of the candidates does not matter when only one fits.
  const swapped = chooseFormat(`${REC} 3 ingress`, place([PATH, ['fl-path']], [FLAGS, ['fl-flags']]));
  assert.ok(swapped.ok);
  assert.deepEqual(swapped.candidate.flowLogIds, ['fl-flags']);
});

test('action and log-status in the other order: ACCEPT/REJECT and OK/NODATA/SKIPDATA tell them apart', () => {
  const straight = fmt(V2);
  const crossed = fmt(V2.replace('${action} ${log-status}', '${log-status} ${action}'));
  const c = place([straight, ['fl-a']], [crossed, ['fl-b']]);
  const r = chooseFormat(REC.replace('ACCEPT OK', 'OK REJECT'), c);
  assert.ok(r.ok);
  assert.deepEqual(r.candidate.flowLogIds, ['fl-b']);
  // NODATA records: the action is `-`, which fits an action field but not a log-status one.
  const nodata = '5 123456789012 eni-0a1b2c3d4e5f60718 - - - - - - - 1767258010 1767258070 - NODATA';
  const n = chooseFormat(nodata, c);
  assert.ok(n.ok);
  assert.deepEqual(n.candidate.flowLogIds, ['fl-a']);
});

test('a line both formats read without a fault goes to the flow log listed first', () => {
  // srcport and dstport swapped: every line fits both.
  const swappedPorts = fmt(V2.replace('${srcport} ${dstport}', '${dstport} ${srcport}'));
  const first = chooseFormat(REC, place([fmt(V2), ['fl-first']], [swappedPorts, ['fl-second']]));
  assert.ok(first.ok);
  assert.equal(first.index, 0);
  assert.deepEqual(first.candidate.flowLogIds, ['fl-first']);
  const other = chooseFormat(REC, place([swappedPorts, ['fl-second']], [fmt(V2), ['fl-first']]));
  assert.ok(other.ok);
  assert.deepEqual(other.candidate.flowLogIds, ['fl-second']);
});

test('a mixed stream: formats of different lengths and of the same length, line by line', () => {
  const c = place([fmt(V2), ['fl-default']], [FLAGS, ['fl-flags']], [PATH, ['fl-path', 'fl-path-2']]);
  const pick = formatPicker(c);
  const lines = [REC, `${REC} 19 egress`, `${REC} ingress -`, REC.replace('ACCEPT', 'REJECT')];
  const got = lines.map((l) => pick(l));
  assert.deepEqual(got.map((p) => p.format.length), [14, 16, 16, 14]);
  assert.deepEqual(got.map((p) => p.flowLogId), ['fl-default', 'fl-flags', undefined, 'fl-default'], 'no flow log id where two flow logs write the format');
  assert.ok(got.every((p) => p.error === undefined));
});

test('a line no format fits: the reason names each flow log and what is wrong', () => {
  const pick = formatPicker(both);
  const wrongValues = pick(`${REC} 3 9`);
  assert.match(wrongValues.error!, /^fits no format of the flow logs delivering to log group \/vpc\/t \(/);
  assert.match(wrongValues.error!, /fl-flags, flow-direction: "9" is not a valid flow-direction/);
  assert.match(wrongValues.error!, /fl-path, flow-direction: "3" is not a valid flow-direction/);
  const wrongCount = pick(REC);
  assert.equal(wrongCount.error, '14 fields, but the flow logs delivering to log group /vpc/t write 16 (fl-flags) or 16 (fl-path)');
  // Values must be in range, not only of the right type.
  assert.match(pick(`${REC} 3 ingress`.replace(' 443 ', ' 70000 ')).error!, /dstport: 70000 is outside 0–65535/);
});

test('one format: every line is read in it without a check here (the typing reports bad lines)', () => {
  const pick = formatPicker(place([FLAGS, ['fl-only']]));
  assert.deepEqual(pick('not a record'), { format: FLAGS, flowLogId: 'fl-only' });
  assert.equal(formatPicker(place([FLAGS, ['fl-a', 'fl-b']]))(`${REC} 3 ingress`).flowLogId, undefined);
});
