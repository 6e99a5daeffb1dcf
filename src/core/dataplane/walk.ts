/** The record of one packet's way through the network: observations, decisions, outcome. */
import type { Decision, Endpoint, Fate, Observation, Packet } from './packet.ts';

/** Shared by every fate without decisions; never written to. */
export const NO_DECISIONS: Decision[] = [];

export class Walk {
  readonly observations: Observation[] = [];
  private decisionList: Decision[] | undefined;
  private blockerList: Decision[] | undefined;
  delivered = false;
  to: Endpoint | undefined;
  arrived: Packet | undefined;
  hops = 0;
  /** A route decision waiting to be noted after the security-group check (trace only). */
  pendingRoute: Decision | undefined;

  constructor(readonly trace: boolean, readonly probe: boolean) {}

  /** An allowing step; callers build it only when tracing (explain), so run mode allocates nothing for it. */
  note(d: Decision): void {
    (this.decisionList ??= []).push(d);
  }

  get decisions(): Decision[] {
    return this.decisionList ?? NO_DECISIONS;
  }

  get blockers(): Decision[] {
    return this.blockerList ?? NO_DECISIONS;
  }

  /** A blocking step; returns whether to go on (only when probing for every blocker). */
  deny(d: Decision): boolean {
    (this.blockerList ??= []).push(d);
    if (this.trace) (this.decisionList ??= []).push(d);
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
