/** The query protocol at the edge: routing, encodings, malformed input, limits, DryRun, regions. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { expectAwsError } from '../support/errors.ts';
import { FORM, errorCode, raw } from '../support/raw.ts';
import { ec2Client, startTestServer } from '../support/server.ts';

const t = await startTestServer({ maxBodyBytes: 4096 });
const url = t.server.url;
after(() => t.close());

const form = (body: string) => raw(url, { headers: FORM, body });

test('an unsigned form POST with Action= is routed to EC2', async () => {
  const r = await form('Action=DescribeVpcs&Version=2016-11-15');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'] as string, /^text\/xml/);
  assert.match(r.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeVpcsResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId><vpcSet\/><\/DescribeVpcsResponse>$/);
  assert.equal(r.headers['x-amzn-requestid'], /<requestId>([^<]+)/.exec(r.body)![1]);
});

test('a GET with the parameters in the query string works too', async () => {
  const r = await raw(url, { method: 'GET', path: '/?Action=DescribeRegions&Version=2016-11-15&RegionName.1=eu-west-3' });
  assert.equal(r.status, 200);
  assert.match(r.body, /<regionInfo><item><regionEndpoint>ec2\.eu-west-3\.amazonaws\.com<\/regionEndpoint><regionName>eu-west-3<\/regionName>/);
});

test('errors use the EC2 envelope with RequestID, HTTP 400', async () => {
  const r = await form('Action=NoSuchThing&Version=2016-11-15');
  assert.equal(r.status, 400);
  assert.match(r.body, /<Response><Errors><Error><Code>InvalidAction<\/Code><Message>The action NoSuchThing is not valid for this web service\.<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
});

test('malformed and unexpected input gets AWS-shaped errors', async () => {
  const cases: [string, string][] = [
    ['Action=DescribeVpcs&Filter.1.Name=%zz', 'MalformedQueryString'],
    ['Action=DescribeVpcs&Filter.1.Name=%C3%28', 'MalformedQueryString'],
    ['Action=DescribeVpcs&Bogus=1', 'UnknownParameter'],
    ['Action=DescribeVpcs&Filter.0.Name=vpc-id', 'UnknownParameter'],
    ['Action=DescribeVpcs&MaxResults=abc', 'InvalidParameterValue'],
    ['Action=DescribeVpcs&MaxResults=1', 'InvalidParameterValue'],
    ['Action=DescribeVpcs&DryRun=maybe', 'InvalidParameterValue'],
    ['Action=DescribeVpcs&VpcId.1=a&VpcId.1=b', 'InvalidParameterValue'],
    ['Action=DescribeVpcs&Filter.1.Name=vpc-id', 'InvalidParameterValue'],
    ['Action=CreateVpc', 'MissingParameter'],
    ['Action=DeleteVpc', 'MissingParameter'],
    ['Action=CreateSubnet&VpcId=vpc-1&CidrBlock=banana', 'InvalidVpcID.NotFound'],
    ['Version=2016-11-15', 'MissingAction'],
  ];
  for (const [body, code] of cases) {
    const r = await form(body);
    assert.equal(r.status, 400, body);
    assert.equal(errorCode(r.body), code, `${body}: ${r.body}`);
  }
});

test('a request that names no service is refused in the query envelope', async () => {
  const r = await raw(url, { method: 'GET', path: '/' });
  assert.equal(r.status, 400);
  assert.equal(errorCode(r.body), 'MissingAction');
});

test('a request signed for a service vpcflow does not serve is refused by name', async () => {
  const auth = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=abc';
  const r = await raw(url, { headers: { ...FORM, authorization: auth }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
  assert.equal(errorCode(r.body), 'UnsupportedService');
  assert.match(r.body, /'sts'/);
});

test('a credential scope with a region that is not one is AuthFailure', async () => {
  const auth = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/moon-base/ec2/aws4_request, SignedHeaders=host, Signature=abc';
  const r = await raw(url, { headers: { ...FORM, authorization: auth }, body: 'Action=DescribeVpcs' });
  assert.equal(r.status, 401);
  assert.equal(errorCode(r.body), 'AuthFailure');
});

test('a body over the limit is RequestEntityTooLarge, declared or chunked, and the server carries on', async () => {
  const big = `Action=DescribeVpcs&${'Filter.1.Name=x&'.repeat(400)}`;
  const declared = await form(big);
  assert.equal(declared.status, 413);
  assert.equal(errorCode(declared.body), 'RequestEntityTooLarge');
  const chunked = await raw(url, { headers: { ...FORM, 'transfer-encoding': 'chunked' }, body: big, chunked: true });
  assert.equal(chunked.status, 413);
  assert.equal(errorCode(chunked.body), 'RequestEntityTooLarge');
  assert.equal((await form('Action=DescribeVpcs')).status, 200);
});

test('binary garbage is an error, not a crash', async () => {
  const r = await raw(url, { headers: FORM, body: Buffer.from([0xff, 0xfe, 0x00, 0x26, 0x3d, 0x25, 0x80]) });
  assert.equal(r.status, 400);
  assert.equal((await form('Action=DescribeVpcs')).status, 200);
});

test('DryRun answers DryRunOperation (HTTP 412) and changes nothing', async () => {
  const err = await expectAwsError(t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', DryRun: true })), 'DryRunOperation');
  assert.equal(err.$metadata?.httpStatusCode, 412);
  assert.deepEqual((await t.ec2.send(new DescribeVpcsCommand({}))).Vpcs, []);
});

test('state is per region: the region comes from the signature', async () => {
  const eu = ec2Client(url, 'eu-west-1');
  const { Vpc } = await eu.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  assert.deepEqual((await eu.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId), [Vpc!.VpcId]);
  assert.deepEqual((await t.ec2.send(new DescribeVpcsCommand({}))).Vpcs, []);
  eu.destroy();
  assert.deepEqual(t.server.state.regions().sort(), ['eu-west-1', 'us-east-1']);
});

test('the account comes from the server option', async () => {
  const other = await startTestServer({ account: '210987654321' });
  try {
    const { Vpc } = await other.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    assert.equal(Vpc!.OwnerId, '210987654321');
  } finally {
    await other.close();
  }
});

test('many concurrent requests are all answered', async () => {
  const results = await Promise.all(Array.from({ length: 50 }, () => form('Action=DescribeAvailabilityZones')));
  assert.ok(results.every((r) => r.status === 200));
});
