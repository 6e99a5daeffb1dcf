/**
 * EC2 actions by name, taking the API's JSON request shapes. Scenario `changes`
 * and the EC2 API server both go through this table, so there is one
 * implementation of every action.
 */
import type { Ec2Context } from './context.ts';
import { Ec2Error } from './errors.ts';
import * as fl from './flow-logs.ts';
import * as gw from './gateways.ts';
import * as inst from './instances.ts';
import * as eni from './interfaces.ts';
import * as acl from './network-acls.ts';
import type { Params } from './params.ts';
import { str } from './params.ts';
import * as rt from './route-tables.ts';
import * as sg from './security-groups.ts';
import * as sn from './subnets.ts';
import * as vpc from './vpcs.ts';

export type Action = (ctx: Ec2Context, p: Params) => unknown;

export const ACTIONS: Readonly<Record<string, Action>> = {
  CreateVpc: (c, p) => vpc.createVpc(c, p),
  DeleteVpc: vpc.deleteVpc,
  AssociateVpcCidrBlock: vpc.associateVpcCidrBlock,
  CreateSubnet: (c, p) => sn.createSubnet(c, p),
  DeleteSubnet: sn.deleteSubnet,
  ModifySubnetAttribute: sn.modifySubnetAttribute,
  CreateRouteTable: (c, p) => rt.createRouteTable(c, p),
  DeleteRouteTable: rt.deleteRouteTable,
  CreateRoute: rt.createRoute,
  ReplaceRoute: rt.replaceRoute,
  DeleteRoute: rt.deleteRoute,
  AssociateRouteTable: (c, p) => rt.associateRouteTable(c, p),
  DisassociateRouteTable: rt.disassociateRouteTable,
  CreateInternetGateway: (c, p) => gw.createInternetGateway(c, p),
  AttachInternetGateway: gw.attachInternetGateway,
  DetachInternetGateway: gw.detachInternetGateway,
  DeleteInternetGateway: gw.deleteInternetGateway,
  AllocateAddress: (c, p) => gw.allocateAddress(c, p),
  AssociateAddress: (c, p) => gw.associateAddress(c, p),
  DisassociateAddress: gw.disassociateAddress,
  ReleaseAddress: gw.releaseAddress,
  CreateNatGateway: (c, p) => gw.createNatGateway(c, p),
  DeleteNatGateway: gw.deleteNatGateway,
  CreateNetworkAcl: (c, p) => acl.createNetworkAcl(c, p),
  DeleteNetworkAcl: acl.deleteNetworkAcl,
  CreateNetworkAclEntry: acl.createNetworkAclEntry,
  ReplaceNetworkAclEntry: acl.replaceNetworkAclEntry,
  DeleteNetworkAclEntry: acl.deleteNetworkAclEntry,
  ReplaceNetworkAclAssociation: acl.replaceNetworkAclAssociation,
  CreateSecurityGroup: (c, p) => sg.createSecurityGroup(c, p),
  DeleteSecurityGroup: sg.deleteSecurityGroup,
  AuthorizeSecurityGroupIngress: (c, p) => sg.authorize(c, p, false),
  AuthorizeSecurityGroupEgress: (c, p) => sg.authorize(c, p, true),
  RevokeSecurityGroupIngress: (c, p) => sg.revoke(c, p, false),
  RevokeSecurityGroupEgress: (c, p) => sg.revoke(c, p, true),
  CreateNetworkInterface: (c, p) => eni.createNetworkInterface(c, p),
  DeleteNetworkInterface: eni.deleteNetworkInterface,
  AttachNetworkInterface: (c, p) => eni.attachNetworkInterface(c, p),
  ModifyNetworkInterfaceAttribute: eni.modifyNetworkInterfaceAttribute,
  RunInstances: inst.runInstances,
  TerminateInstances: inst.terminateInstances,
  CreateFlowLogs: (c, p) => fl.createFlowLogs(c, p),
  DeleteFlowLogs: fl.deleteFlowLogs,
};

export function runAction(ctx: Ec2Context, action: string, params: Params): unknown {
  const fn = ACTIONS[action];
  if (!fn) throw new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service (vpcflow knows: ${Object.keys(ACTIONS).join(', ')}).`);
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new Ec2Error('InvalidParameterValue', `The parameters of ${action} must be a mapping`);
  }
  return fn(ctx, params);
}

/** Used by changes and tests that need a required id up front. */
export const requireString = str;
