/**
 * NAT gateway translations: each outbound flow gets the gateway's private
 * address and a port; replies are mapped back. Idle mappings expire after
 * 350 seconds, AWS's documented NAT gateway idle timeout.
 */
import type { IpAddr } from '../net/ip.ts';
import { TCP, UDP } from '../net/protocol.ts';

export const NAT_IDLE_TIMEOUT = 350;

interface Mapping {
  client: IpAddr;
  clientPort: number;
  natPort: number;
  lastSeen: number;
}

export class NatTable {
  private readonly out = new Map<string, Mapping>();
  private readonly back = new Map<string, Mapping>();
  private readonly used = new Set<string>();

  /** The gateway-side source port for an outbound flow (the client's own port when free, as AWS tends to keep it). */
  translate(natId: string, protocol: number, client: IpAddr, cport: number, remote: IpAddr, rport: number, now: number): number {
    const ported = protocol === TCP || protocol === UDP;
    const k = `${natId}|${protocol}|${client.text}|${cport}|${remote.text}|${rport}`;
    const m = this.out.get(k);
    if (m && now - m.lastSeen <= NAT_IDLE_TIMEOUT) {
      m.lastSeen = now;
      return m.natPort;
    }
    let natPort = cport;
    if (ported) {
      while (this.used.has(`${natId}|${protocol}|${natPort}|${remote.text}|${rport}`)) natPort = natPort >= 65535 ? 1024 : natPort + 1;
      this.used.add(`${natId}|${protocol}|${natPort}|${remote.text}|${rport}`);
    }
    const fresh: Mapping = { client, clientPort: cport, natPort, lastSeen: now };
    this.out.set(k, fresh);
    this.back.set(`${natId}|${protocol}|${remote.text}|${rport}|${natPort}`, fresh);
    return natPort;
  }

  /** The client a reply belongs to, or undefined (unsolicited traffic, which the gateway drops). */
  reverse(natId: string, protocol: number, remote: IpAddr, rport: number, natPort: number, now: number): Mapping | undefined {
    const m = this.back.get(`${natId}|${protocol}|${remote.text}|${rport}|${natPort}`);
    if (!m || now - m.lastSeen > NAT_IDLE_TIMEOUT) return undefined;
    m.lastSeen = now;
    return m;
  }

  clear(): void {
    this.out.clear();
    this.back.clear();
    this.used.clear();
  }
}
