import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durationSeconds, parseDuration } from './durations.ts';
import { ScenarioError } from './errors.ts';
import { originOf } from './origin.ts';
import { formatPath, parsePath } from './path.ts';
import { readPorts } from './ports.ts';
import { closest, didYouMean } from './suggest.ts';

test('paths read as a person writes them, and parse back', () => {
  const cases: [ (string | number)[], string ][] = [
    [['Resources', 'WebSG', 'Properties', 'SecurityGroupIngress', 0, 'CidrIp'], 'Resources.WebSG.Properties.SecurityGroupIngress[0].CidrIp'],
    [['hosts', 'my host'], 'hosts["my host"]'],
    [['Resources', 'X', 'Properties', 'Y', 'Fn::Select', 1], 'Resources.X.Properties.Y.Fn::Select[1]'],
    [['Mappings', 'Regions', 'us-east-1'], 'Mappings.Regions.us-east-1'],
    [[0, 'a.b'], '[0]["a.b"]'],
    [[], ''],
  ];
  for (const [segs, text] of cases) {
    assert.equal(formatPath(segs), text);
    assert.deepEqual(parsePath(text), segs);
  }
  assert.equal(parsePath('a..b'), undefined);
});

test('did-you-mean finds typos, transpositions and case slips, and stays quiet otherwise', () => {
  assert.equal(closest('CidrBlok', ['CidrBlock', 'VpcId']), 'CidrBlock');
  assert.equal(closest('VpcID', ['CidrBlock', 'VpcId']), 'VpcId');
  assert.equal(closest('Tpye', ['Type', 'Properties']), 'Type');
  assert.equal(closest('Banana', ['CidrBlock', 'VpcId']), undefined);
  assert.equal(didYouMean('traffik', ['traffic', 'changes']), ' (did you mean "traffic"?)');
  assert.equal(didYouMean('zzz', ['traffic']), '');
});

test('durations: 90s, 5m, 1h30m, 2h, numbers of seconds', () => {
  assert.equal(durationSeconds('90s'), 90);
  assert.equal(durationSeconds('5m'), 300);
  assert.equal(durationSeconds('1h30m'), 5400);
  assert.equal(durationSeconds('2h'), 7200);
  assert.equal(durationSeconds('1h0m5s'), 3605);
  assert.equal(durationSeconds(45), 45);
  assert.equal(durationSeconds('45'), 45);
  assert.equal(durationSeconds('1.5s'), 1.5);
  for (const bad of ['5 minutes', '', 'm', '-5s', -1, '1m1h', null]) assert.equal(durationSeconds(bad), undefined, String(bad));
});

test('a bad duration on the command line names the option', () => {
  assert.equal(parseDuration('10m', '--at'), 600);
  assert.throws(() => parseDuration('ten', '--at'), (e: unknown) =>
    e instanceof ScenarioError && e.message === '--at: expected a duration such as 90s, 5m, 1h30m, 2h or a number of seconds, found "ten"');
});

test('scan ports: ranges, lists, numbers, in the order given, without repeats', () => {
  const o = originOf('s.yaml');
  assert.deepEqual(readPorts('1-5', ['p'], o), [1, 2, 3, 4, 5]);
  assert.deepEqual(readPorts('22,80,443', ['p'], o), [22, 80, 443]);
  assert.deepEqual(readPorts('80, 20-22,80', ['p'], o), [80, 20, 21, 22]);
  assert.deepEqual(readPorts(8080, ['p'], o), [8080]);
  assert.deepEqual(readPorts([443, '8000-8001'], ['p'], o), [443, 8000, 8001]);
  assert.equal(readPorts('1-1024', ['p'], o).length, 1024);
  for (const bad of ['0-5', '5-1', '1-70000', 'http', '', []]) assert.throws(() => readPorts(bad, ['p'], o), ScenarioError, JSON.stringify(bad));
});
