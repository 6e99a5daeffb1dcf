/**
 * Diagnosis with the configuration: each finding's connection is asked of
 * explain (request and response through the data plane, in probe mode), and
 * the blocker on the rejected leg names the exact rule — the network ACL and
 * its rule number, or the security groups with no rule — with explain's fix.
 */
import { explain } from '../explain/explain.ts';
import { addressFor } from '../explain/parties.ts';
import type { Blocker, Explanation, Party, Question } from '../explain/types.ts';
import type { Network } from '../model/network.ts';
import { cidrContains } from '../net/cidr.ts';
import { type IpAddr, parseIp } from '../net/ip.ts';
import { ICMP, ICMPV6, TCP, UDP, protocolName } from '../net/protocol.ts';
import type { Diagnosed } from './heuristics.ts';
import type { Cause, Finding, Flow } from './types.ts';

function party(net: Network, text: string): Party | undefined {
  const addr = parseIp(text);
  if (!addr) return undefined;
  const eni = [...net.interfaces.values()].find((e) => e.privateIps.includes(addr) || e.ipv6Ips.includes(addr) || e.publicIp === addr);
  return { label: eni?.instanceId ?? eni?.id ?? text, addr: eni && eni.publicIp === addr ? eni.privateIps[0]! : addr, eni };
}

function inVpc(net: Network, a: IpAddr): boolean {
  for (const v of net.vpcs.values()) for (const c of [...v.cidrs, ...v.ipv6Cidrs]) if (cidrContains(c, a)) return true;
  return false;
}

/** The connection of a flow as explain's question: the packet's own addresses when the record carries them (NAT). */
function question(net: Network, req: Flow): Question | undefined {
  const from = party(net, req.pktSrcaddr ?? req.srcaddr);
  let to = party(net, req.pktDstaddr ?? req.dstaddr);
  if (!from || !to) return undefined;
  // From outside the VPC, an instance is reached at its public address.
  if (!inVpc(net, from.addr)) to = addressFor({ ...from, eni: undefined }, to);
  const proto = req.protocol === TCP ? 'tcp' : req.protocol === UDP ? 'udp' : req.protocol === ICMP || req.protocol === ICMPV6 ? 'icmp' : undefined;
  if (!proto) return undefined;
  return { from, to, proto, port: req.dstport, sport: req.srcport, time: req.start };
}

const CAUSE: Record<Blocker['type'], Cause> = {
  'network-acl': 'network-acl', 'security-group': 'security-group', route: 'route', 'internet-gateway': 'internet-gateway',
  'nat-gateway': 'nat-gateway', interface: 'interface',
};

function describe(b: Blocker, net: Network): string {
  if (b.type === 'network-acl') {
    const rule = b.ruleNumber === 32767 || b.ruleNumber === 32768 ? `rule * (${b.ruleNumber})` : `rule ${b.ruleNumber}`;
    return `network ACL ${b.id} ${b.direction ?? ''} ${rule} denies it`.replace('  ', ' ');
  }
  if (b.type === 'security-group') return b.reason;
  return `${b.type.replace('-', ' ')} ${b.id}: ${b.reason}`;
}

function blockersOf(x: Explanation, d: Diagnosed): Blocker[] {
  const leg = x.legs.find((l) => l.leg === d.finding.rejected && l.blockedBy.length > 0);
  return leg?.blockedBy ?? x.legs.flatMap((l) => l.blockedBy);
}

function withBlockers(f: Finding, blockers: Blocker[], net: Network, x: Explanation): Finding {
  const first = blockers[0]!;
  const acl = blockers.find((b) => b.type === 'network-acl');
  const sgs = blockers.filter((b) => b.type === 'security-group');
  const groupIds = sgs.length ? [...new Set(sgs.flatMap((b) => net.interfaces.get(eniOf(b, net) ?? '')?.groups ?? [b.id]))] : undefined;
  const out: Finding = {
    ...f, cause: f.cause === 'port-scan' ? 'port-scan' : CAUSE[first.type],
    aclId: acl?.id, ruleNumber: acl?.ruleNumber, aclDirection: acl?.direction, groupIds, fix: x.fix,
  };
  const why = blockers.map((b) => describe(b, net)).join('; ');
  const flow = `${f.srcaddr}${f.srcport ? `:${f.srcport}` : ''} → ${f.dstaddr}${f.dstport ? `:${f.dstport}` : ''} ${protocolName(f.protocol)}`;
  out.detail = f.cause === 'port-scan'
    ? `${f.detail} Blocked by: ${why}.`
    : `${flow} (the ${f.rejected} of its connection) was rejected ${f.direction === 'ingress' ? 'inbound' : 'outbound'} at ${f.interfaceId}: ${why}.`;
  return out;
}

/** The interface a security-group blocker is about (the engine names the interface in its reason). */
function eniOf(b: Blocker, net: Network): string | undefined {
  const m = /eni-[0-9a-f]+/.exec(b.reason);
  return m && net.interfaces.has(m[0]) ? m[0] : undefined;
}

export function replayFindings(net: Network, diagnosed: Diagnosed[]): Finding[] {
  return diagnosed.map((d) => {
    if (!net.interfaces.has(d.rejected.interfaceId)) {
      return { ...d.finding, detail: `${d.finding.detail} (${d.rejected.interfaceId} is not in the configuration)` };
    }
    const q = question(net, d.request);
    if (!q) return d.finding;
    const x = explain(net, q);
    const blockers = blockersOf(x, d);
    if (x.verdict === 'ACCEPT' || blockers.length === 0) {
      return {
        ...d.finding, cause: d.finding.cause === 'port-scan' ? 'port-scan' : 'not-reproduced',
        detail: `${d.finding.detail} The configuration given allows this connection now: it changed since, or the reject was of a connection already closed.`,
      };
    }
    return withBlockers(d.finding, blockers, net, x);
  });
}
