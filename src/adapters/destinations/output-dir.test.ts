import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { OutputDirError } from './errors.ts';
import { prepareOutputDir } from './output-dir.ts';
import { DeliverySink } from './sink.ts';
import { ACCOUNT, REGION, listFiles, removeDir, tempDir } from './test-fixtures.ts';

let dir = '';
beforeEach(() => { dir = tempDir(); });
afterEach(() => removeDir(dir));

test('a missing output folder is created and left empty', () => {
  const out = join(dir, 'new', 'deeper');
  assert.equal(prepareOutputDir(out), out);
  assert.ok(statSync(out).isDirectory());
  assert.deepEqual(listFiles(out), []);
});

test('a folder under a regular file is refused with the path and the OS reason', () => {
  writeFileSync(join(dir, 'file'), 'x');
  const out = join(dir, 'file', 'out');
  assert.throws(() => prepareOutputDir(out), (err: unknown) => {
    assert.ok(err instanceof OutputDirError);
    assert.equal(err.path, out);
    assert.equal(err.code, 'ENOTDIR');
    assert.match(err.reason, /not a directory/);
    assert.match(err.message, new RegExp(`${out}.*not a directory`));
    return true;
  });
});

test('an existing regular file as the output folder is refused', () => {
  const out = join(dir, 'taken');
  writeFileSync(out, 'x');
  assert.throws(() => new DeliverySink({ dir: out, account: ACCOUNT, region: REGION }), (err: unknown) => err instanceof OutputDirError && err.path === out);
});

test('a name the file system cannot hold is refused before anything is written', () => {
  // Permission bits mean nothing to root, so an over-long name stands in for any OS refusal.
  const out = join(dir, 'x'.repeat(300));
  assert.throws(() => new DeliverySink({ dir: out, account: ACCOUNT, region: REGION }), (err: unknown) => {
    assert.ok(err instanceof OutputDirError);
    assert.equal(err.path, out);
    assert.equal(err.code, 'ENAMETOOLONG');
    return true;
  });
  assert.deepEqual(listFiles(dir), []);
});
