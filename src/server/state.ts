/**
 * The server's state, per account and region as AWS keeps it (moto's
 * `BackendDict[account][region]`): each region has its own `Network` and
 * `Ec2Context`. Services that keep more (log streams, objects) take a named
 * slot, per region or account-wide, so every service's state lives in one place.
 */
import { createEc2Context } from '../core/ec2/create-context.ts';
import type { Ec2Context } from '../core/ec2/context.ts';
import { Network } from '../core/model/network.ts';

export interface RegionState {
  readonly account: string;
  readonly region: string;
  readonly net: Network;
  readonly ec2: Ec2Context;
  /** A service's own state in this region, created on first use. */
  slot<T>(name: string, init: () => T): T;
}

class Slots {
  private readonly items = new Map<string, unknown>();

  get<T>(name: string, init: () => T): T {
    if (!this.items.has(name)) this.items.set(name, init());
    return this.items.get(name) as T;
  }
}

export class ServerState {
  private readonly regionStates = new Map<string, RegionState>();
  private readonly accountSlots = new Slots();

  /**
   * `now` is the clock every region's EC2 context reads (milliseconds since the epoch);
   * `dataDir` is where services persist their state (S3 objects), if the server was given one.
   */
  constructor(readonly account: string, private readonly now: () => number, readonly dataDir?: string) {}

  region(name: string): RegionState {
    let s = this.regionStates.get(name);
    if (!s) {
      const net = new Network(this.account, name);
      const slots = new Slots();
      // Ids derive from the account and region, so a fresh server issues the same ids for the same calls.
      const ec2 = createEc2Context(net, `vpcflow-api/${this.account}/${name}`, this.now);
      s = { account: this.account, region: name, net, ec2, slot: (n, init) => slots.get(n, init) };
      this.regionStates.set(name, s);
    }
    return s;
  }

  /** Regions that have state, in the order they were first used. */
  regions(): string[] {
    return [...this.regionStates.keys()];
  }

  /** Account-wide state of a service (S3's bucket namespace, say). */
  slot<T>(name: string, init: () => T): T {
    return this.accountSlots.get(name, init);
  }
}
