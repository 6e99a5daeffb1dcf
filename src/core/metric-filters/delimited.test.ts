/**
 * Space-delimited patterns against AWS's documented examples: the Apache log
 * lines and patterns of "Filter and pattern syntax", the extracted values of
 * its TestMetricFilter example, and the flow log patterns of the VPC User
 * Guide (flow-logs-cwl.md) on flow log records.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePattern } from './index.ts';

const matching = (pattern: string, events: string[]): number[] => {
  const p = compilePattern(pattern);
  return events.flatMap((e, i) => (p.test(e) ? [i + 1] : []));
};

const APACHE = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
  '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 200 4355',
];

test('brackets and quotes make one field; names assign fields by position', () => {
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code, bytes]', APACHE), [1, 2, 3]);
  const m = compilePattern('[ip, user, username, timestamp, request, status_code, bytes]').match(APACHE[1]!);
  assert.ok(m);
  assert.equal(m.fields.$timestamp, '10/Oct/2000:13:35:22 -0700');
  assert.equal(m.fields.$request, 'GET /apache_pb.gif HTTP/1.0');
  assert.equal(m.value('$bytes'), '5324');
});

test('without "...", the event must have exactly as many fields as the pattern', () => {
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code]', APACHE), []);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code, bytes, more]', APACHE), []);
});

test('"..." stands for any number of fields, at the start, middle or end', () => {
  for (const p of ['[..., status_code, bytes]', '[ip, user, ..., status_code, bytes]', '[ip, user, ...]']) {
    assert.deepEqual(matching(p, APACHE), [1, 2, 3], p);
  }
  assert.equal(compilePattern('[..., status_code, bytes]').match(APACHE[0]!) && (compilePattern('[..., status_code, bytes]').match(APACHE[0]!) as { fields: Record<string, string> }).fields.$status_code, '200');
  assert.deepEqual(matching('[a, b, c, d, e, f, g, h, ...]', APACHE), []);
});

test('conditions: numeric comparison, equality, prefix and contains wildcards', () => {
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code, bytes > 1000]', APACHE), [1, 2, 3]);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code, bytes > 5000]', APACHE), [2]);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code = 200, bytes]', APACHE), [1, 3]);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code = 5*, bytes]', APACHE), [2]);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code = 4*, bytes]', APACHE), []);
  assert.deepEqual(matching('[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]', APACHE), []);
  assert.deepEqual(matching('[ip, user, username, timestamp, request = *gif*, status_code != 200, bytes]', APACHE), [2]);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code, bytes <= 4355]', APACHE), [1, 3]);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code, bytes < 4355]', APACHE), [1]);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code, bytes >= 5324]', APACHE), [2]);
});

test('&& and || inside a field: status_code = 403 || status_code = 404; status_code = 4* && status_code != 403', () => {
  const events = [...APACHE, '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /index.html HTTP/1.0" 404 1534', '127.0.0.1 - frank [10/Oct/2000:13:55:37 -0700] "GET /x.html HTTP/1.0" 403 12'];
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code = 403 || status_code = 404, bytes]', events), [4, 5]);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]', events), [4]);
  assert.deepEqual(matching('[ip, user, username, timestamp, request, (status_code = 200 || status_code = 500) && status_code != 500, bytes]', events), [1, 3]);
});

test('AWS\'s TestMetricFilter example: [..., request=*.html*, status_code=4*,] and its extracted values', () => {
  const event = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
  const m = compilePattern('[..., request=*.html*, status_code=4*,]').match(event);
  assert.ok(m);
  // AWS's page prints "/products/index.html" for $request although its event says "/index.html": the event is what is extracted.
  assert.deepEqual(m.fields, {
    $status_code: '404', $request: 'GET /index.html HTTP/1.0', $7: '1534', $4: '10/Oct/2000:13:25:15 -0700', $3: 'frank', $2: '-', $1: '127.0.0.1',
  });
});

test('w1/w2 words: [w1=ERROR, w2] and [w1=ERROR || w1=WARN, w2] over AWS\'s three events', () => {
  const events = ['ERROR WARN message', 'ERROR message', 'WARN message'];
  assert.deepEqual(matching('[w1=ERROR, w2]', events), [2]);
  assert.deepEqual(matching('[w1=ERROR || w1=WARN, w2]', events), [2, 3]);
  // AWS's page also says [w1!=ERROR&&w1!=WARN, w2] matches the first event; by its own field
  // rules it matches none of the three (w1 is ERROR or WARN in each two-word event).
  assert.deepEqual(matching('[w1!=ERROR&&w1!=WARN, w2]', events), []);
  assert.deepEqual(matching('[w1!=ERROR&&w1!=WARN, w2]', ['INFO message']), [1]);
});

// Flow log records in the default format: 1, 2 and 6 are the VPC User Guide's examples, the others made up for the filters.
const FLOWS = [
  '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
  '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK',
  '2 123456789010 eni-1235b8ca123456789 10.0.0.1 10.0.1.5 50000 80 6 5 400 1418530010 1418530070 REJECT OK',
  '2 123456789010 eni-1235b8ca123456789 10.0.2.7 10.0.1.5 50001 8080 6 3 180 1418530010 1418530070 ACCEPT OK',
  '2 123456789010 eni-1235b8ca123456789 203.0.113.12 10.0.1.5 41234 22 6 1 40 1418530010 1418530070 REJECT OK',
  '2 123456789010 eni-1a2b3c4d - - - - - - - 1431280876 1431280934 - NODATA',
];

test('the flow log filters of the VPC User Guide', () => {
  const F = 'version, accountid, interfaceid, srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes, start, end, action, logstatus';
  assert.deepEqual(matching(`[${F}]`, FLOWS), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(matching('[version, accountid, interfaceid, srcaddr = 10.0.0.1, dstaddr, srcport, dstport, protocol, packets, bytes, start, end, action, logstatus]', FLOWS), [3]);
  assert.deepEqual(matching('[version, accountid, interfaceid, srcaddr = 10.0.2.*, dstaddr, srcport, dstport, protocol, packets, bytes, start, end, action, logstatus]', FLOWS), [4]);
  assert.deepEqual(matching('[version, accountid, interfaceid, srcaddr, dstaddr, srcport, dstport = 80 || dstport = 8080, protocol, packets, bytes, start, end, action, logstatus]', FLOWS), [3, 4]);
  assert.deepEqual(matching('[version, accountid, interfaceid, srcaddr, dstaddr, srcport, dstport = 80 || dstport = 8080, protocol, packets, bytes >= 400, start, end, action = REJECT, logstatus]', FLOWS), [3]);
});

test('the rejected-SSH filter of the VPC User Guide matches rejected TCP port 22 only', () => {
  const p = compilePattern('[version, account, eni, source, destination, srcport, destport="22", protocol="6", packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]');
  assert.deepEqual(FLOWS.flatMap((e, i) => (p.test(e) ? [i + 1] : [])), [5]);
  const m = p.match(FLOWS[4]!);
  assert.ok(m);
  assert.equal(m.value('$source'), '203.0.113.12');
  assert.equal(m.value('$bytes'), '40');
  assert.equal(m.value('$nope'), undefined);
  assert.equal(p.canReference('$bytes'), true);
  assert.equal(p.canReference('$nope'), false);
});

test('a numeric condition on "-" (a NODATA record) fails; != compares it as text', () => {
  assert.deepEqual(matching('[v, a, i, s, d, sp, dp, p, packets, bytes > 0, st, en, ac, ls]', FLOWS), [1, 2, 3, 4, 5]);
  assert.deepEqual(matching('[v, a, i, s, d, sp, dp != 22, p, packets, bytes, st, en, ac, ls]', FLOWS), [2, 3, 4, 6]);
});

test('test() and match() agree on plain lines and on lines with odd spacing, quotes or brackets', () => {
  const patterns = ['[a, b = 2*, c]', '[..., c > 5]', '[a, ..., d = x]', '[a, b, c, d]', '[a,,c]'];
  const events = ['1 20 30', '1 2 3 x', ' 1 20 30', '1  20 30', '1 20 30 ', '1\t20 30', '"1 2" 20 30', '[1] 2 9 x', '', 'a', '1 2 6'];
  for (const p of patterns) {
    const c = compilePattern(p);
    for (const e of events) assert.equal(c.test(e), c.match(e) !== false, `${p} on ${JSON.stringify(e)}`);
  }
});
