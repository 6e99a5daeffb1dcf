/** Every EC2 action the API serves, by name: the one table routing and COVERAGE.md read. */
import type { ActionTable } from '../action.ts';
import { FLOW_LOG_ACTIONS } from './flow-logs.ts';
import { GATEWAY_ACTIONS } from './gateways.ts';
import { INSTANCE_ACTIONS } from './instances.ts';
import { INTERFACE_ACTIONS } from './interfaces.ts';
import { NETWORK_ACL_ACTIONS } from './network-acls.ts';
import { ROUTE_TABLE_ACTIONS } from './route-tables.ts';
import { SECURITY_GROUP_ACTIONS } from './security-groups.ts';
import { TAG_REGION_ACTIONS } from './tags-regions.ts';
import { VPC_ACTIONS } from './vpcs.ts';

export const EC2_ACTIONS: ActionTable = {
  ...VPC_ACTIONS,
  ...ROUTE_TABLE_ACTIONS,
  ...GATEWAY_ACTIONS,
  ...NETWORK_ACL_ACTIONS,
  ...SECURITY_GROUP_ACTIONS,
  ...INTERFACE_ACTIONS,
  ...INSTANCE_ACTIONS,
  ...FLOW_LOG_ACTIONS,
  ...TAG_REGION_ACTIONS,
};
