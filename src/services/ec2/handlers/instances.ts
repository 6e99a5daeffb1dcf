/** RunInstances, DescribeInstances, TerminateInstances. */
import { filterNames } from '../../../core/ec2/describe/filters.ts';
import { Ec2Error, notFound } from '../../../core/ec2/errors.ts';
import { type Params, optStr, strList } from '../../../core/ec2/params.ts';
import type { Instance } from '../../../core/model/types.ts';
import { type ActionTable, type Ec2Call, viaCore } from '../action.ts';
import * as sh from '../shapes/instances.ts';
import { INSTANCE_FILTERS, reservationView, stateView } from '../views/instances.ts';
import { onlyDefault } from './common.ts';
import { describeNet } from './describe.ts';

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

/** One reservation per instance: reservations are not kept (services/ec2/README.md). */
const describeInstancesById = describeNet({
  items: (net) => net.instances.values(), table: INSTANCE_FILTERS, result: 'Reservations', view: (i, net) => reservationView([i], net),
  ids: 'InstanceIds', missing: (id) => notFound('InvalidInstanceID.NotFound', 'instance', id),
});

function describeInstances(c: Ec2Call, p: Params): Params {
  if (p.MaxResults !== undefined && strList(p, 'InstanceIds').length) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  return describeInstancesById(c, p);
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
