/** Small builders for EC2 tests: a VPC, a subnet in it, a security group. */
import {
  CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, type EC2Client, type Subnet, type Vpc,
} from '@aws-sdk/client-ec2';

let counter = 0;
/** A name no other test in the file uses. */
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${++counter}`;

export async function newVpc(ec2: EC2Client, cidr = '10.0.0.0/16'): Promise<Vpc & { VpcId: string }> {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }));
  return Vpc as Vpc & { VpcId: string };
}

export async function newSubnet(ec2: EC2Client, vpcId: string, cidr: string, az?: string): Promise<Subnet & { SubnetId: string }> {
  const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }));
  return Subnet as Subnet & { SubnetId: string };
}

export async function newSecurityGroup(ec2: EC2Client, vpcId: string, name = unique('group')): Promise<string> {
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: name, Description: `test group ${name}` }));
  return GroupId!;
}
