import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ip } from '../net/ip.ts';
import type { FieldValue } from './emitted.ts';
import { DEFAULT_FORMAT, FIELDS } from './fields.ts';
import { compileFormat } from './formatter.ts';
import { FIELD_GETTERS, type FlowTotals, type RecordData, recordEnvFor } from './record.ts';
import { addEni, addSubnet, addVpc, testNetwork } from './testing.ts';

const ALL = FIELDS.map((d) => `\${${d.name}}`).join(' ');

function setup() {
  const net = testNetwork('111122223333', 'eu-west-3');
  addVpc(net, 'vpc-0a');
  addSubnet(net, 'subnet-0b', 'vpc-0a', 'euw3-az2');
  const inst = addEni(net, 'eni-0c', 'subnet-0b', '10.0.0.9', 'i-0d');
  const nat = addEni(net, 'eni-0e', 'subnet-0b', '10.0.0.10');
  const env = recordEnvFor(net, { serviceOf: (a) => (a.text === '15.236.1.2' ? 'EC2' : null) });
  return { net, inst, nat, env };
}

const flow = (over: Partial<FlowTotals> = {}): FlowTotals => ({
  srcaddr: ip('10.0.0.9'), dstaddr: ip('15.236.1.2'), pktSrcaddr: ip('10.0.0.9'), pktDstaddr: ip('15.236.1.2'),
  srcport: 40001, dstport: 443, protocol: 6, direction: 'egress', action: 'ACCEPT', packets: 10, bytes: 1234,
  first: 1700000000.25, last: 1700000030.75, tcpFlags: 3, trafficPath: 8, ...over,
});

test('every field of versions 2 to 8 has a value, with AWS types', () => {
  for (const d of FIELDS) if (d.name !== 'version') assert.ok(FIELD_GETTERS[d.name], d.name);
  const { inst, env } = setup();
  const f = compileFormat(ALL);
  const r: RecordData = { eni: inst, status: 'OK', start: 1700000000, end: 1700000030, flow: flow() };
  const { values, line } = f.render(r, env);
  const byName: Record<string, FieldValue | undefined> = Object.fromEntries(FIELDS.map((d, i) => [d.name, values[i]]));
  // Numeric fields stay numbers (for Parquet); the line writes `-` for null.
  for (const d of FIELDS) if (d.type !== 'string' && byName[d.name] !== null) assert.equal(typeof byName[d.name], 'number', d.name);
  assert.deepEqual(byName, {
    version: 8, 'account-id': '111122223333', 'interface-id': 'eni-0c', srcaddr: '10.0.0.9', dstaddr: '15.236.1.2',
    srcport: 40001, dstport: 443, protocol: 6, packets: 10, bytes: 1234, start: 1700000000, end: 1700000030,
    action: 'ACCEPT', 'log-status': 'OK', 'vpc-id': 'vpc-0a', 'subnet-id': 'subnet-0b', 'instance-id': 'i-0d', 'tcp-flags': 3,
    type: 'IPv4', 'pkt-srcaddr': '10.0.0.9', 'pkt-dstaddr': '15.236.1.2', region: 'eu-west-3', 'az-id': 'euw3-az2',
    'sublocation-type': null, 'sublocation-id': null, 'pkt-src-aws-service': null, 'pkt-dst-aws-service': 'EC2',
    'flow-direction': 'egress', 'traffic-path': 8,
    'ecs-cluster-arn': null, 'ecs-cluster-name': null, 'ecs-container-instance-arn': null, 'ecs-container-instance-id': null,
    'ecs-container-id': null, 'ecs-second-container-id': null, 'ecs-service-name': null, 'ecs-task-definition-arn': null,
    'ecs-task-arn': null, 'ecs-task-id': null, 'reject-reason': null,
  });
  assert.equal(line.split(' ').length, FIELDS.length);
  assert.equal(line, values.map((v) => (v === null ? '-' : String(v))).join(' '));
});

test('requester-managed interfaces have no instance id; ingress has no traffic path; IPv6 reads IPv6', () => {
  const { nat, env } = setup();
  const f = compileFormat('${instance-id} ${flow-direction} ${traffic-path} ${type}');
  const six = { srcaddr: ip('2001:db8::1'), dstaddr: ip('2001:db8::2'), pktSrcaddr: ip('2001:db8::1'), pktDstaddr: ip('2001:db8::2') };
  assert.equal(f.render({ eni: nat, status: 'OK', start: 1, end: 2, flow: flow({ direction: 'ingress', ...six }) }, env).line, '- ingress - IPv6');
  assert.equal(f.render({ eni: nat, status: 'OK', start: 1, end: 2, flow: flow({ trafficPath: undefined }) }, env).line, '- egress - IPv4');
});

test('formats are compiled once and carry their version and header', () => {
  const a = compileFormat(DEFAULT_FORMAT);
  assert.equal(compileFormat(DEFAULT_FORMAT), a);
  assert.equal(a.version, 2);
  assert.equal(a.header.split(' ')[0], 'version');
  assert.equal(compileFormat('${srcaddr} ${pkt-src-aws-service}').version, 5);
  assert.throws(() => compileFormat('${srcaddr}  ${dstaddr}'), /two spaces/);
});

test('a record rendered in one part has that part exactly as in both', () => {
  const { inst, nat, env } = setup();
  const records: RecordData[] = [
    { eni: inst, status: 'OK', start: 1700000000, end: 1700000030, flow: flow() },
    { eni: nat, status: 'NODATA', start: 1700000000, end: 1700000060, flow: null },
    { eni: inst, status: 'OK', start: 1700000000, end: 1700000030, flow: flow({ direction: 'ingress', srcaddr: ip('2001:db8::1'), trafficPath: undefined }) },
  ];
  for (const format of [DEFAULT_FORMAT, ALL]) {
    const f = compileFormat(format);
    for (const r of records) {
      const both = f.render(r, env);
      assert.deepEqual(f.renderPart(r, env, 'values'), { values: both.values, line: '' });
      assert.deepEqual(f.renderPart(r, env, 'line'), { values: [], line: both.line });
      assert.deepEqual(f.renderPart(r, env, 'both'), both);
    }
  }
});
