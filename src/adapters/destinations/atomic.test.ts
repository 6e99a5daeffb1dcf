import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { AppendingFile, atomicWriteSync, atomicWriteVia, isTempName, writeFileAtomicSync } from './atomic.ts';
import { removeDir, tempDir } from './test-fixtures.ts';

let dir = '';
beforeEach(() => { dir = tempDir(); });
afterEach(() => removeDir(dir));

test('a completed write leaves only the final file', () => {
  const p = join(dir, 'a', 'b', 'obj.log.gz');
  writeFileAtomicSync(p, Buffer.from('hello\n'));
  assert.equal(readFileSync(p, 'utf8'), 'hello\n');
  assert.deepEqual(readdirSync(join(dir, 'a', 'b')), ['obj.log.gz']);
});

test('a write that fails midway leaves neither the final name nor a temporary file', () => {
  const p = join(dir, 'obj.log.gz');
  assert.throws(() => atomicWriteSync(p, (fd) => {
    writeFileSync(fd, 'half of the ');
    throw new Error('disk gone');
  }), /disk gone/);
  assert.equal(existsSync(p), false);
  assert.deepEqual(readdirSync(dir), []);
});

test('a failed rewrite keeps the previous complete file untouched', () => {
  const p = join(dir, 'obj');
  writeFileAtomicSync(p, Buffer.from('old, complete'));
  assert.throws(() => atomicWriteSync(p, (fd) => { writeFileSync(fd, 'new, par'); throw new Error('crash'); }));
  assert.equal(readFileSync(p, 'utf8'), 'old, complete');
  assert.deepEqual(readdirSync(dir), ['obj']);
});

test('a path-based writer is committed on success and cleaned up on failure', async () => {
  const ok = join(dir, 'ok.parquet');
  await atomicWriteVia(ok, async (tmp) => {
    assert.ok(isTempName(tmp.slice(dir.length + 1)), tmp);
    writeFileSync(tmp, 'PAR1');
  });
  assert.equal(readFileSync(ok, 'utf8'), 'PAR1');
  const bad = join(dir, 'bad.parquet');
  await assert.rejects(atomicWriteVia(bad, async (tmp) => { writeFileSync(tmp, 'PA'); throw new Error('duckdb failed'); }), /duckdb failed/);
  assert.deepEqual(readdirSync(dir), ['ok.parquet']);
});

test('an appended file appears under its name only when committed', () => {
  const p = join(dir, 'stream.jsonl');
  const f = new AppendingFile(p);
  f.append(Buffer.from('one\n'));
  f.append(Buffer.from('two\n'));
  assert.equal(existsSync(p), false);
  assert.equal(readdirSync(dir).filter(isTempName).length, 1);
  f.commit();
  assert.equal(readFileSync(p, 'utf8'), 'one\ntwo\n');
  assert.deepEqual(readdirSync(dir), ['stream.jsonl']);
  assert.throws(() => f.append(Buffer.from('three\n')), /already committed/);

  const g = new AppendingFile(join(dir, 'other.log'));
  g.append(Buffer.from('partial'));
  g.discard();
  assert.deepEqual(readdirSync(dir), ['stream.jsonl']);
});
