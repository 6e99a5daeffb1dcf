/** examples/sg-nacl-experiments: golden output, determinism, and what each five-minute experiment shows. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { goldenAndDeterminismTests, listFiles, withRun } from './harness.ts';

const SCENARIO = 'examples/sg-nacl-experiments/scenario.yaml';
const START = Date.UTC(2026, 0, 1, 9) / 1000;

interface Rec { src: string; dst: string; sport: number; dport: number; proto: number; start: number; action: string; flags: number; dir: string }

function records(outDir: string): Rec[] {
  const files = listFiles(outDir).filter((f) => f.startsWith('cloudwatch/'));
  assert.deepEqual(files, ['cloudwatch/%2Fvpc%2Fsg-nacl-experiments/eni-0e5a1b2c3d4e5f607-all.jsonl']);
  return readFileSync(join(outDir, files[0]!), 'utf8').trimEnd().split('\n').map((l) => {
    const f = (JSON.parse(l) as { message: string }).message.split(' ');
    return { src: f[3]!, dst: f[4]!, sport: Number(f[5]), dport: Number(f[6]), proto: Number(f[7]), start: Number(f[10]), action: f[12]!, flags: Number(f[14]), dir: f[15]! };
  });
}

/** The records whose start falls in minutes [from, to) of the run, as short strings. */
function phase(recs: Rec[], from: number, to: number): string[] {
  return recs.filter((r) => r.start >= START + from * 60 && r.start < START + to * 60).map((r) => {
    const what = r.proto === 17 ? 'ntp' : r.dport === 80 || r.sport === 80 ? 'http' : `${r.proto}/${r.dport}`;
    return `${what} ${r.dir} ${r.action}`;
  });
}

goldenAndDeterminismTests('sg-nacl-experiments', SCENARIO);

test('sg-nacl-experiments: each change shows in the records as the README says', async () => {
  await withRun(SCENARIO, async (out, { summary }) => {
    const recs = records(out);
    const uniq = (xs: string[]) => [...new Set(xs)].sort();
    // 0-5 min: everything works, both ways.
    assert.deepEqual(uniq(phase(recs, 0, 5)), ['http egress ACCEPT', 'http ingress ACCEPT', 'ntp egress ACCEPT', 'ntp ingress ACCEPT']);
    // 5-10 min: no inbound rule: HTTP rejected on the way in, never answered; NTP unaffected.
    assert.deepEqual(uniq(phase(recs, 5, 10)), ['http ingress REJECT', 'ntp egress ACCEPT', 'ntp ingress ACCEPT']);
    // 10-15 min: HTTP allowed again (the 9:09:10 client's last SYN retry, at 9:10:13, gets through too).
    assert.deepEqual(uniq(phase(recs, 10, 15)), ['http egress ACCEPT', 'http ingress ACCEPT', 'ntp egress ACCEPT', 'ntp ingress ACCEPT']);
    assert.equal(phase(recs, 10, 15).filter((r) => r === 'http ingress ACCEPT').length, 6);
    // 15-20 min: the ACL denies inbound: HTTP rejected, NTP out accepted and its reply rejected.
    assert.deepEqual(uniq(phase(recs, 15, 20)), ['http ingress REJECT', 'ntp egress ACCEPT', 'ntp ingress REJECT']);
    // 20-25 min: no route to the internet gateway: HTTP rejected at the interface; NTP requests are
    // dropped for want of a route before any interface logs them.
    assert.deepEqual(uniq(phase(recs, 20, 25)), ['http ingress REJECT']);
    // Amazon Time Sync (169.254.169.123) is never logged.
    assert.ok(recs.every((r) => r.src !== '169.254.169.123' && r.dst !== '169.254.169.123'));
    assert.equal(summary.changesApplied, 5);
  });
});

/** The command of the README's `sh` block that runs `vpcflow <verb>`, and the output block after it. */
function readmeExample(verb: string): { args: string[]; output: string } {
  const readme = readFileSync(join(REPO_ROOT, 'examples', 'sg-nacl-experiments', 'README.md'), 'utf8');
  const m = new RegExp(`\`\`\`sh\n\\./bin/vpcflow ${verb} vpcflow-out/sg-nacl-experiments(?: "([^"]*)")?\n\`\`\`\n\n\`\`\`\n([^]*?)\`\`\``).exec(readme);
  assert.ok(m, `the README shows vpcflow ${verb} on the run folder`);
  return { args: m[1] === undefined ? [] : [m[1]], output: m[2]! };
}

test('sg-nacl-experiments: query and diagnose read the run folder directly, as the README shows', async () => {
  await withRun(SCENARIO, async (out) => {
    const q = readmeExample('query');
    const r = await cli('query', out, ...q.args);
    assert.equal(r.err, '');
    assert.equal(r.out, q.output);
    const d = readmeExample('diagnose');
    const found = await cli('diagnose', out);
    assert.equal(found.code, 1);
    assert.equal(found.err, '');
    // The README shows some findings (… between them) and the count line.
    const shown = d.output.split(/^…\n/m);
    assert.ok(shown.length > 1);
    for (const part of shown) assert.ok(found.out.includes(part), `diagnose prints:\n${part}`);
    assert.ok(found.out.startsWith(shown[0]!));
    assert.ok(found.out.endsWith(shown.at(-1)!));
  });
});
