/**
 * What the traffic simulator needs from the data plane. The engine in
 * core/dataplane satisfies it; tests use a fake. The sending interface is found
 * from `packet.src`; a source that no interface holds is the internet.
 */
import type { Fate, Packet } from '../dataplane/packet.ts';

export interface DataPlane {
  send(packet: Packet): Fate;
}
