import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { THREAD_BOOT, sourceStack, threadCode } from './thread-code.ts';

const ENTRY = new URL('./testing/thread-fixture.ts', import.meta.url).href;

test('a bundled thread runs with its packages, its own import.meta.url, and stacks mapped back to its TypeScript', async () => {
  const code = await threadCode(ENTRY);
  assert.equal(await threadCode(ENTRY), code, 'bundled once per process');
  const w = new Worker(THREAD_BOOT, { eval: true, workerData: { code, input: { say: 'hello' } }, execArgv: [] });
  const said = await new Promise<{ url: string; yaml: string }>((resolve) => w.once('message', resolve));
  assert.equal(said.url, ENTRY);
  assert.equal(said.yaml, 'said: hello');
  const e = await new Promise<Error>((resolve) => w.once('error', resolve));
  assert.equal(e.message, 'the fixture fails: hello');
  assert.match(e.stack!, new RegExp(code.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const mapped = sourceStack(e.stack!, code);
  assert.ok(mapped.includes(`${fileURLToPath(ENTRY)}:10:`), mapped);
  assert.ok(!mapped.includes(code.file), mapped);
});
