/**
 * Public IPv4 addresses for Elastic IPs and launch-time public addresses, drawn
 * from the seed inside blocks that AWS uses for EC2 in the region, so that
 * records look like the real thing (and `pkt-*-aws-service` says EC2).
 */
import { cidr, cidrAddress, cidrSize } from '../net/cidr.ts';
import type { IpAddr } from '../net/ip.ts';
import { rngFor } from '../random.ts';

const EC2_BLOCKS: Record<string, string[]> = {
  'us-east-1': ['3.80.0.0/12', '54.160.0.0/12', '44.192.0.0/11', '18.204.0.0/14'],
  'us-east-2': ['3.128.0.0/12', '18.216.0.0/14'],
  'us-west-1': ['54.176.0.0/15', '13.52.0.0/16'],
  'us-west-2': ['34.208.0.0/12', '54.184.0.0/13', '35.160.0.0/13'],
  'eu-west-1': ['34.240.0.0/13', '52.208.0.0/13'],
  'eu-west-3': ['15.236.0.0/15', '35.180.0.0/16'],
  'eu-central-1': ['3.120.0.0/14', '18.184.0.0/15'],
  'ap-southeast-2': ['3.24.0.0/14', '13.236.0.0/14'],
  'ap-northeast-1': ['3.112.0.0/14', '18.176.0.0/13'],
};

const FALLBACK = ['3.0.0.0/10'];

export function publicIpFor(seed: string | number, region: string, key: string, taken: (ip: IpAddr) => boolean): IpAddr {
  const blocks = (EC2_BLOCKS[region] ?? FALLBACK).map(cidr);
  for (let attempt = 0; ; attempt++) {
    const r = rngFor(seed, `public-ip:${key}:${attempt}`);
    const b = blocks[r.int(0, blocks.length - 1)]!;
    const size = Number(cidrSize(b));
    const a = cidrAddress(b, r.int(1, size - 2));
    const last = a.w3 & 255;
    if (last !== 0 && last !== 255 && !taken(a)) return a;
  }
}
