/**
 * Contributor Insights: the three VPC flow log rule examples of AWS's
 * documentation (ContributorInsights-Rule-Examples, quoted in
 * shared/reference/aws-flow-logs.md §8.4) exactly as written, the JSON and
 * CLF examples of the rule syntax page, each filter operator, and rule
 * bodies CloudWatch would refuse.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuleError, TopContributors, parseRule } from './index.ts';

const GROUP = '/aws/containerinsights/sample-cluster-name/flowlogs';
const T = Date.UTC(2026, 0, 1);

// Default-format records: version account eni srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status.
const RECORDS = [
  '2 123456789012 eni-aaa 10.0.0.1 10.0.1.1 40000 443 6 10 5000 1767225600 1767225660 ACCEPT OK',
  '2 123456789012 eni-aaa 10.0.0.1 10.0.1.1 40001 443 6 20 7000 1767225600 1767225660 ACCEPT OK',
  '2 123456789012 eni-aaa 10.0.0.2 10.0.1.2 40002 80 6 5 900 1767225600 1767225660 ACCEPT OK',
  '2 123456789012 eni-bbb 198.51.100.7 10.0.1.2 50000 22 6 1 60 1767225600 1767225660 REJECT OK',
  '2 123456789012 eni-bbb 198.51.100.7 10.0.1.2 50001 23 6 1 60 1767225600 1767225660 REJECT OK',
  '2 123456789012 eni-bbb 203.0.113.5 10.0.1.2 50002 22 6 1 60 1767225600 1767225660 REJECT OK',
  '2 123456789012 eni-bbb 203.0.113.5 10.0.1.2 50003 53 17 1 60 1767225600 1767225660 REJECT OK',
  '2 123456789012 eni-ccc 10.0.0.3 10.0.1.1 40003 443 6 7 800 1767225600 1767225660 ACCEPT OK',
  '2 123456789012 eni-ccc - - - - - - - 1767225600 1767225660 - NODATA',
];

function run(ruleJson: string, period = 300, at = (i: number) => T + i * 1000) {
  const top = new TopContributors(parseRule(ruleJson), period);
  RECORDS.forEach((r, i) => top.add(GROUP, at(i), r));
  return top.report();
}

const rows = (r: ReturnType<typeof run>) => r.contributors.map((c) => `${c.keys.join(' ')}=${c.value}`);

test('AWS example 1: top source/destination pairs by bytes', () => {
  const r = run(`{"Schema":{"Name":"CloudWatchLogRule","Version":1},"LogGroupNames":["/aws/containerinsights/sample-cluster-name/flowlogs"],"LogFormat":"CLF",
 "Fields":{"4":"srcaddr","5":"dstaddr","10":"bytes"},
 "Contribution":{"Keys":["srcaddr","dstaddr"],"ValueOf":"bytes","Filters":[]},"AggregateOn":"Sum"}`);
  assert.deepEqual(r.keyLabels, ['srcaddr', 'dstaddr']);
  assert.equal(r.aggregationStatistic, 'Sum');
  // The NODATA record has no numeric bytes: it contributes nothing.
  assert.deepEqual(rows(r), ['10.0.0.1 10.0.1.1=12000', '10.0.0.2 10.0.1.2=900', '10.0.0.3 10.0.1.1=800', '198.51.100.7 10.0.1.2=120', '203.0.113.5 10.0.1.2=120']);
  assert.equal(r.aggregateValue, 13940);
  assert.equal(r.approximateUniqueCount, 5);
});

test('AWS example 2: HTTPS traffic, packets per destination (positions 7 and 9 as AWS wrote them)', () => {
  const r = run(`{"Schema":{"Name":"CloudWatchLogRule","Version":1},"LogGroupNames":["/aws/containerinsights/sample-cluster-name/flowlogs"],"LogFormat":"CLF",
 "Fields":{"5":"destination address","7":"destination port","9":"packet count"},
 "Contribution":{"Keys":["destination address"],"ValueOf":"packet count","Filters":[{"Match":"destination port","EqualTo":443}]},"AggregateOn":"Sum"}`);
  assert.deepEqual(rows(r), ['10.0.1.1=37']);
});

test('AWS example 3: rejected TCP by interface and source (AggregateOn Sum without ValueOf counts events)', () => {
  const r = run(`{"Schema":{"Name":"CloudWatchLogRule","Version":1},"LogGroupNames":["/aws/containerinsights/sample-cluster-name/flowlogs"],"LogFormat":"CLF",
 "Fields":{"3":"interfaceID","4":"sourceAddress","8":"protocol","13":"action"},
 "Contribution":{"Keys":["interfaceID","sourceAddress"],"Filters":[{"Match":"protocol","EqualTo":6},{"Match":"action","In":["REJECT"]}]},"AggregateOn":"Sum"}`);
  assert.deepEqual(rows(r), ['eni-bbb 198.51.100.7=2', 'eni-bbb 203.0.113.5=1']);
});

test('per period: unique contributors and the top ones, periods aligned to the epoch', () => {
  const rule = '{"Schema":{"Name":"CloudWatchLogRule","Version":1},"LogGroupNames":["/aws/containerinsights/*"],"LogFormat":"CLF","Contribution":{"Keys":["4"]},"AggregateOn":"Count"}';
  // Records 0-4 in the first minute, 5-8 in the second.
  const r = run(rule, 60, (i) => T + (i < 5 ? i : 60 + i) * 1000);
  assert.deepEqual(r.periods.map((p) => ({ t: new Date(p.start * 1000).toISOString(), n: p.uniqueContributors, total: p.total, top: p.top.map((c) => `${c.keys[0]}=${c.value}`) })), [
    { t: '2026-01-01T00:00:00.000Z', n: 3, total: 5, top: ['10.0.0.1=2', '198.51.100.7=2', '10.0.0.2=1'] },
    { t: '2026-01-01T00:01:00.000Z', n: 3, total: 4, top: ['203.0.113.5=2', '-=1', '10.0.0.3=1'] },
  ]);
  assert.deepEqual(r.contributors.find((c) => c.keys[0] === '10.0.0.1')!.datapoints, [{ start: T / 1000, value: 2 }]);
});

test('log group names: exact names, and a trailing * as a prefix', () => {
  const rule = (names: string[]) => JSON.stringify({ Schema: { Name: 'CloudWatchLogRule', Version: 1 }, LogGroupNames: names, LogFormat: 'CLF', Contribution: { Keys: ['4'] }, AggregateOn: 'Count' });
  for (const [names, reads] of [[[GROUP], true], [['/aws/containerinsights*'], true], [['/aws/containerinsights'], false], [['/other*'], false]] as const) {
    assert.equal(new TopContributors(parseRule(rule([...names])), 60).readsGroup(GROUP), reads, names.join());
  }
  const arn = parseRule(JSON.stringify({ Schema: { Name: 'CloudWatchLogRule', Version: 1 }, LogGroupARNs: [`arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}:*`], LogFormat: 'CLF', Contribution: { Keys: ['4'] }, AggregateOn: 'Count' }));
  assert.deepEqual(arn.logGroupNames, [GROUP]);
});

test('the JSON rule of AWS\'s syntax page: bytes of PUT requests per IP', () => {
  const rule = parseRule(`{"Schema":{"Name":"CloudWatchLogRule","Version":1},"LogGroupNames":["API-Gateway-Access-Logs*","Log-group-name2"],"LogFormat":"JSON",
    "Contribution":{"Keys":["$.ip"],"ValueOf":"$.requestBytes","Filters":[{"Match":"$.httpMethod","In":["PUT"]}]},"AggregateOn":"Sum"}`);
  const top = new TopContributors(rule, 60);
  const ev = (ip: string, method: string, bytes: number | string) => JSON.stringify({ ip, httpMethod: method, requestBytes: bytes });
  for (const e of [ev('1.1.1.1', 'PUT', 100), ev('1.1.1.1', 'PUT', '50'), ev('2.2.2.2', 'GET', 900), ev('3.3.3.3', 'PUT', 10), 'not json', ev('4.4.4.4', 'PUT', 'n/a')]) {
    top.add('API-Gateway-Access-Logs-prod', T, e);
  }
  top.add('Other-group', T, ev('9.9.9.9', 'PUT', 1000));
  assert.deepEqual(rows(top.report()), ['1.1.1.1=150', '3.3.3.3=10']);
});

test('the CLF rule of AWS\'s syntax page: requests per IpAddress with StatusCode 200', () => {
  const rule = parseRule('{"Schema":{"Name":"CloudWatchLogRule","Version":1},"LogGroupNames":["API-Gateway-Access-Logs*"],"LogFormat":"CLF","Fields":{"4":"IpAddress","7":"StatusCode"},"Contribution":{"Keys":["IpAddress"],"Filters":[{"Match":"StatusCode","EqualTo":200}]},"AggregateOn":"Count"}');
  const top = new TopContributors(rule, 60);
  for (const e of ['a b c 10.1.1.1 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200', 'a b c 10.1.1.1 [x] "GET /x HTTP/1.1" 404', 'a b c 10.1.1.2 [y] "PUT / HTTP/1.1" 200']) top.add('API-Gateway-Access-Logs', T, e);
  assert.deepEqual(rows(top.report()), ['10.1.1.1=1', '10.1.1.2=1']);
});

test('each filter operator', () => {
  const count = (filter: object) => {
    const rule = parseRule(JSON.stringify({ Schema: { Name: 'CloudWatchLogRule', Version: 1 }, LogGroupNames: [GROUP], LogFormat: 'CLF', Contribution: { Keys: ['3'], Filters: [filter] }, AggregateOn: 'Count' }));
    const top = new TopContributors(rule, 60);
    RECORDS.forEach((r) => top.add(GROUP, T, r));
    return top.report().aggregateValue;
  };
  assert.equal(count({ Match: '13', In: ['REJECT', 'NONE'] }), 4);
  assert.equal(count({ Match: '13', NotIn: ['REJECT'] }), 5);
  assert.equal(count({ Match: '4', StartsWith: ['10.', '203.'] }), 6);
  assert.equal(count({ Match: '4', NotStartsWith: ['10.'] }), 5);
  assert.equal(count({ Match: '10', GreaterThan: 900 }), 2);
  assert.equal(count({ Match: '10', LessThan: 900 }), 5);
  assert.equal(count({ Match: '7', EqualTo: 443 }), 3);
  assert.equal(count({ Match: '7', NotEqualTo: 443 }), 6); // the NODATA record's "-" is not 443 either
  assert.equal(count({ Match: '14', IsPresent: true }), 9);
  assert.equal(count({ Match: '15', IsPresent: false }), 9);
});

test('rule bodies CloudWatch would refuse name the place and what was expected', () => {
  const base = { Schema: { Name: 'CloudWatchLogRule', Version: 1 }, LogGroupNames: [GROUP], LogFormat: 'CLF', Contribution: { Keys: ['4'] }, AggregateOn: 'Count' };
  const cases: [unknown, RegExp][] = [
    ['{not json', /expected a rule body in JSON/],
    [{ ...base, Schema: { Name: 'Other', Version: 1 } }, /^Schema: expected \{"Name": "CloudWatchLogRule", "Version": 1\}/],
    [{ ...base, LogFormat: 'XML' }, /^LogFormat: expected JSON or CLF, found "XML"/],
    [{ ...base, Contribution: { Keys: ['4', '5', '6', '7', '8'] } }, /^Contribution\.Keys: expected a list of 1 to 4 fields/],
    [{ ...base, Contribution: { Keys: ['srcaddr'] } }, /^Contribution\.Keys\[0\]: expected a field alias from Fields \(none\) or a position/],
    [{ ...base, Contribution: { Keys: ['4'], Filters: [{ Match: '4', Like: ['x'] }] } }, /^Contribution\.Filters\[0\]: expected Match and exactly one of In, NotIn/],
    [{ ...base, Contribution: { Keys: ['4'], Filters: [{ Match: '4', In: [] }] } }, /^Contribution\.Filters\[0\]\.In: expected a list of 1 to 10 strings/],
    [{ ...base, Contribution: { Keys: ['4'], Filters: [{ Match: '4', GreaterThan: '5' }] } }, /^Contribution\.Filters\[0\]\.GreaterThan: expected a number/],
    [{ ...base, AggregateOn: 'Average' }, /^AggregateOn: expected Count or Sum/],
    [{ ...base, LogGroupARNs: ['x'] }, /^LogGroupNames: expected either LogGroupNames or LogGroupARNs, found both/],
    [{ ...base, LogFormat: 'JSON', Contribution: { Keys: ['ip'] } }, /^Contribution\.Keys\[0\]: expected a JSON property such as "\$\.ip"/],
    [{ ...base, LogFormat: 'JSON', Fields: { 4: 'ip' }, Contribution: { Keys: ['$.ip'] } }, /^Fields: expected no Fields in a JSON rule/],
    [{ ...base, Extra: 1 }, /^Extra: expected one of Schema/],
  ];
  for (const [body, re] of cases) {
    assert.throws(() => parseRule(typeof body === 'string' ? body : JSON.stringify(body)), (e: unknown) => e instanceof RuleError && re.test(e.message), JSON.stringify(body));
  }
});
