/** An error as the EC2 API reports it: an AWS error code and AWS-style message. */
export class Ec2Error extends Error {
  constructor(readonly code: string, message: string, readonly httpStatus = 400) {
    super(message);
    this.name = 'Ec2Error';
  }
}

export const notFound = (code: string, what: string, id: string): Ec2Error =>
  new Ec2Error(code, `The ${what} ID '${id}' does not exist`);

export const invalidParam = (message: string): Ec2Error => new Ec2Error('InvalidParameterValue', message);
export const missingParam = (name: string): Ec2Error =>
  new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
