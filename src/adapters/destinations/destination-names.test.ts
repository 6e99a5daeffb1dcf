import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deliveryStreamName, logGroupFolder, logGroupName, logStreamName } from './destination-names.ts';
import { UnsafePathError } from './errors.ts';
import { ACCOUNT, REGION, flowLog } from './test-fixtures.ts';

test('log group names come from LogGroupName first, then the ARN, with or without :*', () => {
  const arn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/vpc/flows`;
  assert.equal(logGroupName(flowLog({ id: 'fl-1', destinationType: 'cloud-watch-logs', logDestination: arn, logGroupName: 'named' })), 'named');
  assert.equal(logGroupName(flowLog({ id: 'fl-1', destinationType: 'cloud-watch-logs', logDestination: arn })), '/aws/vpc/flows');
  assert.equal(logGroupName(flowLog({ id: 'fl-1', destinationType: 'cloud-watch-logs', logDestination: `${arn}:*` })), '/aws/vpc/flows');
  assert.throws(() => logGroupName(flowLog({ id: 'fl-1', destinationType: 'cloud-watch-logs', logDestination: 'arn:aws:s3:::b' })), /fl-1/);
});

test('delivery stream names come from the Firehose ARN', () => {
  const fh = (dest: string): string => deliveryStreamName(flowLog({ id: 'fl-1', destinationType: 'kinesis-data-firehose', logDestination: dest }));
  assert.equal(fh(`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/my-stream`), 'my-stream');
  assert.equal(fh(`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream:my-stream`), 'my-stream');
  assert.throws(() => fh(`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/a/b`), UnsafePathError);
  assert.throws(() => fh(`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/..`), UnsafePathError);
});

test('folder names are single, URI-encoded segments', () => {
  assert.equal(logGroupFolder('/vpc/flow-logs'), '%2Fvpc%2Fflow-logs');
  assert.equal(logGroupFolder('a#b c'), 'a%23b%20c');
  assert.throws(() => logGroupFolder('..'), UnsafePathError);
  assert.equal(logStreamName('eni-0c19436730cc350ae'), 'eni-0c19436730cc350ae-all');
});
