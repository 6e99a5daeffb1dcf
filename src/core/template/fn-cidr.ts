/**
 * Fn::Cidr as CloudFormation computes it: `count` consecutive blocks of
 * `cidrBits` host bits each, from the start of `ipBlock`.
 */
import { cidrSize, makeCidr, parseCidr } from '../net/cidr.ts';
import { fromBigInt, toBigInt } from '../net/ip.ts';

export class CidrArgumentError extends Error {
  constructor(readonly argument: 0 | 1 | 2, readonly expected: string) {
    super(expected);
  }
}

export function cidrSubnets(ipBlock: string, count: number, cidrBits: number): string[] {
  const block = ipBlock.includes('/') ? parseCidr(ipBlock) : undefined;
  if (!block) throw new CidrArgumentError(0, 'a CIDR block such as 10.0.0.0/16');
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new CidrArgumentError(1, 'a count of CIDR blocks between 1 and 256');
  const width = block.fam === 4 ? 32 : 128;
  const hostBits = width - block.prefix;
  if (!Number.isInteger(cidrBits) || cidrBits < 0 || cidrBits > hostBits) {
    throw new CidrArgumentError(2, `a number of subnet (host) bits between 0 and ${hostBits} for a /${block.prefix} block`);
  }
  const step = 1n << BigInt(cidrBits);
  if (BigInt(count) * step > cidrSize(block)) {
    throw new CidrArgumentError(1, `at most ${cidrSize(block) / step} blocks of /${width - cidrBits} inside ${block.text}`);
  }
  const base = toBigInt(block.base);
  return Array.from({ length: count }, (_, i) => makeCidr(fromBigInt(block.fam, base + BigInt(i) * step), width - cidrBits).text);
}
