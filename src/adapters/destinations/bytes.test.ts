import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/random.ts';
import { ByteBuffer } from './bytes.ts';

test('number() writes what String() writes, for whole numbers of every size and anything else', () => {
  const rng = new Rng(5);
  const xs = [0, 7, 10, 99, 100, 999_999, 1_000_000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 1_767_225_600_000, 1_767_226_500_000, 1_000_000_000_999_999,
    Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, -1, -0, 0.5, 1.25e-7, NaN, Infinity];
  for (let i = 0; i < 3000; i++) xs.push(Math.floor(rng.next() * 2 ** rng.int(1, 53)));
  const b = new ByteBuffer(1); // grows on the way
  for (const x of xs) {
    b.clear();
    b.number(x);
    assert.equal(b.view().toString('latin1'), String(x), String(x));
  }
});
