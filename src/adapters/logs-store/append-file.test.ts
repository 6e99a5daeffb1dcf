import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AppendFile } from './append-file.ts';
import { eventLine, loadEventsFile } from './load-events.ts';

const dir = mkdtempSync(join(tmpdir(), 'vpcflow-append-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const line = (message: string) => eventLine({ timestamp: 1000, ingestionTime: 1000, message });

/**
 * Opens the real file, but the `failAt`-th write call (counting from 1 over
 * the file's life) writes only half its bytes and the next one fails, as a
 * disk filling up mid-round does; `truncate` fails too when asked.
 */
function failingOpener(failAt: number, truncateFails: boolean) {
  let writes = 0;
  let failNext = false;
  return async (path: string): Promise<FileHandle> => {
    const h = await open(path, 'a');
    return new Proxy(h, {
      get(target, prop) {
        if (prop === 'write') {
          return async (buf: Buffer, off: number, len: number) => {
            writes++;
            if (failNext) {
              failNext = false;
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            }
            if (writes === failAt) {
              failNext = true;
              return target.write(buf, off, Math.floor(len / 2));
            }
            return target.write(buf, off, len);
          };
        }
        if (prop === 'truncate' && truncateFails) return async () => { throw new Error('EIO: truncate failed'); };
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  };
}

for (const truncateFails of [false, true]) {
  test(`a round that fails part-way never costs a later acknowledged line (cutting the fragment off ${truncateFails ? 'fails too' : 'works'})`, async () => {
    const path = join(dir, `stream-${truncateFails}.jsonl`);
    writeFileSync(path, '');
    const f = new AppendFile(path, failingOpener(2, truncateFails));
    await f.append(line('first'));
    await assert.rejects(f.append(line('lost when the disk filled up')), /ENOSPC/);
    await f.append(line('acknowledged after the failure'));
    await f.close();
    const loaded = loadEventsFile(path, false);
    assert.deepEqual(loaded.events.map((e) => e.message), ['first', 'acknowledged after the failure']);
    assert.equal(loaded.tornBytes, 0);
    if (truncateFails) {
      // The fragment stays, alone on its line: skipped and counted, and it glues onto nothing.
      assert.equal(loaded.skipped, 1);
    } else {
      assert.equal(loaded.skipped, 0);
      assert.equal(readFileSync(path, 'utf8'), line('first') + line('acknowledged after the failure'));
    }
  });
}

test('with stopOnFailure, a failed round also fails the appends waiting behind it and every later one', async () => {
  const path = join(dir, 'journal.jsonl');
  writeFileSync(path, '');
  const f = new AppendFile(path, failingOpener(1, false), { stopOnFailure: true });
  const first = f.append(line('torn by a full disk'));
  const behind = f.append(line('queued while the first round ran'));
  await assert.rejects(first, /ENOSPC/);
  await assert.rejects(behind, /ENOSPC/);
  await assert.rejects(f.append(line('after the failure')), /ENOSPC/);
  await f.close();
  assert.equal(readFileSync(path, 'utf8'), '');
});
