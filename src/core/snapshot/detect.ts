/** Is this parsed JSON a snapshot (merged `aws ec2 describe-*` output) rather than a CloudFormation template? */
import { isObj } from './fields.ts';

export const SNAPSHOT_KEYS = [
  'Vpcs', 'Subnets', 'RouteTables', 'NetworkAcls', 'SecurityGroups', 'NetworkInterfaces',
  'Reservations', 'NatGateways', 'InternetGateways',
] as const;

/** Required for a network to be rebuilt; the others are read when present. */
export const REQUIRED_KEYS = ['Vpcs', 'Subnets', 'RouteTables', 'NetworkAcls', 'SecurityGroups', 'NetworkInterfaces'] as const;

export function isSnapshot(doc: unknown): boolean {
  return isObj(doc) && doc.Resources === undefined && SNAPSHOT_KEYS.some((k) => k in doc);
}
