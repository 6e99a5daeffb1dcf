/**
 * Addresses AWS serves inside every VPC. Security groups and network ACLs never
 * filter traffic to them, and flow logs never record it.
 */
import { cidrAddress, cidrContains } from '../net/cidr.ts';
import { type IpAddr, ip } from '../net/ip.ts';
import { UDP } from '../net/protocol.ts';
import type { Subnet, Vpc } from '../model/types.ts';

const FIXED: ReadonlyMap<IpAddr, string> = new Map([
  [ip('169.254.169.254'), 'instance metadata'],
  [ip('169.254.169.253'), 'Amazon DNS'],
  [ip('169.254.169.123'), 'Amazon Time Sync'],
  [ip('169.254.170.2'), 'ECS task metadata'],
  [ip('fd00:ec2::254'), 'instance metadata'],
  [ip('fd00:ec2::253'), 'Amazon DNS'],
  [ip('fd00:ec2::123'), 'Amazon Time Sync'],
]);

/** What AWS service an address (seen from this subnet) is, or undefined. */
export function awsServiceAt(vpc: Vpc, subnet: Subnet, addr: IpAddr, protocol: number, dport: number, sport: number): string | undefined {
  const fixed = FIXED.get(addr);
  if (fixed) return fixed;
  if (protocol === UDP && (dport === 67 || dport === 68 || sport === 67 || sport === 68)) return 'DHCP';
  for (const c of vpc.cidrs) {
    if (cidrContains(c, addr) && addr === cidrAddress(c, 2)) return 'Amazon DNS';
  }
  // Every subnet reserves base+1 (the VPC router), base+2 and base+3 for AWS.
  for (const block of [subnet.cidr, subnet.ipv6Cidr]) {
    if (!block || !cidrContains(block, addr)) continue;
    if (addr === cidrAddress(block, 1)) return 'VPC router';
    if (addr === cidrAddress(block, 2)) return 'Amazon DNS';
    if (addr === cidrAddress(block, 3)) return 'AWS reserved';
  }
  return undefined;
}
