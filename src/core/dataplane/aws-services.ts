/**
 * Addresses AWS serves inside every VPC. Security groups and network ACLs never
 * filter traffic to them, and flow logs never record it.
 */
import { cidrAddress } from '../net/cidr.ts';
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

/** AWS's addresses inside a subnet's view of its VPC: the DNS server (VPC base + 2) and each subnet's reserved base + 1..3. */
export function reservedAddresses(vpc: Vpc, subnet: Subnet): Map<IpAddr, string> {
  const m = new Map<IpAddr, string>();
  for (const c of vpc.cidrs) m.set(cidrAddress(c, 2), 'Amazon DNS');
  for (const block of [subnet.cidr, subnet.ipv6Cidr]) {
    if (!block) continue;
    m.set(cidrAddress(block, 1), 'VPC router');
    m.set(cidrAddress(block, 2), 'Amazon DNS');
    m.set(cidrAddress(block, 3), 'AWS reserved');
  }
  return m;
}

/** What AWS service an address is, seen from a subnet with these reserved addresses; undefined for anything else. */
export function awsServiceAt(reserved: ReadonlyMap<IpAddr, string>, addr: IpAddr, protocol: number, dport: number, sport: number): string | undefined {
  const fixed = FIXED.get(addr) ?? reserved.get(addr);
  if (fixed) return fixed;
  if (protocol === UDP && (dport === 67 || dport === 68 || sport === 67 || sport === 68)) return 'DHCP';
  return undefined;
}
