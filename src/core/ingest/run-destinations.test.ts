/** Which flow logs, and so which formats, may have written a run folder's CloudWatch stream or Firehose file. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatKey } from './format.ts';
import { runDestinations } from './run-destinations.ts';

const V2 = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';
const V5 = `${V2} \${flow-direction} \${traffic-path}`;
const V3 = `${V2} \${vpc-id} \${tcp-flags}`;

const flowLog = (id: string, resourceType: string, resourceId: string, dest: Record<string, string>, logFormat = V2) =>
  ({ logicalId: id, type: 'AWS::EC2::FlowLog', physicalId: id, resourceType, resourceId, trafficType: 'ALL', logFormat, ...dest });
const cw = (group: string) => ({ logDestinationType: 'cloud-watch-logs', logDestination: `arn:aws:logs:us-east-1:123456789012:log-group:${group}`, logGroupName: group });
const byArn = (group: string) => ({ logDestinationType: 'cloud-watch-logs', logDestination: `arn:aws:logs:us-east-1:123456789012:log-group:${group}:*` });
const fh = (name: string) => ({ logDestinationType: 'kinesis-data-firehose', logDestination: `arn:aws:firehose:us-east-1:123456789012:deliverystream/${name}` });

const RESOURCES = {
  account: '123456789012',
  resources: [
    { logicalId: 'Web', type: 'AWS::EC2::Instance', physicalId: 'i-1', interfaces: [{ networkInterfaceId: 'eni-web', vpcId: 'vpc-1', subnetId: 'subnet-a' }] },
    { logicalId: 'Db', type: 'AWS::EC2::Instance', physicalId: 'i-2', interfaces: [{ networkInterfaceId: 'eni-db', vpcId: 'vpc-1', subnetId: 'subnet-b' }] },
    flowLog('fl-vpc', 'VPC', 'vpc-1', cw('/vpc/all'), V5),
    flowLog('fl-subnet-a', 'Subnet', 'subnet-a', cw('/vpc/all'), V3),
    flowLog('fl-web', 'NetworkInterface', 'eni-web', byArn('/vpc/all'), V5),
    flowLog('fl-fh-1', 'VPC', 'vpc-1', fh('flows')),
    flowLog('fl-fh-2', 'VPC', 'vpc-1', fh('flows'), V5),
    flowLog('fl-s3', 'VPC', 'vpc-1', { logDestinationType: 's3', logDestination: 'arn:aws:s3:::b' }, V3),
    { logicalId: null, type: 'AWS::EC2::NetworkInterface', physicalId: 'eni-nat', vpcId: 'vpc-1', subnetId: 'subnet-a' },
  ],
};

const shape = (c: ReturnType<ReturnType<typeof runDestinations>['firehose']>) => c && c.formats.map((f) => [formatKey(f.format).split(' ').length, f.flowLogIds]);

test('a CloudWatch stream: the flow logs on its interface, subnet or VPC, grouped by format in listing order', () => {
  const d = runDestinations(RESOURCES);
  // Web's stream: the VPC's and Web's own flow logs share a format; the subnet's has another.
  assert.deepEqual(shape(d.cloudWatch('/vpc/all', 'eni-web-all')), [[16, ['fl-vpc', 'fl-web']], [16, ['fl-subnet-a']]]);
  // Db is in another subnet: the VPC's flow log only.
  assert.deepEqual(shape(d.cloudWatch('/vpc/all', 'eni-db-all')), [[16, ['fl-vpc']]]);
  // A NAT gateway's interface, listed on its own, in subnet a.
  assert.deepEqual(shape(d.cloudWatch('/vpc/all', 'eni-nat-all')), [[16, ['fl-vpc']], [16, ['fl-subnet-a']]]);
  assert.equal(d.cloudWatch('/vpc/all', 'eni-web-all')!.where, 'log group /vpc/all');
});

test('an interface the listing does not know keeps every flow log of the group; an unknown group has none', () => {
  const d = runDestinations(RESOURCES);
  assert.deepEqual(shape(d.cloudWatch('/vpc/all', 'eni-elsewhere-all')), [[16, ['fl-vpc', 'fl-web']], [16, ['fl-subnet-a']]]);
  assert.equal(d.cloudWatch('/vpc/other', 'eni-web-all'), undefined);
});

test('a Firehose delivery stream: every flow log delivering to it; S3 flow logs are no candidates anywhere', () => {
  const d = runDestinations(RESOURCES);
  assert.deepEqual(shape(d.firehose('flows')), [[14, ['fl-fh-1']], [16, ['fl-fh-2']]]);
  assert.equal(d.firehose('b'), undefined);
  assert.deepEqual(d.problems, []);
});

test('a flow log whose format cannot be read is left out and reported; a listing of another shape gives nothing', () => {
  const d = runDestinations({ resources: [flowLog('fl-bad', 'VPC', 'vpc-1', fh('flows'), '${version} ${nonsense}'), flowLog('fl-ok', 'VPC', 'vpc-1', fh('flows'))] });
  assert.deepEqual(shape(d.firehose('flows')), [[14, ['fl-ok']]]);
  assert.equal(d.problems.length, 1);
  assert.match(d.problems[0]!, /^flow log fl-bad: its logFormat cannot be read .*nonsense/);
  const none = runDestinations({ something: 'else' });
  assert.equal(none.firehose('flows'), undefined);
  assert.equal(runDestinations(null).cloudWatch('/vpc/all', 'eni-web-all'), undefined);
});
