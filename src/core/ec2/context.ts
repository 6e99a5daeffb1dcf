/**
 * What an EC2 action needs besides the model: where ids, public addresses and
 * the time come from. All injected, so the core stays deterministic.
 */
import type { IdKind } from '../model/ids.ts';
import type { Network } from '../model/network.ts';
import type { IpAddr } from '../net/ip.ts';

export interface Ec2Context {
  net: Network;
  /** A new id for a resource; `key` makes it stable (logical id, or parent id + role). */
  newId(kind: IdKind, key: string): string;
  /** A public IPv4 address for a key (Elastic IP, launch-time public address). */
  newPublicIp(key: string): IpAddr;
  /** Simulated time, milliseconds since the epoch. */
  now(): number;
}

/** Options that only the template loader and tests set: pinned ids and names. */
export interface CreateOptions {
  logicalId?: string | undefined;
  /** Pinned physical id (Metadata.vpcflow.id). */
  id?: string | undefined;
}
