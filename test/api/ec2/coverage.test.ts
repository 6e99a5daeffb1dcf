/**
 * What the EC2 API claims, checked: COVERAGE.md is what the handler tables
 * generate, every action has a happy-path test and an error test here, and
 * every action takes DryRun exactly where AWS's model has it.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { COVERAGE_FILE, renderCoverage } from '../../../scripts/coverage.ts';
import { EC2_ACTIONS } from '../../../src/services/ec2/index.ts';
import { type Shape, type StructShape, isList, isStruct, queryName } from '../../../src/services/ec2/shapes/dsl.ts';
import { FORM, errorCode, raw } from '../support/raw.ts';
import { startTestServer } from '../support/server.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';

test('COVERAGE.md is up to date (npx tsx scripts/coverage.ts)', () => {
  assert.equal(readFileSync(COVERAGE_FILE, 'utf8'), renderCoverage());
});

test('every EC2 action has a happy-path test and an error test', () => {
  const dir = join(REPO_ROOT, 'test', 'api', 'ec2');
  const titles = readdirSync(dir).filter((f) => f.endsWith('.test.ts'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/^test\('([^']+)'/gm)].map((m) => m[1]!));
  const missing: string[] = [];
  for (const action of Object.keys(EC2_ACTIONS)) {
    const named = new RegExp(`\\b${action}\\b`);
    if (!titles.some((t) => named.test(t) && !/ error:/.test(t))) missing.push(`${action}: happy path`);
    if (!titles.some((t) => t.startsWith(`${action} error:`))) missing.push(`${action}: error`);
  }
  assert.deepEqual(missing, []);
});

/** The smallest parameters that satisfy a request's required members (values need not make sense: DryRun stops first). */
function sample(shape: Shape, key: string, out: string[]): void {
  if (isStruct(shape)) {
    const [name, m] = Object.entries(shape.members)[0]!;
    sample(m.shape, `${key}.${queryName(name, m)}`, out);
  } else if (isList(shape)) sample(shape.list, `${key}.1`, out);
  else out.push(`${key}=${shape === 'boolean' ? 'true' : shape === 'integer' ? '1' : 'x'}`);
}

function requiredParams(input: StructShape): string {
  const out: string[] = [];
  for (const name of input.required ?? []) sample(input.members[name]!.shape, queryName(name, input.members[name]!), out);
  return out.map((p) => `&${p}`).join('');
}

const t = await startTestServer();
after(() => t.close());

test('DryRun is DryRunOperation (412) for every action that has it, UnknownParameter for the others', async () => {
  const wrong: string[] = [];
  for (const [action, def] of Object.entries(EC2_ACTIONS)) {
    const r = await raw(t.server.url, { headers: FORM, body: `Action=${action}&Version=2016-11-15&DryRun=true${requiredParams(def.input)}` });
    const want = def.dryRun === false ? [400, 'UnknownParameter'] : [412, 'DryRunOperation'];
    if (r.status !== want[0] || errorCode(r.body) !== want[1]) wrong.push(`${action}: ${r.status} ${errorCode(r.body)}`);
  }
  assert.deepEqual(wrong, []);
  assert.deepEqual(t.server.state.region('us-east-1').net.vpcs.size, 0);
});
