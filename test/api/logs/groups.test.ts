import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateLogGroupCommand, DeleteLogGroupCommand, DeleteRetentionPolicyCommand, DescribeLogGroupsCommand,
  PutRetentionPolicyCommand, paginateDescribeLogGroups,
} from '@aws-sdk/client-cloudwatch-logs';
import { expectAwsError } from '../support/errors.ts';
import { type LogsServer, startLogsServer } from './support.ts';

let t: LogsServer;
before(async () => { t = await startLogsServer(); });
after(async () => { await t.close(); });

test('CreateLogGroup then DescribeLogGroups shows it with its ARNs', async () => {
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: '/vpc/flow-logs', tags: { team: 'net' } }));
  const r = await t.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/vpc/' }));
  assert.equal(r.logGroups?.length, 1);
  const g = r.logGroups![0]!;
  assert.equal(g.logGroupName, '/vpc/flow-logs');
  assert.equal(g.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc/flow-logs:*');
  assert.equal(g.logGroupArn, 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc/flow-logs');
  assert.equal(g.storedBytes, 0);
  assert.equal(g.metricFilterCount, 0);
  assert.ok(typeof g.creationTime === 'number' && g.creationTime > 0);
});

test('CreateLogGroup twice is ResourceAlreadyExistsException', async () => {
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: 'dup' }));
  await expectAwsError(t.logs.send(new CreateLogGroupCommand({ logGroupName: 'dup' })), 'ResourceAlreadyExistsException');
});

test('CreateLogGroup with a bad name is InvalidParameterException', async () => {
  await expectAwsError(t.logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name!' })), 'InvalidParameterException', /logGroupName/);
  await expectAwsError(t.logs.send(new CreateLogGroupCommand({ logGroupName: '' })), 'InvalidParameterException');
});

test('DeleteLogGroup removes it; deleting again is ResourceNotFoundException', async () => {
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: 'gone' }));
  await t.logs.send(new DeleteLogGroupCommand({ logGroupName: 'gone' }));
  const r = await t.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'gone' }));
  assert.deepEqual(r.logGroups, []);
  await expectAwsError(t.logs.send(new DeleteLogGroupCommand({ logGroupName: 'gone' })), 'ResourceNotFoundException');
});

test('DescribeLogGroups pages with limit and nextToken, and filters by pattern', async () => {
  for (let i = 0; i < 7; i++) await t.logs.send(new CreateLogGroupCommand({ logGroupName: `page/g${i}` }));
  const names: string[] = [];
  let pages = 0;
  for await (const p of paginateDescribeLogGroups({ client: t.logs, pageSize: 3 }, { logGroupNamePrefix: 'page/' })) {
    pages++;
    names.push(...(p.logGroups ?? []).map((g) => g.logGroupName!));
  }
  assert.equal(pages, 3);
  assert.deepEqual(names, [0, 1, 2, 3, 4, 5, 6].map((i) => `page/g${i}`));
  const byPattern = await t.logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'G3' }));
  assert.deepEqual(byPattern.logGroups?.map((g) => g.logGroupName), ['page/g3']);
  await expectAwsError(t.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })), 'InvalidParameterException');
  await expectAwsError(t.logs.send(new DescribeLogGroupsCommand({ nextToken: 'garbage' })), 'InvalidParameterException');
  await expectAwsError(t.logs.send(new DescribeLogGroupsCommand({ limit: 51 })), 'InvalidParameterException');
});

test('PutRetentionPolicy takes only AWS\'s values; DeleteRetentionPolicy clears it', async () => {
  await t.logs.send(new CreateLogGroupCommand({ logGroupName: 'ret' }));
  await t.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'ret', retentionInDays: 30 }));
  let g = (await t.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'ret' }))).logGroups![0]!;
  assert.equal(g.retentionInDays, 30);
  await expectAwsError(t.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'ret', retentionInDays: 2 })), 'InvalidParameterException', /enum value set/);
  await expectAwsError(t.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'nope', retentionInDays: 1 })), 'ResourceNotFoundException');
  await t.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'ret' }));
  await expectAwsError(t.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'nope' })), 'ResourceNotFoundException');
  g = (await t.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'ret' }))).logGroups![0]!;
  assert.equal(g.retentionInDays, undefined);
});
