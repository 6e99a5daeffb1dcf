/** Small pieces every handler family uses. */
import { Ec2Error } from '../../../core/ec2/errors.ts';
import { type Params, optStr } from '../../../core/ec2/params.ts';

/** What EC2 answers for actions without a result: `<return>true</return>`. */
export const done = (): Params => ({ Return: true });

/** Parameters AWS takes that change nothing in vpcflow's model: only their default values are accepted. */
export function onlyDefault(p: Params, name: string, value: string): void {
  const v = optStr(p, name);
  if (v !== undefined && v !== value) {
    throw new Ec2Error('InvalidParameterValue', `Value (${v}) for parameter ${name} is not supported by vpcflow (only '${value}').`);
  }
}
