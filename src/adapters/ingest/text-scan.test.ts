import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_V2, parseFormatOption } from '../../core/ingest/format.ts';
import { removeDir, tempDir } from './testing.ts';
import { TextScanner, type TextSegment } from './text-scan.ts';

let dir = '';
let n = 0;
before(() => { dir = tempDir(); });
after(() => removeDir(dir));
const stage = () => join(dir, `s${n++}.txt`);
const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

function scan(chunks: string[], options: ConstructorParameters<typeof TextScanner>[2] = { stage }) {
  const s = new TextScanner('src.log', DEFAULT_V2, options);
  for (const c of chunks) s.feed(Buffer.from(c));
  return s.finish();
}

test('a header on line 1 of a clean file: DuckDB can read the file itself, skipping one line', () => {
  const r = scan([`${HEADER}\n2 a\n`, '2 b'], {});
  assert.equal(r.needsStaging, false);
  assert.deepEqual(r.segments.map((s) => [s.path, s.skip, s.lineOffset]), [['src.log', 1, 0]]);
  assert.equal(r.lines, 3);
});

test('staged: headers become comments in place, CRs go, lines cut across chunks survive', () => {
  const r = scan([`${HEADER}\r\n2 a\r`, `\n2 b\n${HEADER}\n2 c\r\nx\ry\n`]);
  assert.equal(r.crlf, true);
  assert.equal(r.headers, 2);
  assert.equal(readFileSync(r.segments[0]!.path, 'utf8'), `#${HEADER}\n2 a\n2 b\n#${HEADER}\n2 c\nx y\n`);
  const plain = scan([`${HEADER}\n2 a\n${HEADER}\n2 b\n`], {});
  assert.equal(plain.needsStaging, true, 'a header past line 1 needs a staged copy');
});

test('a header of another format starts a segment whose line numbers continue the file\'s', () => {
  const nat = 'instance-id interface-id srcaddr';
  const r = scan([`${HEADER}\n2 a\n\n${nat}\ni-1 eni-1 10.0.0.1\n`]);
  assert.deepEqual(r.segments.map((s) => [s.format.length, s.lineOffset]), [[14, 0], [3, 3]]);
  assert.equal(readFileSync(r.segments[1]!.path, 'utf8'), `#${nat}\ni-1 eni-1 10.0.0.1\n`);
  assert.deepEqual(parseFormatOption(nat).map((f) => f.name), r.segments[1]!.format.map((f) => f.name));
});

test('large staged text is cut into segments at line boundaries, each handed over when closed', () => {
  const seen: TextSegment[] = [];
  const line = '2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 1 ACCEPT OK\n';
  const r = scan([line.repeat(10), line.repeat(10), line.repeat(10)], { stage, segmentBytes: line.length * 15, onSegment: (s, cut) => seen.push({ ...s, cut } as TextSegment & { cut: boolean }) });
  assert.deepEqual(r.segments.map((s) => s.lineOffset), [0, 20]);
  assert.deepEqual(seen, r.segments.map((s, i) => ({ ...s, cut: i === 0 })));
  assert.equal(readFileSync(r.segments[1]!.path, 'utf8'), line.repeat(10));
  assert.equal(r.segments[0]!.bytes, line.length * 20);
});
