/** `DryRun`: the request parsed and would have been attempted; nothing changed (HTTP 412, as AWS answers). */
import { Ec2Error } from './errors.ts';

export const DRY_RUN_STATUS = 412;

export function dryRunSucceeded(): Ec2Error {
  return new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', DRY_RUN_STATUS);
}
