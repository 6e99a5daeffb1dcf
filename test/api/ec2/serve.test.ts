/** `vpcflow serve` as a user runs it: a real process, its startup line, an SDK call, a clean stop on SIGTERM. */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { cli } from '../../support/cli.ts';
import { ec2Client } from '../support/server.ts';

const BIN = join(REPO_ROOT, 'bin', 'vpcflow');

const DATA = mkdtempSync(join(tmpdir(), 'vpcflow-serve-'));
after(() => rmSync(DATA, { recursive: true, force: true }));

function serve(...args: string[]): { child: ChildProcess; line: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, 'serve', '--data', DATA, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  const line = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`vpcflow serve exited (${code}) before listening: ${err}`)));
  });
  return { child, line, stderr: () => err };
}

test('serve prints where it listens and that it accepts any credentials, answers, and stops on SIGTERM', async () => {
  const s = serve('--port', '0', '--account', '111122223333');
  const line = await s.line;
  assert.match(line, /^vpcflow serve: listening on http:\/\/127\.0\.0\.1:\d+ \(ec2(, [a-z0-9]+)*; account 111122223333; data in [^;]+; real clock; accepts any credentials, signatures are not checked\)$/);
  const url = /(http:\/\/\S+)/.exec(line)![1]!;
  const ec2 = ec2Client(url);
  const r = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['us-east-1'] }));
  ec2.destroy();
  assert.equal(r.Regions![0]!.RegionName, 'us-east-1');
  s.child.kill('SIGTERM');
  const [code] = await once(s.child, 'exit');
  assert.equal(code, 0);
  assert.match(s.stderr(), /stopped \(SIGTERM\)/);
});

test('serve refuses a bad account id or port before listening', async () => {
  const account = await cli('serve', '--account', '12345');
  assert.equal(account.code, 2);
  assert.match(account.err, /--account: expected a 12-digit AWS account id, found "12345"/);
  const port = await cli('serve', '--port', '70000');
  assert.equal(port.code, 2);
  assert.match(port.err, /--port/);
});

test('serve refuses a port in use', async () => {
  const first = serve('--port', '0');
  const port = /:(\d+) /.exec(await first.line)![1]!;
  const second = await cli('serve', '--port', port);
  first.child.kill('SIGTERM');
  await once(first.child, 'exit');
  assert.equal(second.code, 2);
  assert.match(second.err, /the port is in use/);
});
