import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileQuery } from './compile.ts';
import { InsightsQueryError } from './errors.ts';
import type { Source } from './types.ts';

const source: Source = {
  relation: 'events',
  fields: new Map([
    ['@timestamp', { sql: 'ts', type: 'time' }],
    ['@message', { sql: 'message', type: 'string' }],
    ['srcAddr', { sql: 'srcaddr', type: 'string' }],
    ['bytes', { sql: 'bytes', type: 'number' }],
  ]),
};

function error(query: string): string {
  try {
    compileQuery(query, source);
  } catch (e) {
    assert.ok(e instanceof InsightsQueryError, String(e));
    return e.message;
  }
  return assert.fail(`no error for ${query}`);
}

test('syntax errors name the line and column, what was expected and what was found', () => {
  const cases: [string, string][] = [
    ['filter action = "REJECT" | stats count(*) by )', 'insights: 1:46: expected a field name after "by", found ")"'],
    ['stats count(*) by', 'insights: 1:18: expected a field name after "by", found the end of the query'],
    ['', 'insights: 1:1: empty query: expected a command such as fields, filter or stats'],
    ['select * from t', 'insights: 1:1: expected a command (display, fields, filter, stats, sort, limit, parse, dedup), found "select"'],
    ['fields a |', 'insights: 1:11: expected a command (display, fields, filter, stats, sort, limit, parse, dedup) after "|", found the end of the query'],
    ['fields a b', 'insights: 1:10: expected "|" or the end of the query after "a", found "b"'],
    ['filter a = ', 'insights: 1:12: expected an expression after "=", found the end of the query'],
    ['filter (a = 1', 'insights: 1:14: expected ")" after "1", found the end of the query'],
    ['filter a = "open', 'insights: 1:12: unterminated string: expected a closing "'],
    ['filter a like /x', 'insights: 1:15: unterminated regular expression: expected a closing "/"'],
    ['fields `foo', 'insights: 1:8: unterminated field name: expected a closing "`"'],
    ['filter a ~ 1', 'insights: 1:10: unexpected character "~"'],
    ['filter a like 3', 'insights: 1:15: expected a string or a /regular expression/ after "like", found "3"'],
    ['filter a not 3', 'insights: 1:14: expected "like" or "in" after "not", found "3"'],
    ['filter a in 1', 'insights: 1:13: expected a list in square brackets after "in", found "1"'],
    ['filter a in [1, 2', 'insights: 1:18: expected "," or "]" after "2", found the end of the query'],
    ['fields nosuch(a)', 'insights: 1:8: unknown function "nosuch"'],
    ['fields abs(a, b)', 'insights: 1:8: abs() takes 1 argument, found 2'],
    ['fields substr(a)', 'insights: 1:8: substr() takes 2 or 3 arguments, found 1'],
    ['fields concat()', 'insights: 1:8: concat() takes at least 1 argument, found 0'],
    ['stats count(*) by bin(5x)', 'insights: 1:23: invalid time period "5x": expected a whole number and one of ms, s, m, h, d, w, mo, q, y'],
    ['limit 0', 'insights: 1:7: limit must be between 1 and 100000, found 0'],
    ['limit 1.5', 'insights: 1:7: expected a whole number after "limit", found "1.5"'],
    ['sort a desc b', 'insights: 1:13: expected "|" or the end of the query after "desc", found "b"'],
    ['parse @message "* *" as a', 'insights: 1:25: the parse pattern has 2 "*" but 1 field name follow "as"'],
    ['parse @message "no stars" as a', 'insights: 1:16: the parse pattern has no "*" to extract'],
    ['parse @message "*"', 'insights: 1:19: expected "as" and 1 field name after the string "*", found the end of the query'],
    ['parse @message /(eni-.*?) /', 'insights: 1:16: the parse regular expression has no named group such as (?<name>...) to extract'],
    ['parse @message /(?<a>x/', 'insights: 1:16: invalid regular expression: a "(" has no closing ")"'],
    ['fields a\n| filter b =\n| limit 3', 'insights: 3:1: expected an expression after "=", found "|"'],
    ['dedup', 'insights: 1:6: expected a field name after "dedup", found the end of the query'],
    ['stats count(*) as by x', 'insights: 1:19: expected a name after "as", found "by"'],
  ];
  for (const [q, msg] of cases) assert.equal(error(q), msg, q);
});

test('errors found while compiling also point at the column', () => {
  const cases: [string, string][] = [
    ['stats srcAddr by bytes', 'insights: 1:7: expected a stats function such as count(*), sum(field) or avg(field), found "srcAddr"'],
    ['stats sum(bytes) + srcAddr', 'insights: 1:20: "srcAddr" is not an aggregation: group by it with "by srcAddr", or use it inside a function such as count(srcAddr)'],
    ['filter sum(bytes) > 10', 'insights: 1:8: sum() is a stats function: use it in a stats command'],
    ['stats count(*) by sum(bytes)', 'insights: 1:19: cannot group by a stats function: "sum(bytes)"'],
    ['stats sum(count(*))', 'insights: 1:11: count() is a stats function: use it in a stats command'],
    ['stats pct(bytes, 150)', 'insights: 1:18: pct() expects a percentile between 0 and 100 as its second argument'],
    ['filter isIpv4InSubnet(srcAddr, "10.0.0.0/33")', 'insights: 1:32: isIpv4InSubnet(): "10.0.0.0/33" is not an IPv4 subnet in CIDR notation'],
    ['filter isIpv4InSubnet(srcAddr, "2001:db8::/32")', 'insights: 1:32: isIpv4InSubnet(): "2001:db8::/32" is not an IPv4 subnet in CIDR notation'],
    ['filter isIpv6InSubnet(srcAddr, "10.0.0.0/8")', 'insights: 1:32: isIpv6InSubnet(): "10.0.0.0/8" is not an IPv6 subnet in CIDR notation'],
    ['filter isIpInSubnet(srcAddr, dstAddr)', 'insights: 1:30: isIpInSubnet() expects a subnet in CIDR notation as a string, such as "192.0.2.0/24"'],
    ['stats count(*) by bin(srcAddr)', 'insights: 1:23: bin() expects a time period such as 5m or 1h'],
    ['fields 5m', 'insights: 1:8: a time period such as 5m can only be an argument of bin(), datefloor() or dateceil()'],
    ['fields /x/', 'insights: 1:8: a /regular expression/ can only follow "like" or "=~"'],
    ['fields @timestamp | dedup srcAddr | sort @timestamp', 'insights: 1:37: only "limit" may follow "dedup", found "sort"'],
    ['stats count(*) by srcAddr | stats earliest(srcAddr)', 'insights: 1:35: earliest() needs @timestamp, which an earlier stats command did not keep'],
    ['filter srcAddr like /a(b/', 'insights: 1:21: invalid regular expression: a "(" has no closing ")"'],
  ];
  for (const [q, msg] of cases) assert.equal(error(q), msg, q);
});

test('the error keeps the line it is on, for a caret under the column', () => {
  try {
    compileQuery('fields a\n  | stats count(*) by )', source);
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof InsightsQueryError);
    assert.deepEqual([e.line, e.column, e.sourceLine, e.reason], [2, 23, '  | stats count(*) by )', 'expected a field name after "by", found ")"']);
  }
});
