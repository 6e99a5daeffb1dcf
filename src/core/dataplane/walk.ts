/** The record of one packet's way through the network: observations, decisions, outcome. */
import type { Decision, Endpoint, Fate, Observation, Packet } from './packet.ts';

export class Walk {
  readonly observations: Observation[] = [];
  readonly decisions: Decision[] = [];
  readonly blockers: Decision[] = [];
  delivered = false;
  to: Endpoint | undefined;
  arrived: Packet | undefined;
  hops = 0;

  constructor(readonly trace: boolean, readonly probe: boolean) {}

  /** An allowing step, kept only when tracing (explain); run mode skips the allocation. */
  allow(make: () => Decision): void {
    if (this.trace) this.decisions.push(make());
  }

  /** A blocking step; returns whether to go on (only when probing for every blocker). */
  deny(d: Decision): boolean {
    this.blockers.push(d);
    if (this.trace) this.decisions.push(d);
    return this.probe;
  }

  deliver(to: Endpoint, arrived: Packet): void {
    this.delivered = this.blockers.length === 0;
    this.to = to;
    this.arrived = arrived;
  }

  fate(): Fate {
    return {
      delivered: this.delivered, to: this.to, arrived: this.arrived, observations: this.observations,
      decisions: this.decisions, blockedBy: this.blockers[0],
    };
  }
}
