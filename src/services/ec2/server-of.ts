/**
 * Which server a region's state belongs to. An EC2 handler is given the
 * region's state only (`Ec2Call`); CreateFlowLogs also needs the account's S3
 * store, which lives on the server. The EC2 service records the pair on every
 * request (index.ts), so a handler run outside the server (a unit test calling
 * `run` directly) finds none and works on the EC2 state alone.
 */
import type { RegionState, ServerState } from '../../server/state.ts';

const owners = new WeakMap<RegionState, ServerState>();

export function recordServer(state: RegionState, server: ServerState): void {
  owners.set(state, server);
}

export function serverOf(state: RegionState): ServerState | undefined {
  return owners.get(state);
}
