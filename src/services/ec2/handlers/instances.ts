/** RunInstances, DescribeInstances, TerminateInstances. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { Ec2Error, notFound } from '../../../core/ec2/errors.ts';
import { type Params, optStr, strList } from '../../../core/ec2/params.ts';
import type { Instance } from '../../../core/model/types.ts';
import { type ActionTable, type Ec2Call, viaCore } from '../action.ts';
import * as sh from '../shapes/instances.ts';
import { INSTANCE_FILTERS, reservationView, stateView } from '../views/instances.ts';
import { onlyDefault } from './common.ts';
import { LIMITS_5_1000, describe } from './describe.ts';

/** Placement can only repeat what the subnet implies: default tenancy, the subnet's zone. */
function checkPlacement(c: Ec2Call, p: Params): void {
  const placement = (p.Placement ?? {}) as Params;
  onlyDefault(placement, 'Tenancy', 'default');
  const az = optStr(placement, 'AvailabilityZone');
  const subnet = c.state.net.subnets.get(optStr(p, 'SubnetId') ?? '');
  if (az !== undefined && subnet && subnet.az !== az) {
    throw new Ec2Error('InvalidParameterValue', `Value (${az}) for parameter availabilityZone is invalid. Subnet '${subnet.id}' is in ${subnet.az}.`);
  }
}

function runInstances(c: Ec2Call, p: Params): Params {
  checkPlacement(c, p);
  return reservationView(viaCore<Instance[]>(c, p), c.state.net);
}

function describeInstances(c: Ec2Call, p: Params): Params {
  const net = c.state.net;
  if (p.MaxResults !== undefined && strList(p, 'InstanceIds').length) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const page = describe(p, {
    action: c.action, items: net.instances.values(), table: INSTANCE_FILTERS, ctx: net, tags: (i) => i.tags, limits: LIMITS_5_1000,
    ids: { member: 'InstanceIds', idOf: (i) => i.id, missing: (id) => notFound('InvalidInstanceID.NotFound', 'instance', id) },
  });
  return { Reservations: page.items.map((i) => reservationView([i], net)), NextToken: page.nextToken };
}

function terminateInstances(c: Ec2Call, p: Params): Params {
  const before = new Map(strList(p, 'InstanceIds').map((id) => [id, c.state.net.instances.get(id)?.state]));
  const instances = viaCore<Instance[]>(c, p);
  return {
    TerminatingInstances: instances.map((i) => ({
      InstanceId: i.id, CurrentState: stateView(i.state), PreviousState: stateView(before.get(i.id) ?? i.state),
    })),
  };
}

export const INSTANCE_ACTIONS: ActionTable = {
  RunInstances: { input: sh.RunInstancesRequest, output: sh.Reservation, run: runInstances },
  DescribeInstances: {
    input: sh.DescribeInstancesRequest, output: sh.DescribeInstancesResult, run: describeInstances,
    filters: filterNames(INSTANCE_FILTERS, true),
  },
  TerminateInstances: { input: sh.TerminateInstancesRequest, output: sh.TerminateInstancesResult, run: terminateInstances },
};
