/**
 * What an EC2 refusal means the user should have written, for messages of the
 * form "expected …, found …". The actions keep the validation; this only
 * names its outcome in the template's terms.
 */
const EXPECTATIONS: readonly [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/must contain the parameter (\w+)/, (m) => `the property ${m[1]}`],
  [/must contain a route target/, 'a route target (GatewayId, NatGatewayId, NetworkInterfaceId, InstanceId, …)'],
  [/(\w+) can't be empty/, (m) => `the property ${m[1]}`],
  [/not a valid CIDR block/i, 'a CIDR block such as 10.0.0.0/16'],
  [/not a valid IP address/i, 'an IP address such as 10.0.0.10'],
  [/between a \/16 netmask and \/28 netmask/i, 'a CIDR block from /16 to /28'],
  [/conflicts with another subnet/i, 'a CIDR block that overlaps no other subnet of the VPC'],
  [/not within the VPC's (IPv6 )?CIDR blocks/i, "a CIDR block inside the VPC's CIDR blocks"],
  [/IPv6 blocks must be \/64/i, 'an IPv6 CIDR block of /64'],
  [/Rule numbers must be between/i, 'a rule number from 1 to 32766'],
  [/network acl entry identified by \d+ already exists/i, 'a rule number not used by another entry in the same direction'],
  [/route identified by .* already exists/i, 'a destination no other route of the table has'],
  [/equal to or more specific than one of this VPC's CIDR blocks/i, 'a destination outside the VPC (or exactly a subnet\'s CIDR block)'],
  [/already exists/i, 'a value not already in use'],
  [/reserved address range/i, 'an address that is not one of the subnet\'s first four or its last'],
  [/does not fall within the subnet/i, "an address inside the subnet's CIDR block"],
  [/Address .* is in use/i, 'an address no other interface holds'],
  [/portRange|PortRange|Ports must be between/i, 'a port range From ≤ To, each 0-65535'],
  [/protocol/i, 'a protocol name (tcp, udp, icmp, icmpv6), a number 0-255, or -1 for all'],
  [/ICMP type\/code|ICMP code/i, 'an ICMP type and code from -1 to 255'],
  [/does not exist|NotFound/i, 'the id of an existing resource'],
  [/already (attached|associated)/i, 'a resource that is not attached or associated yet'],
  [/different (networks|VPCs|availability zone)/i, 'resources of the same VPC (and availability zone)'],
];

export function expectationFor(message: string, action: string): string {
  for (const [re, expected] of EXPECTATIONS) {
    const m = re.exec(message);
    if (m) return typeof expected === 'string' ? expected : expected(m);
  }
  return `a value that ${action} accepts`;
}
