/** CreateTags, DeleteTags, DescribeTags, DescribeAvailabilityZones, DescribeRegions through the real EC2 SDK. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  CreateTagsCommand, DeleteTagsCommand, DescribeAvailabilityZonesCommand, DescribeRegionsCommand, DescribeTagsCommand, DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { expectAwsError } from '../support/errors.ts';
import { newSubnet, newVpc } from '../support/ec2-fixtures.ts';
import { ec2Client, startTestServer } from '../support/server.ts';

const t = await startTestServer();
const { ec2 } = t;
after(() => t.close());

const vpc = await newVpc(ec2, '10.110.0.0/16');
const subnet = await newSubnet(ec2, vpc.VpcId, '10.110.1.0/24');

test('CreateTags tags several resources; existing keys are overwritten', async () => {
  await ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId, subnet.SubnetId], Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'empty', Value: '' }] }));
  await ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId], Tags: [{ Key: 'env', Value: 'prod' }] }));
  const v = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId] }))).Vpcs![0]!;
  assert.deepEqual(v.Tags, [{ Key: 'env', Value: 'prod' }, { Key: 'empty', Value: '' }]);
});

test('CreateTags error: InvalidID, InvalidSubnetID.NotFound, reserved aws: prefix, TagLimitExceeded', async () => {
  await expectAwsError(ec2.send(new CreateTagsCommand({ Resources: ['bogus'], Tags: [{ Key: 'a', Value: 'b' }] })), 'InvalidID');
  await expectAwsError(ec2.send(new CreateTagsCommand({ Resources: ['subnet-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })), 'InvalidSubnetID.NotFound');
  await expectAwsError(ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId], Tags: [{ Key: 'aws:owner', Value: 'me' }] })), 'InvalidParameterValue', /aws:/);
  const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
  await expectAwsError(ec2.send(new CreateTagsCommand({ Resources: [subnet.SubnetId], Tags: many })), 'TagLimitExceeded');
});

test('DescribeTags filters by resource type, key and value', async () => {
  await ec2.send(new CreateTagsCommand({ Resources: [subnet.SubnetId], Tags: [{ Key: 'tier', Value: 'private' }] }));
  const d = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['subnet'] }, { Name: 'key', Values: ['tier'] }] }));
  assert.deepEqual(d.Tags, [{ Key: 'tier', ResourceId: subnet.SubnetId, ResourceType: 'subnet', Value: 'private' }]);
  const page = await ec2.send(new DescribeTagsCommand({ MaxResults: 5 }));
  assert.ok(page.Tags!.length <= 5);
});

test('DescribeTags error: InvalidParameterValue for an unsupported filter', async () => {
  await expectAwsError(ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'owner', Values: ['x'] }] })), 'InvalidParameterValue', /'owner'/);
});

test('DeleteTags by key, by key and value, and all tags', async () => {
  const v = await newVpc(ec2, '10.111.0.0/16');
  await ec2.send(new CreateTagsCommand({ Resources: [v.VpcId], Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '3' }] }));
  await ec2.send(new DeleteTagsCommand({ Resources: [v.VpcId], Tags: [{ Key: 'a' }, { Key: 'b', Value: 'not-2' }] }));
  const tagsOf = async () => (await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [v.VpcId] }] }))).Tags!.map((x) => x.Key);
  assert.deepEqual(await tagsOf(), ['b', 'c']);
  await ec2.send(new DeleteTagsCommand({ Resources: [v.VpcId] }));
  assert.deepEqual(await tagsOf(), []);
});

test('DeleteTags error: InvalidVpcID.NotFound', async () => {
  await expectAwsError(ec2.send(new DeleteTagsCommand({ Resources: ['vpc-0123456789abcdef0'] })), 'InvalidVpcID.NotFound');
});

test('DescribeAvailabilityZones lists the zones of the request\'s region', async () => {
  const d = await ec2.send(new DescribeAvailabilityZonesCommand({}));
  assert.deepEqual(d.AvailabilityZones!.slice(0, 2).map((z) => [z.ZoneName, z.ZoneId, z.State, z.RegionName]),
    [['us-east-1a', 'use1-az1', 'available', 'us-east-1'], ['us-east-1b', 'use1-az2', 'available', 'us-east-1']]);
  const eu = ec2Client(t.server.url, 'eu-west-3');
  const z = await eu.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-name', Values: ['eu-west-3b'] }] }));
  eu.destroy();
  assert.deepEqual(z.AvailabilityZones!.map((x) => x.ZoneId), ['euw3-az2']);
});

test('DescribeAvailabilityZones error: InvalidParameterValue for a zone of another region', async () => {
  await expectAwsError(ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['eu-west-1a'] })), 'InvalidParameterValue');
});

test('DescribeRegions lists the default regions, and opt-in ones with AllRegions', async () => {
  const d = await ec2.send(new DescribeRegionsCommand({}));
  assert.ok(d.Regions!.some((r) => r.RegionName === 'us-east-1' && r.Endpoint === 'ec2.us-east-1.amazonaws.com' && r.OptInStatus === 'opt-in-not-required'));
  const all = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
  assert.ok(all.Regions!.some((r) => r.RegionName === 'af-south-1' && r.OptInStatus === 'not-opted-in'));
  const one = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-3'] }));
  assert.deepEqual(one.Regions!.map((r) => r.RegionName), ['eu-west-3']);
});

test('DescribeRegions error: InvalidParameterValue for an unknown region', async () => {
  await expectAwsError(ec2.send(new DescribeRegionsCommand({ RegionNames: ['xx-nowhere-1'] })), 'InvalidParameterValue');
});
