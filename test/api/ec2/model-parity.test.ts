/**
 * Every request and response member vpcflow's EC2 tables name is checked
 * against botocore's model: same member, same locationName and queryName, same
 * kind, same required list. Members AWS added after the awscli model was cut
 * are listed below with the reason.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EC2_ACTIONS } from '../../../src/services/ec2/index.ts';
import { RETURN_ONLY } from '../../../src/services/ec2/shapes/common.ts';
import { type Shape, isList, isStruct } from '../../../src/services/ec2/shapes/dsl.ts';
import { type BotoModel, loadEc2Model } from '../support/botocore.ts';

/** `Action.path.to.Member` → why it is not in the awscli 2.9 model. */
const NEWER_THAN_MODEL: Record<string, string> = {
  'CreateRouteTable.input.ClientToken': 'idempotency token added in 2024; the SDK fills it in',
  'CreateNetworkAcl.input.ClientToken': 'idempotency token added in 2024; the SDK fills it in',
  'CreateNetworkInterface.input.ConnectionTrackingSpecification': 'configurable connection tracking, 2023',
  'ModifyNetworkInterfaceAttribute.input.ConnectionTrackingSpecification': 'configurable connection tracking, 2023',
  'CreateNetworkInterface.output.NetworkInterface.ConnectionTrackingConfiguration': 'configurable connection tracking, 2023',
  'DescribeNetworkInterfaces.output.NetworkInterfaces[].ConnectionTrackingConfiguration': 'configurable connection tracking, 2023',
};

const KIND: Record<string, string> = { string: 'string', integer: 'integer', long: 'long', boolean: 'boolean', timestamp: 'timestamp', double: 'double', float: 'double' };

function compare(model: BotoModel, mine: Shape, botoName: string, path: string, problems: string[]): void {
  const boto = model.shapes[botoName];
  if (!boto) return void problems.push(`${path}: botocore has no shape ${botoName}`);
  if (isStruct(mine)) {
    if (boto.type !== 'structure') return void problems.push(`${path}: botocore's ${botoName} is a ${boto.type}, not a structure`);
    for (const [name, m] of Object.entries(mine.members)) {
      const at = `${path}.${name}`;
      const bm = boto.members?.[name];
      if (!bm) {
        if (!NEWER_THAN_MODEL[at]) problems.push(`${at}: not a member of botocore's ${botoName}`);
        continue;
      }
      if (m.loc !== bm.locationName) problems.push(`${at}: locationName ${String(m.loc)}, botocore says ${String(bm.locationName)}`);
      if (m.query !== bm.queryName) problems.push(`${at}: queryName ${String(m.query)}, botocore says ${String(bm.queryName)}`);
      compare(model, m.shape, bm.shape, at, problems);
    }
    return;
  }
  if (isList(mine)) {
    if (boto.type !== 'list') return void problems.push(`${path}: botocore's ${botoName} is a ${boto.type}, not a list`);
    return compare(model, mine.list, boto.member!.shape, `${path}[]`, problems);
  }
  if (KIND[boto.type] !== mine) problems.push(`${path}: ${mine}, botocore's ${botoName} is a ${boto.type}`);
}

test('every EC2 action, request and response member matches botocore\'s model', () => {
  const model = loadEc2Model();
  const problems: string[] = [];
  for (const [action, def] of Object.entries(EC2_ACTIONS)) {
    const op = model.operations[action];
    if (!op?.input) { problems.push(`${action}: not an EC2 operation in botocore`); continue; }
    const input = model.shapes[op.input.shape]!;
    if (Boolean(input.members?.DryRun) !== (def.dryRun !== false)) problems.push(`${action}: DryRun ${def.dryRun === false ? 'refused' : 'accepted'}, botocore disagrees`);
    compare(model, def.input, op.input.shape, `${action}.input`, problems);
    const required = [...(def.input.required ?? [])].sort();
    assert.deepEqual(required, [...(input.required ?? [])].sort(), `${action}: required members differ from botocore`);
    if (op.output) compare(model, def.output, op.output.shape, `${action}.output`, problems);
    else if (def.output !== RETURN_ONLY) problems.push(`${action}: botocore has no output, so the response must be RETURN_ONLY`);
  }
  assert.deepEqual(problems, []);
});
