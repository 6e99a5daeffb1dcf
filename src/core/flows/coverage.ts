/**
 * Which flow logs count an interface's traffic. Resolved against the network as
 * it is at the time of the packet, so interfaces created after a subnet or VPC
 * flow log are covered, and a deleted flow log stops counting.
 */
import type { Action } from '../dataplane/packet.ts';
import type { Network } from '../model/network.ts';
import type { FlowLog, NetworkInterface } from '../model/types.ts';

export function coversInterface(fl: FlowLog, eni: NetworkInterface): boolean {
  switch (fl.resourceType) {
    case 'NetworkInterface': return fl.resourceId === eni.id;
    case 'Subnet': return fl.resourceId === eni.subnetId;
    case 'VPC': return fl.resourceId === eni.vpcId;
  }
}

export function passesTrafficType(fl: FlowLog, action: Action): boolean {
  return fl.trafficType === 'ALL' || fl.trafficType === action;
}

/** The interfaces a flow log monitors right now, ordered by id. */
export function interfacesCoveredBy(net: Network, fl: FlowLog): NetworkInterface[] {
  const out: NetworkInterface[] = [];
  for (const eni of net.interfaces.values()) if (coversInterface(fl, eni)) out.push(eni);
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
