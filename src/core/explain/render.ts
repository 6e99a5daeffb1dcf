/** The human form of an explanation: a short path per leg, then the fixes. */
import type { Explanation, Hop } from './types.ts';

function name(h: Hop): string {
  const kind = h.type === 'network-acl' ? 'network ACL' : h.type.replace('-', ' ');
  return `${kind} ${h.id}${h.logicalId ? ` (${h.logicalId})` : ''}${h.direction ? ` ${h.direction}` : ''}`;
}

export function renderExplanation(x: Explanation): string {
  const side = (s: Explanation['from']) => `${s.label} (${s.address}${s.interfaceId ? `, ${s.interfaceId}` : ''})`;
  const lines = [`${side(x.from)} → ${side(x.to)} ${x.protocol}${x.protocol === 'icmp' ? '' : `/${x.port}`}: ${x.verdict}`];
  for (const l of x.legs) {
    lines.push('', `${l.leg} ${l.packet}: ${l.verdict}`);
    if (l.note) lines.push(`  (${l.note})`);
    for (const h of l.hops) lines.push(`  ${h.verdict === 'allow' ? 'ok     ' : 'BLOCKED'} ${name(h)}: ${h.reason}`);
  }
  if (x.fix.length) {
    lines.push('', 'to let it through:');
    x.fix.forEach((f, i) => lines.push(`  ${i + 1}. ${f.text}`));
  }
  return `${lines.join('\n')}\n`;
}
