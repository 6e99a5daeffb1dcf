/** CloudFormation's pseudo parameters, for a stack named after the scenario. */
import { rngFor } from '../random.ts';
import type { ParamValue } from './scope.ts';

export interface StackIdentity {
  name: string;
  account: string;
  region: string;
  seed: string | number;
}

export function pseudoParameters(stack: StackIdentity): Map<string, ParamValue> {
  const hex = rngFor(stack.seed, 'stack-id').hex(32);
  // A version-4 UUID shape, as in real stack ids.
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return new Map<string, ParamValue>([
    ['AWS::Region', stack.region],
    ['AWS::AccountId', stack.account],
    ['AWS::StackName', stack.name],
    ['AWS::StackId', `arn:aws:cloudformation:${stack.region}:${stack.account}:stack/${stack.name}/${uuid}`],
    ['AWS::Partition', 'aws'],
    ['AWS::URLSuffix', 'amazonaws.com'],
    ['AWS::NotificationARNs', []],
  ]);
}
