import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { EventQueue, type Flow } from './queue.ts';

const noop: Flow = { fire() {} };

test('events come out by time, then in the order they were pushed', () => {
  const q = new EventQueue();
  q.push(2, noop, 1, 0);
  q.push(1, noop, 2, 0);
  q.push(2, noop, 3, 0);
  q.push(1, noop, 4, 0);
  const out: number[] = [];
  while (q.pop()) out.push(q.topCode);
  assert.deepEqual(out, [2, 4, 1, 3]);
  assert.equal(q.size, 0);
});

test('property: interleaved pushes and pops behave like a stable sort, across growth', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 3000 }), (ops) => {
    const q = new EventQueue();
    const model: { t: number; n: number }[] = [];
    let n = 0;
    for (const [t, pop] of ops) {
      if (pop && model.length) {
        model.sort((a, b) => a.t - b.t || a.n - b.n);
        const want = model.shift()!;
        assert.ok(q.pop());
        assert.deepEqual([q.topTime, q.topArg], [want.t, want.n]);
      } else {
        q.push(t, noop, 0, n);
        model.push({ t, n: n++ });
      }
    }
    model.sort((a, b) => a.t - b.t || a.n - b.n);
    for (const want of model) {
      assert.ok(q.pop());
      assert.deepEqual([q.topTime, q.topArg], [want.t, want.n]);
    }
    assert.equal(q.pop(), false);
  }));
});

test('nextTime: the earliest event besides the one just taken, the heap untouched', () => {
  const q = new EventQueue();
  assert.equal(q.nextTime(), Infinity);
  for (const t of [5, 3, 9, 3, 7]) q.push(t, noop, 0, t);
  assert.equal(q.nextTime(), 3);
  const out: number[] = [];
  while (q.pop()) {
    out.push(q.topTime);
    const next = q.nextTime();
    assert.equal(next, q.size === 0 ? Infinity : [5, 3, 9, 3, 7].sort((a, b) => a - b)[out.length]);
  }
  assert.deepEqual(out, [3, 3, 5, 7, 9]);
});
