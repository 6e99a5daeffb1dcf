import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateLogGroupCommand, DeleteMetricFilterCommand, DescribeLogGroupsCommand, DescribeMetricFiltersCommand, ListTagsForResourceCommand,
  ListTagsLogGroupCommand, PutMetricFilterCommand, TagLogGroupCommand, TagResourceCommand, UntagLogGroupCommand, UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { expectAwsError } from '../support/errors.ts';
import { REJECTED_SSH } from './flow-lines.ts';
import { type LogsServer, startLogsServer } from './support.ts';

let t: LogsServer;
const ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc/flow';

before(async () => {
  t = await startLogsServer();
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: '/vpc/flow' }));
});
after(async () => { await t.close(); });

const sshFilter = (filterName: string, metricValue = '1') => new PutMetricFilterCommand({
  logGroupName: '/vpc/flow', filterName, filterPattern: REJECTED_SSH,
  metricTransformations: [{ metricName: 'RejectedSSH', metricNamespace: 'VPC', metricValue, defaultValue: 0 }],
});

test('PutMetricFilter with the rejected-SSH pattern; DescribeMetricFilters lists it; DeleteMetricFilter removes it', async () => {
  await t.logs.send(sshFilter('ssh'));
  await t.logs.send(sshFilter('ssh-bytes', '$bytes'));
  const d = await t.logs.send(new DescribeMetricFiltersCommand({ logGroupName: '/vpc/flow', filterNamePrefix: 'ssh' }));
  assert.deepEqual(d.metricFilters!.map((f) => f.filterName), ['ssh', 'ssh-bytes']);
  assert.equal(d.metricFilters![0]!.filterPattern, REJECTED_SSH);
  assert.deepEqual(d.metricFilters![0]!.metricTransformations, [{ metricName: 'RejectedSSH', metricNamespace: 'VPC', metricValue: '1', defaultValue: 0 }]);
  const byMetric = await t.logs.send(new DescribeMetricFiltersCommand({ metricName: 'RejectedSSH', metricNamespace: 'VPC' }));
  assert.equal(byMetric.metricFilters!.length, 2);
  const paged = await t.logs.send(new DescribeMetricFiltersCommand({ logGroupName: '/vpc/flow', limit: 1 }));
  assert.equal(paged.metricFilters!.length, 1);
  const rest = await t.logs.send(new DescribeMetricFiltersCommand({ logGroupName: '/vpc/flow', limit: 1, nextToken: paged.nextToken }));
  assert.deepEqual(rest.metricFilters!.map((f) => f.filterName), ['ssh-bytes']);
  const g = (await t.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/vpc/flow' }))).logGroups![0]!;
  assert.equal(g.metricFilterCount, 2);
  await t.logs.send(new DeleteMetricFilterCommand({ logGroupName: '/vpc/flow', filterName: 'ssh-bytes' }));
  const after1 = await t.logs.send(new DescribeMetricFiltersCommand({ logGroupName: '/vpc/flow' }));
  assert.deepEqual(after1.metricFilters!.map((f) => f.filterName), ['ssh']);
});

test('PutMetricFilter error: a bad pattern or a value the pattern cannot extract is InvalidParameterException', async () => {
  await expectAwsError(t.logs.send(new PutMetricFilterCommand({
    logGroupName: '/vpc/flow', filterName: 'bad', filterPattern: '[a, b',
    metricTransformations: [{ metricName: 'm', metricNamespace: 'n', metricValue: '1' }],
  })), 'InvalidParameterException', /pattern/);
  await expectAwsError(t.logs.send(sshFilter('bad', '$nosuchfield')), 'InvalidParameterException');
  await expectAwsError(t.logs.send(new PutMetricFilterCommand({
    logGroupName: '/vpc/none', filterName: 'x', filterPattern: '',
    metricTransformations: [{ metricName: 'm', metricNamespace: 'n', metricValue: '1' }],
  })), 'ResourceNotFoundException');
});

test('PutMetricFilter error: the 101st filter of a group is LimitExceededException', async () => {
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: 'many' }));
  const put = (i: number) => t.logs.send(new PutMetricFilterCommand({
    logGroupName: 'many', filterName: `f${i}`, filterPattern: 'ERROR', metricTransformations: [{ metricName: 'm', metricNamespace: 'n', metricValue: '1' }],
  }));
  for (let i = 0; i < 100; i++) await put(i);
  await expectAwsError(put(100), 'LimitExceededException');
  await put(5); // replacing an existing one is fine
});

test('DeleteMetricFilter error: an unknown filter is ResourceNotFoundException', async () => {
  await expectAwsError(t.logs.send(new DeleteMetricFilterCommand({ logGroupName: '/vpc/flow', filterName: 'none' })), 'ResourceNotFoundException');
});

test('DescribeMetricFilters error: a prefix without a group is InvalidParameterException', async () => {
  await expectAwsError(t.logs.send(new DescribeMetricFiltersCommand({ filterNamePrefix: 'x' })), 'InvalidParameterException');
});

test('TagResource, ListTagsForResource and UntagResource by the group ARN', async () => {
  await t.logs.send(new TagResourceCommand({ resourceArn: ARN, tags: { env: 'test', team: 'net' } }));
  assert.deepEqual((await t.logs.send(new ListTagsForResourceCommand({ resourceArn: ARN }))).tags, { env: 'test', team: 'net' });
  await t.logs.send(new UntagResourceCommand({ resourceArn: ARN, tagKeys: ['env'] }));
  assert.deepEqual((await t.logs.send(new ListTagsForResourceCommand({ resourceArn: `${ARN}:*` }))).tags, { team: 'net' });
});

test('TagResource error: an unknown group ARN is ResourceNotFoundException, a malformed ARN InvalidParameterException', async () => {
  await expectAwsError(t.logs.send(new TagResourceCommand({ resourceArn: `${ARN}-none`, tags: { a: 'b' } })), 'ResourceNotFoundException');
  await expectAwsError(t.logs.send(new ListTagsForResourceCommand({ resourceArn: 'not-an-arn' })), 'InvalidParameterException');
  await expectAwsError(t.logs.send(new UntagResourceCommand({ resourceArn: `${ARN}-none`, tagKeys: ['a'] })), 'ResourceNotFoundException');
});

test('TagLogGroup, ListTagsLogGroup and UntagLogGroup (the older calls by name)', async () => {
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: 'old-tags' }));
  await t.logs.send(new TagLogGroupCommand({ logGroupName: 'old-tags', tags: { a: '1', b: '2' } }));
  await t.logs.send(new UntagLogGroupCommand({ logGroupName: 'old-tags', tags: ['a'] }));
  assert.deepEqual((await t.logs.send(new ListTagsLogGroupCommand({ logGroupName: 'old-tags' }))).tags, { b: '2' });
  await expectAwsError(t.logs.send(new ListTagsLogGroupCommand({ logGroupName: 'none' })), 'ResourceNotFoundException');
  await expectAwsError(t.logs.send(new UntagLogGroupCommand({ logGroupName: 'none', tags: ['a'] })), 'ResourceNotFoundException');
  await expectAwsError(t.logs.send(new TagLogGroupCommand({ logGroupName: 'old-tags', tags: { 'aws:x': '1' } })), 'InvalidParameterException');
});
