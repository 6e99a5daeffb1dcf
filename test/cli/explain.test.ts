import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../support/cli.ts';
import { assertGolden } from '../support/golden.ts';

const SCENARIO = 'examples/frontal-bd/scenario.yaml';

test('explain: the BD tier ACL drops MySQL replies (human output, exit 1)', async () => {
  const r = await cli('explain', SCENARIO, '--from', 'Web', '--to', 'DbPi', '--proto', 'tcp', '--port', '3306');
  assert.equal(r.code, 1, r.err);
  assertGolden('cli/explain-web-dbpi.txt', r.out);
});

test('explain: two blockers on two legs for the replica (JSON output)', async () => {
  const r = await cli('explain', SCENARIO, '--from', 'Web', '--to', 'DbSec', '--proto', 'tcp', '--port', '3306', '--json');
  assert.equal(r.code, 1, r.err);
  const x = JSON.parse(r.out);
  assert.equal(x.verdict, 'REJECT');
  assert.deepEqual(x.legs.map((l: { blockedBy: { type: string; direction: string }[] }) => l.blockedBy.map((b) => `${b.type}/${b.direction}`)), [['security-group/inbound'], ['network-acl/outbound']]);
  assert.equal(x.legs[1].blockedBy[0].ruleNumber, 32767);
  assertGolden('cli/explain-web-dbsec.json', r.out);
});

test('explain: a scanner from the internet on 8080 (JSON) names its /32 in the fix', async () => {
  const r = await cli('explain', SCENARIO, '--from', 'scanner', '--to', 'Web', '--proto', 'tcp', '--port', '8080', '--json');
  assert.equal(r.code, 1, r.err);
  assertGolden('cli/explain-scanner-web.json', r.out);
});

test('explain: HTTP from the admin host works (exit 0)', async () => {
  const r = await cli('explain', SCENARIO, '--from', 'admin', '--to', 'Web', '--proto', 'tcp', '--port', '80');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /: ACCEPT\n/);
});

test('explain: bad input exits 2 with a message, no stack trace', async () => {
  const cases: [string[], RegExp][] = [
    [['--from', 'Nope', '--to', 'Web', '--proto', 'tcp', '--port', '80'], /unknown endpoint "Nope"/],
    [['--from', 'Web', '--to', 'DbPi', '--proto', 'sctp', '--port', '80'], /--proto: expected tcp, udp or icmp/],
    [['--from', 'Web', '--to', 'DbPi', '--proto', 'tcp'], /--port is required/],
    [['--from', 'Web', '--to', 'DbPi', '--proto', 'tcp', '--port', '70000'], /--port: expected a port number/],
    [['--from', 'Web', '--to', 'DbPi', '--proto', 'tcp', '--port', '80', '--at', 'soon'], /--at/],
  ];
  for (const [args, re] of cases) {
    const r = await cli('explain', SCENARIO, ...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, re);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
  const missing = await cli('explain', 'no/such/scenario.yaml', '--from', 'a', '--to', 'b', '--proto', 'tcp', '--port', '1');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no\/such\/scenario\.yaml/);
});

test('every command answers --help', async () => {
  for (const cmd of [[], ['run'], ['explain']]) {
    const r = await cli(...cmd, '--help');
    assert.equal(r.code, 0, cmd.join(' '));
    assert.match(r.out, /Usage: vpcflow/);
  }
  assertGolden('cli/help-explain.txt', (await cli('explain', '--help')).out);
});
