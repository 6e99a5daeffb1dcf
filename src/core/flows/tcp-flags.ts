/**
 * AWS's `tcp-flags` value for one packet. Flow logs keep only FIN, SYN and RST,
 * plus ACK when it rides with SYN (so a SYN-ACK reads 18); ACK, PSH and URG on
 * their own read 0. Records OR this value over their window, which is why a short
 * client connection shows 3 (SYN|FIN) and its server side 19 (SYN-ACK|FIN).
 */
import { ACK, FIN, RST, SYN } from '../net/protocol.ts';

export function awsTcpFlags(raw: number): number {
  const kept = raw & (FIN | SYN | RST);
  // ACK survives only next to SYN: that is how AWS tells a SYN-ACK from a SYN.
  return (kept & SYN) !== 0 && (raw & ACK) !== 0 ? kept | ACK : kept;
}
