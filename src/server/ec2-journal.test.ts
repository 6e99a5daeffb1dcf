/** The EC2 journal file: group commit, order, torn and corrupt lines, a failed write. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { type Ec2JournalEntry, Ec2JournalError, Ec2JournalWriter, isMutatingEc2Action, readEc2Journal } from './ec2-journal.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'vpcflow-ec2-journal-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));
let n = 0;
const newFile = () => join(ROOT, `d${++n}`, 'ec2-journal.jsonl');

const entry = (i: number): Ec2JournalEntry => ({ region: 'us-east-1', action: 'CreateVpc', params: { CidrBlock: `10.${i}.0.0/16` }, time: 1000 + i, ok: true });

test('appends that arrive together share fsyncs, and land in the order they were made', async () => {
  const file = newFile();
  const w = new Ec2JournalWriter(file);
  // Count fdatasync calls on every FileHandle: the class is only reachable through an instance.
  const probe = await open(fileURLToPath(import.meta.url), 'r');
  const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  const original = proto.datasync;
  let syncs = 0;
  proto.datasync = function (this: unknown) {
    syncs++;
    return original.call(this);
  };
  try {
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.append(entry(i))));
  } finally {
    proto.datasync = original;
  }
  await w.close();
  assert.ok(syncs >= 1 && syncs <= 2, `50 concurrent appends took ${syncs} fsyncs`);
  assert.deepEqual(readEc2Journal(file).map((l) => l.entry?.time), Array.from({ length: 50 }, (_, i) => 1000 + i));
});

test('a torn last line is dropped and cut off; a whole bad line is an error naming file and line', () => {
  const file = newFile();
  mkdirSync(join(file, '..'), { recursive: true });
  const good = `${JSON.stringify(entry(1))}\n${JSON.stringify(entry(2))}\n`;
  writeFileSync(file, `${good}{"region":"us-east-1","act`);
  assert.equal(readEc2Journal(file).length, 2);
  assert.equal(statSync(file).size, Buffer.byteLength(good));
  assert.equal(readFileSync(file, 'utf8'), good);

  writeFileSync(file, `${JSON.stringify(entry(1))}\n\n{"region":"us-east-1","action":"CreateVpc","params":{},"time":"soon","ok":true}\n${JSON.stringify(entry(2))}\n`);
  assert.throws(() => readEc2Journal(file), (e: unknown) => {
    assert.ok(e instanceof Ec2JournalError, String(e));
    assert.equal(e.line, 3);
    assert.match(e.message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line 3: unreadable entry: no numeric "time"`));
    return true;
  });
  assert.deepEqual(readEc2Journal(newFile()), [], 'no journal: no entries');
});

test('after a failed write, that append and every later one fail', async () => {
  const file = newFile();
  mkdirSync(file, { recursive: true }); // a folder where the file should be: opening it for append fails
  const w = new Ec2JournalWriter(file);
  await assert.rejects(w.append(entry(1)), /cannot write the EC2 journal/);
  assert.match(String(w.failure?.message), /cannot write the EC2 journal/);
  await assert.rejects(w.append(entry(2)), /cannot write the EC2 journal/);
  await w.close();
});

test('every action but Describe* is journaled', () => {
  assert.equal(isMutatingEc2Action('DescribeVpcs'), false);
  assert.equal(isMutatingEc2Action('CreateTags'), true);
  assert.equal(isMutatingEc2Action('ModifySubnetAttribute'), true);
});
