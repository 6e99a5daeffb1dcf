import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Command, Expr } from './ast.ts';
import { parseQuery } from './parser.ts';

/** An expression as a compact S-expression, for readable expectations. */
function sx(e: Expr): string {
  switch (e.kind) {
    case 'num': return e.text;
    case 'str': return JSON.stringify(e.value);
    case 'regex': return `/${e.source}/`;
    case 'period': return e.text;
    case 'field': return e.name;
    case 'star': return '*';
    case 'call': return `(${e.name} ${e.args.map(sx).join(' ')})`.replace(/ \)$/, ')');
    case 'neg': return `(- ${sx(e.arg)})`;
    case 'not': return `(not ${sx(e.arg)})`;
    case 'binary': return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case 'match': return `(${e.negated ? 'not ' : ''}${e.op} ${sx(e.left)} ${sx(e.pattern)})`;
    case 'in': return `(${e.negated ? 'not ' : ''}in ${sx(e.left)} [${e.items.map(sx).join(' ')}])`;
  }
}

const one = (q: string): Command => {
  const cmds = parseQuery(q).commands;
  assert.equal(cmds.length, 1, q);
  return cmds[0]!;
};
const filterOf = (cond: string): string => {
  const c = one(`filter ${cond}`);
  assert.equal(c.kind, 'filter');
  return sx((c as Extract<Command, { kind: 'filter' }>).cond);
};
const fieldsOf = (items: string): string[] => {
  const c = one(`fields ${items}`) as Extract<Command, { kind: 'fields' }>;
  return c.items.map((p) => `${sx(p.expr)}${p.alias ? ` as ${p.alias}` : ''}`);
};

test('fields: names, backticked names, expressions and aliases', () => {
  assert.deepEqual(fieldsOf('`foo-bar`, action, abs(f3-f4)'), ['foo-bar', 'action', '(abs (- f3 f4))']);
  assert.deepEqual(fieldsOf('@timestamp, @message, detail.eventName'), ['@timestamp', '@message', 'detail.eventName']);
  assert.deepEqual(fieldsOf("concat(Operation, '-', StatusCode) as opStatus"), ['(concat Operation "-" StatusCode) as opStatus']);
  assert.deepEqual(fieldsOf('bytes / packets as avgSize, `count(*)` as n'), ['(/ bytes packets) as avgSize', 'count(*) as n']);
  const c = one('fields bytes/1000 as kb') as Extract<Command, { kind: 'fields' }>;
  assert.equal(c.items[0]!.text, 'bytes/1000');
});

test('display: field names, the last one counts (kept in order here)', () => {
  const q = parseQuery('fields @message | display a, b | display c');
  assert.deepEqual(q.commands.map((c) => c.kind), ['fields', 'display', 'display']);
  const d = q.commands[2] as Extract<Command, { kind: 'display' }>;
  assert.deepEqual(d.items.map((p) => sx(p.expr)), ['c']);
});

test('filter: comparisons, and/or/not with their precedence, parentheses', () => {
  assert.equal(filterOf('duration>2000'), '(> duration 2000)');
  assert.equal(filterOf('(f1=10 or f3>25)'), '(or (= f1 10) (> f3 25))');
  assert.equal(filterOf('a = 1 or b = 2 and c != 3'), '(or (= a 1) (and (= b 2) (!= c 3)))');
  assert.equal(filterOf('not a <= 1 and b >= 2'), '(and (not (<= a 1)) (>= b 2))');
  assert.equal(filterOf('not (a < 1 or b > 2)'), '(not (or (< a 1) (> b 2)))');
  assert.equal(filterOf('logStatus="SKIPDATA"'), '(= logStatus "SKIPDATA")');
  assert.equal(filterOf("action = 'REJECT' AND protocol = 6"), '(and (= action "REJECT") (= protocol 6))');
});

test('filter: like with strings and regular expressions, =~, not like', () => {
  assert.equal(filterOf('f1 like /Exception/'), '(like f1 /Exception/)');
  assert.equal(filterOf('f1 =~ /^(?i)Exception$/'), '(=~ f1 /^(?i)Exception$/)');
  assert.equal(filterOf('f1 like "Exception"'), '(like f1 "Exception")');
  assert.equal(filterOf("dstAddr not like 'y.y.'"), '(not like dstAddr "y.y.")');
  assert.equal(filterOf('statusCode like /2\\d\\d/'), '(like statusCode /2\\d\\d/)');
  assert.equal(filterOf('a like /x\\/y/ and b = 1'), '(and (like a /x\\/y/) (= b 1))');
  assert.equal(filterOf("(dstAddr like 'x.x.x.x' and srcAddr like 'y.y.') or (srcAddr like 'xxx.xx.xx.xx' and dstAddr like 'y.y.')"),
    '(or (and (like dstAddr "x.x.x.x") (like srcAddr "y.y.")) (and (like srcAddr "xxx.xx.xx.xx") (like dstAddr "y.y.")))');
});

test('filter: in and not in lists', () => {
  assert.equal(filterOf('statusCode in [300,400,500]'), '(in statusCode [300 400 500])');
  assert.equal(filterOf('Type not in ["foo","bar",1]'), '(not in Type ["foo" "bar" 1])');
  assert.equal(filterOf('dstPort in []'), '(in dstPort [])');
});

test('operators: arithmetic precedence, power is right-associative, unary minus', () => {
  assert.equal(filterOf('a + b * c - d / e % f > 0'), '(> (- (+ a (* b c)) (% (/ d e) f)) 0)');
  assert.equal(filterOf('2 ^ 3 ^ 2 = x'), '(= (^ 2 (^ 3 2)) x)');
  assert.equal(filterOf('-a * 2 < -1.5'), '(< (* (- a) 2) (- 1.5))');
  assert.equal(filterOf('(a + b) * c = 1'), '(= (* (+ a b) c) 1)');
});

test('stats: several aggregations, aliases, by fields and bin()', () => {
  const c = one('stats count(*) as n, sum(bytes), avg (f1), pct(bytes, 95) as p95 by srcAddr, bin(5m) as t') as Extract<Command, { kind: 'stats' }>;
  assert.deepEqual(c.items.map((p) => [sx(p.expr), p.alias ?? p.text]), [['(count *)', 'n'], ['(sum bytes)', 'sum(bytes)'], ['(avg f1)', 'avg (f1)'], ['(pct bytes 95)', 'p95']]);
  assert.deepEqual(c.by.map((p) => [sx(p.expr), p.alias ?? p.text]), [['srcAddr', 'srcAddr'], ['(bin 5m)', 't']]);
  const plain = one('stats count()') as Extract<Command, { kind: 'stats' }>;
  assert.deepEqual([plain.items.length, plain.by.length, sx(plain.items[0]!.expr)], [1, 0, '(count)']);
  const calc = one('stats sum(bytes) / count(*) as avgBytes by bin(1h)') as Extract<Command, { kind: 'stats' }>;
  assert.equal(sx(calc.items[0]!.expr), '(/ (sum bytes) (count *))');
});

test('sort: asc, desc, several keys, no direction', () => {
  const c = one('sort packetsTransferred desc, srcAddr asc, t') as Extract<Command, { kind: 'sort' }>;
  assert.deepEqual(c.keys.map((k) => [sx(k.expr), k.desc]), [['packetsTransferred', true], ['srcAddr', false], ['t', false]]);
  const upper = one('sort @timestamp DESC') as Extract<Command, { kind: 'sort' }>;
  assert.equal(upper.keys[0]!.desc, true);
});

test('limit: a whole number', () => {
  assert.deepEqual(one('limit 25'), { kind: 'limit', count: 25, span: { start: 0, end: 8 } });
  assert.equal((one('limit 100000') as Extract<Command, { kind: 'limit' }>).count, 100000);
});

test('parse: glob with as, regex with named groups, @ in group names, the field left out', () => {
  const g = one('parse @message "[*] * The error was: *" as level, config, exception') as Extract<Command, { kind: 'parse' }>;
  assert.equal(sx(g.source), '@message');
  assert.deepEqual(g.pattern, { kind: 'glob', text: '[*] * The error was: *', span: { start: 15, end: 39 } });
  assert.deepEqual(g.names.map((n) => n.name), ['level', 'config', 'exception']);
  const r = one('parse @message /(?<NetworkInterface>eni-.*?) /') as Extract<Command, { kind: 'parse' }>;
  assert.equal(r.pattern.kind, 'regex');
  assert.deepEqual(r.names.map((n) => n.name), ['NetworkInterface']);
  const at = one('parse @message /(transactionId:[ ]?)(?<@transId>[a-zA-Z0-9]+)/') as Extract<Command, { kind: 'parse' }>;
  assert.deepEqual(at.names.map((n) => n.name), ['@transId']);
  const bare = one("parse '* * *' as a, b, c") as Extract<Command, { kind: 'parse' }>;
  assert.equal(sx(bare.source), '@message');
});

test('dedup: one or more fields, only limit after it', () => {
  const q = parseQuery('fields @timestamp, server, severity, message | sort @timestamp desc | dedup server, severity | limit 5');
  const d = q.commands[2] as Extract<Command, { kind: 'dedup' }>;
  assert.deepEqual(d.fields.map((f) => f.name), ['server', 'severity']);
});

test('pipes, comments, case of command names and keywords, line breaks', () => {
  const q = parseQuery(`fields @timestamp, @message
    # | filter @message like /delay/
    | FILTER a = 1 AND NOT b = 2 # trailing comment
    | Sort @timestamp Desc
    | limit 20`);
  assert.deepEqual(q.commands.map((c) => c.kind), ['fields', 'filter', 'sort', 'limit']);
  assert.equal(sx((q.commands[1] as Extract<Command, { kind: 'filter' }>).cond), '(and (= a 1) (not (= b 2)))');
});

test('the four AWS sample queries for flow logs parse', () => {
  const samples = [
    'stats sum(packets) as packetsTransferred by srcAddr, dstAddr\n    | sort packetsTransferred  desc\n    | limit 15',
    'filter isIpv4InSubnet(srcAddr, "192.0.2.0/24")\n    | stats sum(bytes) as bytesTransferred by dstAddr\n    | sort bytesTransferred desc\n    | limit 15',
    'filter protocol=17 | stats count(*) by srcAddr',
    'filter logStatus="SKIPDATA"\n    | stats count(*) by bin(1h) as t\n    | sort t',
  ];
  assert.deepEqual(samples.map((s) => parseQuery(s).commands.map((c) => c.kind)), [
    ['stats', 'sort', 'limit'], ['filter', 'stats', 'sort', 'limit'], ['filter', 'stats'], ['filter', 'stats', 'sort'],
  ]);
});

const call = (e: string): string => filterOf(e);

test('numeric functions', () => {
  assert.equal(call('abs(a) + ceil(b) + floor(c) + log(d) + sqrt(e) > 0'), '(> (+ (+ (+ (+ (abs a) (ceil b)) (floor c)) (log d)) (sqrt e)) 0)');
  assert.equal(call('greatest(a, b, 3) = least(1, c)'), '(= (greatest a b 3) (least 1 c))');
});

test('general functions', () => {
  assert.equal(call('ispresent(resolverArn)'), '(ispresent resolverArn)');
  assert.equal(call('isPresent(x) and coalesce(a, b, "c") = "c"'), '(and (ispresent x) (= (coalesce a b "c") "c"))');
});

test('string functions', () => {
  assert.deepEqual(fieldsOf('isempty(a), isblank(b), concat(a, "-", b), ltrim(a), rtrim(a, "xy"), trim(a), strlen(a), toupper(a), tolower(a), substr(a, 3), substr(a, 3, 3), replace(a, "o", "0"), strcontains(a, "x")'), [
    '(isempty a)', '(isblank b)', '(concat a "-" b)', '(ltrim a)', '(rtrim a "xy")', '(trim a)', '(strlen a)', '(toupper a)', '(tolower a)',
    '(substr a 3)', '(substr a 3 3)', '(replace a "o" "0")', '(strcontains a "x")',
  ]);
});

test('datetime functions and periods', () => {
  assert.deepEqual(fieldsOf('bin(5m), bin(1h), bin(30s), bin(100ms), bin(1d), bin(1w), bin(1mo), bin(1q), bin(1y), datefloor(@timestamp, 1h), dateceil(@timestamp, 1h), fromMillis(1000), toMillis(@timestamp)'), [
    '(bin 5m)', '(bin 1h)', '(bin 30s)', '(bin 100ms)', '(bin 1d)', '(bin 1w)', '(bin 1mo)', '(bin 1q)', '(bin 1y)',
    '(datefloor @timestamp 1h)', '(dateceil @timestamp 1h)', '(fromMillis 1000)', '(toMillis @timestamp)',
  ]);
});

test('IP functions', () => {
  assert.equal(call('isValidIp(a) and isValidIpV4(b) and isValidIpV6(c)'), '(and (and (isValidIp a) (isValidIpV4 b)) (isValidIpV6 c))');
  assert.equal(call('isIpInSubnet(srcAddr, "10.0.0.0/8") or isIpv4InSubnet(srcAddr, "192.0.2.0/24") or isIpv6InSubnet(dstAddr, "2001:db8::/32")'),
    '(or (or (isIpInSubnet srcAddr "10.0.0.0/8") (isIpv4InSubnet srcAddr "192.0.2.0/24")) (isIpv6InSubnet dstAddr "2001:db8::/32"))');
});

test('aggregation and stats functions', () => {
  const c = one('stats count(*), count(), count(f), count_distinct(f), sum(f), avg(f), min(f), max(f), pct(f, 50), stddev(f), earliest(f), latest(f), sortsFirst(f), sortsLast(f)') as Extract<Command, { kind: 'stats' }>;
  assert.deepEqual(c.items.map((p) => sx(p.expr)), ['(count *)', '(count)', '(count f)', '(count_distinct f)', '(sum f)', '(avg f)', '(min f)', '(max f)', '(pct f 50)', '(stddev f)', '(earliest f)', '(latest f)', '(sortsFirst f)', '(sortsLast f)']);
});

test('source positions: spans of commands and expressions', () => {
  const q = parseQuery('filter a = 1\n| stats count(*) as n by b');
  const s = q.commands[1] as Extract<Command, { kind: 'stats' }>;
  assert.deepEqual(s.span, { start: 15, end: 39 });
  assert.deepEqual(s.items[0]!.span, { start: 21, end: 34 });
  assert.deepEqual(s.by[0]!.expr.span, { start: 38, end: 39 });
});
