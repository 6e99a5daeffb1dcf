/** Findings for people: one short paragraph each. */
import { protocolName } from '../net/protocol.ts';
import type { Finding } from './types.ts';

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

const TITLE: Record<Finding['cause'], string> = {
  'network-acl': 'network ACL', 'security-group': 'security group', 'security-group-or-network-acl': 'security group or network ACL',
  'port-scan': 'port scan', route: 'route', 'internet-gateway': 'internet gateway', 'nat-gateway': 'NAT gateway',
  interface: 'interface', 'not-reproduced': 'not reproduced', unknown: 'unknown',
};

export function renderFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'no rejected traffic in these flow logs\n';
  const paras = findings.map((f) => {
    const head = f.cause === 'port-scan'
      ? `[${TITLE[f.cause]}] ${f.srcaddr} → ${f.interfaceIds?.join(', ') ?? f.interfaceId}, ${f.ports?.length ?? 0} ${protocolName(f.protocol)} ports`
      : `[${TITLE[f.cause]}] ${f.interfaceId} ${f.direction === 'ingress' ? 'inbound' : 'outbound'} ${f.srcaddr}:${f.srcport} → ${f.dstaddr}:${f.dstport} ${protocolName(f.protocol)}`;
    const lines = [`${head} (${iso(f.start)}, ${f.records} record${f.records === 1 ? '' : 's'})`, `  ${f.detail}`];
    if (f.fix?.length) lines.push(`  Fix: ${f.fix.map((x) => x.text).join(' Or: ')}`);
    return lines.join('\n');
  });
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.cause, (counts.get(f.cause) ?? 0) + 1);
  const summary = [...counts].map(([c, n]) => `${n} ${TITLE[c as Finding['cause']]}`).join(', ');
  return `${paras.join('\n\n')}\n\n${findings.length} finding${findings.length === 1 ? '' : 's'}: ${summary}\n`;
}
