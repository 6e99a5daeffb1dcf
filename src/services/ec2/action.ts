/**
 * One EC2 action as the API serves it: its request and response shapes (from
 * botocore's model) and a handler that parses nothing itself, calls the core
 * and returns a plain result in the response's JSON shape.
 */
import { runAction } from '../../core/ec2/actions.ts';
import type { Params } from '../../core/ec2/params.ts';
import type { RegionState, ServerState } from '../../server/state.ts';
import type { StructShape } from './shapes/dsl.ts';

export interface Ec2Call {
  readonly state: RegionState;
  readonly action: string;
  /**
   * The server, on a live call: what a handler needs beyond EC2 (CreateFlowLogs
   * checks the S3 store). Absent on journal replay, which must touch EC2 state
   * only, and when a handler is run directly.
   */
  readonly server?: ServerState | undefined;
}

export interface Ec2Action {
  readonly input: StructShape;
  readonly output: StructShape;
  /** Filter names a Describe action supports, for COVERAGE.md. */
  readonly filters?: readonly string[];
  /** `false` for the few actions AWS gives no DryRun parameter (AssociateVpcCidrBlock, ModifySubnetAttribute). */
  readonly dryRun?: false;
  run(call: Ec2Call, p: Params): Params;
}

export type ActionTable = Readonly<Record<string, Ec2Action>>;

/**
 * Runs the call's action through core's ACTIONS table: the one
 * implementation scenario `changes` use too. `T` is what that core function returns.
 */
export function viaCore<T>(call: Ec2Call, p: Params): T {
  return runAction(call.state.ec2, call.action, p) as T;
}
