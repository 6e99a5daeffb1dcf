import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openS3Store } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'vpcflow-s3-store-'));
after(() => rmSync(root, { recursive: true, force: true }));
const open = () => openS3Store({ root, account: '123456789012', region: 'us-east-1', now: () => 1_700_000_000_000 });

test('putObject writes s3/<bucket>/<key> with a sidecar; policies and objects reload', () => {
  const s = open();
  s.createBucket('flow-logs', 'us-east-1', '123456789012');
  const meta = s.putObject('flow-logs', 'AWSLogs/123456789012/vpcflowlogs/x.log.gz', Buffer.from('gz'), { contentType: 'application/gzip' });
  assert.match(meta.md5, /^[0-9a-f]{32}$/);
  assert.equal(meta.size, 2);
  assert.equal(readFileSync(join(root, 's3', 'flow-logs', 'AWSLogs', '123456789012', 'vpcflowlogs', 'x.log.gz'), 'utf8'), 'gz');
  s.setBucketPolicy('flow-logs', '{"Statement":[]}');
  s.putObject('flow-logs', 'a', 'file');
  s.putObject('flow-logs', 'a/b', 'under a file name: hashed');
  const again = open();
  assert.equal(again.bucketExists('flow-logs'), true);
  assert.equal(again.getBucketPolicy('flow-logs'), '{"Statement":[]}');
  assert.deepEqual(again.sortedKeys('flow-logs'), ['AWSLogs/123456789012/vpcflowlogs/x.log.gz', 'a', 'a/b']);
  assert.equal(again.readObject('flow-logs', 'a/b')?.toString(), 'under a file name: hashed');
  assert.equal(again.getObject('flow-logs', 'AWSLogs/123456789012/vpcflowlogs/x.log.gz')?.meta.contentType, 'application/gzip');
});

test('deleting objects removes their files and emptied folders; an empty bucket can be deleted', () => {
  const s = open();
  for (const k of s.sortedKeys('flow-logs')) assert.equal(s.deleteObject('flow-logs', k), true);
  assert.equal(s.deleteObject('flow-logs', 'a'), false);
  assert.equal(existsSync(join(root, 's3', 'flow-logs', 'AWSLogs')), false);
  s.deleteBucket('flow-logs');
  assert.equal(open().bucketExists('flow-logs'), false);
});

test('a crash after an overwrite of the same size is renamed into place but before its sidecar is written: the reload describes the bytes on disk', () => {
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const s = open();
  s.createBucket('crash-bucket', 'us-east-1', '123456789012');
  s.putObject('crash-bucket', 'k', 'AAAA', { contentType: 'text/plain' });
  // What commitUpload does, stopped where a SIGKILL can land: the new bytes are under the name, the sidecar still describes the old ones.
  const up = s.beginUpload('crash-bucket', 'k');
  up.write(Buffer.from('BBBB'));
  up.finish();
  up.place(up.finalPath);
  const again = open();
  assert.equal(again.readObject('crash-bucket', 'k')?.toString(), 'BBBB');
  assert.equal(again.getObject('crash-bucket', 'k')?.meta.md5, md5('BBBB'), 'the ETag must be the MD5 of the bytes served');
  // An untouched object keeps its metadata across reloads.
  s.putObject('crash-bucket', 'other', 'same', { contentType: 'text/plain' });
  const meta = open().getObject('crash-bucket', 'other')?.meta;
  assert.equal(meta?.md5, md5('same'));
  assert.equal(meta?.contentType, 'text/plain');
});
