import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lineChunks } from './line-chunks.ts';

/** Copies each chunk at once, as the generator reuses its buffer. */
function collect(lines: string[], header?: string): Buffer {
  const copies: Buffer[] = [];
  for (const c of lineChunks(lines, header)) copies.push(Buffer.from(c));
  return Buffer.concat(copies);
}

test('chunks concatenate to the header and lines, each ending in a newline', () => {
  const lines = Array.from({ length: 30_000 }, (_, i) => `2 123456789012 eni-1 10.0.0.${i % 256} 10.0.1.1 ${i} 443 6 1 40 100 160 ACCEPT OK`);
  const chunks = [...lineChunks(lines, 'version account-id')].map((c) => c.length);
  assert.ok(chunks.length >= 2, 'more than one chunk for ~2 MB');
  assert.equal(collect(lines, 'version account-id').toString('utf8'), ['version account-id', ...lines].join('\n') + '\n');
});

test('non-ASCII text and lines longer than a chunk survive', () => {
  const huge = 'é'.repeat(600_000); // 1.2 MB in UTF-8, above the 1 MiB chunk
  const lines = ['subnet-3fbc536e360c36caб', huge, 'tail'];
  assert.equal(collect(lines).toString('utf8'), lines.join('\n') + '\n');
  assert.equal(collect([]).length, 0);
  assert.equal(collect([], 'h').toString(), 'h\n');
});

test('any lines round-trip', () => {
  fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 200 }).map((s) => s.replace(/\n/g, ' ')), { maxLength: 300 }), (lines) => {
    // Lone surrogates cannot be UTF-8 encoded faithfully; compare against Buffer's own encoding.
    assert.ok(collect(lines).equals(Buffer.from(lines.map((l) => l + '\n').join(''), 'utf8')));
  }));
});
