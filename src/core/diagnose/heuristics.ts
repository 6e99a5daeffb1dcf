/**
 * Diagnosis from flow logs alone, with the reasoning AWS's documentation
 * teaches: security groups are stateful, network ACLs are not. On one
 * interface, a request ACCEPTed whose response is REJECTed can only be the
 * network ACL (responses are never dropped by a security group); a REJECT
 * with no reply is a security group or a network ACL, the records cannot tell
 * which. Many REJECTs from one source to many ports are a scan.
 */
import { protocolName } from '../net/protocol.ts';
import { indexFlows, partnerOf, toFlows } from './flows.ts';
import type { Finding, Flow, FlowRecord } from './types.ts';

/** Distinct destination ports of unanswered REJECTs from one source that make a scan. */
export const SCAN_PORTS = 5;

export interface Diagnosed {
  finding: Finding;
  /** The rejected flow, and the request of its connection (the same flow when the request itself was rejected). */
  rejected: Flow;
  request: Flow;
  /** Every rejected flow a scan finding stands for. */
  scanned?: Flow[] | undefined;
}

const side = (d: Flow['direction']) => (d === 'ingress' ? 'inbound' : 'outbound');
const tuple = (f: Flow) => `${f.srcaddr}${f.srcport ? `:${f.srcport}` : ''} → ${f.dstaddr}${f.dstport ? `:${f.dstport}` : ''} ${protocolName(f.protocol)}`;

function base(f: Flow, rejected: 'request' | 'response'): Omit<Finding, 'cause' | 'detail'> {
  return {
    srcaddr: f.srcaddr, dstaddr: f.dstaddr, srcport: f.srcport, dstport: f.dstport, protocol: f.protocol,
    interfaceId: f.interfaceId, direction: f.direction, rejected, start: f.start, end: f.end, records: f.records,
  };
}

const ephemeral = (f: Flow) => (f.protocol === 6 || f.protocol === 17 ? ` on ephemeral port ${f.dstport}` : '');

function responseRejected(resp: Flow, req: Flow): Diagnosed {
  const acl = side(resp.direction);
  const detail = req.direction === 'ingress'
    ? `${tuple(req)} was accepted inbound at ${req.interfaceId}, but its response ${tuple(resp)} was rejected outbound. Security groups are stateful and always let responses out, so the subnet's network ACL denies the response: its outbound rules do not allow ${protocolName(resp.protocol)} to ${resp.dstaddr}${ephemeral(resp)}.`
    : `${tuple(req)} went out of ${req.interfaceId} (ACCEPT), but its response ${tuple(resp)} was rejected inbound. Security groups are stateful and always let responses in, so the subnet's network ACL denies the response: its inbound rules do not allow ${protocolName(resp.protocol)} from ${resp.srcaddr}${ephemeral(resp)}.`;
  return { finding: { ...base(resp, 'response'), cause: 'network-acl', aclDirection: acl, detail }, rejected: resp, request: req };
}

function unanswered(f: Flow): Diagnosed {
  const detail = f.direction === 'ingress'
    ? `${tuple(f)} was rejected inbound at ${f.interfaceId} and got no reply: the interface's security groups have no inbound rule allowing it, or the subnet's network ACL denies it inbound (flow logs do not say which).`
    : `${tuple(f)} was rejected outbound at ${f.interfaceId}: the interface's security groups have no outbound rule allowing it, or the subnet's network ACL denies it outbound (flow logs do not say which).`;
  return { finding: { ...base(f, 'request'), cause: 'security-group-or-network-acl', detail }, rejected: f, request: f };
}

/** Which of two mirrored flows is the request: the one to the service port (the lower one) when the ports differ. */
function isRequest(f: Flow, mirror: Flow): boolean {
  return f.srcport !== f.dstport && f.dstport < mirror.dstport;
}

/** A request rejected while its responses were accepted: the connection was cut during its life (a rule changed). */
function cutOff(req: Flow, resp: Flow): Diagnosed {
  const detail = `${tuple(req)} was rejected ${side(req.direction)} at ${req.interfaceId} while responses of the same connection (${tuple(resp)}) were accepted: the connection was cut while it was open (a security group or network ACL rule changed, or the reply path went away).`;
  return { finding: { ...base(req, 'request'), cause: 'security-group-or-network-acl', detail }, rejected: req, request: req };
}

function scan(source: string, flows: Flow[]): Diagnosed {
  const ports = [...new Set(flows.map((f) => f.dstport))].sort((a, b) => a - b);
  const enis = [...new Set(flows.map((f) => f.interfaceId))].sort();
  const first = [...flows].sort((a, b) => a.start - b.start || a.dstport - b.dstport)[0]!;
  const targets = [...new Set(flows.map((f) => f.dstaddr))].sort();
  const finding: Finding = {
    ...base(first, 'request'), srcaddr: source, start: Math.min(...flows.map((f) => f.start)), end: Math.max(...flows.map((f) => f.end)),
    records: flows.reduce((n, f) => n + f.records, 0), cause: 'port-scan', ports, interfaceIds: enis,
    detail: `${source} probed ${ports.length} ports (${ranges(ports)}) on ${targets.join(', ')} and every probe was rejected without a reply: a port scan. The rejects are the network working as intended.`,
  };
  return { finding, rejected: first, request: first, scanned: flows };
}

function ranges(ports: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ports.length;) {
    let j = i;
    while (j + 1 < ports.length && ports[j + 1] === ports[j]! + 1) j++;
    out.push(i === j ? `${ports[i]}` : `${ports[i]}-${ports[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

export function diagnoseRecords(records: FlowRecord[], scanPorts = SCAN_PORTS): Diagnosed[] {
  const flows = toFlows(records);
  const index = indexFlows(flows);
  const out: Diagnosed[] = [];
  const unansweredIn = new Map<string, Flow[]>();
  const seenPairs = new Set<Flow>();
  for (const f of flows) {
    if (f.action !== 'REJECT' || seenPairs.has(f)) continue;
    const p = partnerOf(f, index);
    if (p && p.action === 'ACCEPT' && isRequest(f, p)) {
      out.push(cutOff(f, p));
    } else if (p && p.action === 'ACCEPT') {
      out.push(responseRejected(f, p));
    } else if (p) {
      // Both ways rejected: one finding for the pair, on the request (the flow to the lower port).
      seenPairs.add(p);
      out.push(unanswered(f.dstport <= p.dstport ? f : p));
    } else if (f.direction === 'ingress') {
      unansweredIn.set(f.srcaddr, [...(unansweredIn.get(f.srcaddr) ?? []), f]);
    } else {
      out.push(unanswered(f));
    }
  }
  for (const [source, fs] of unansweredIn) {
    if (new Set(fs.map((f) => f.dstport)).size >= scanPorts) out.push(scan(source, fs));
    else out.push(...fs.map(unanswered));
  }
  return out.sort((a, b) => a.finding.start - b.finding.start || a.finding.interfaceId.localeCompare(b.finding.interfaceId) ||
    a.finding.dstport - b.finding.dstport || a.finding.srcport - b.finding.srcport);
}
