/**
 * Availability zones. AZ names are `<region>a`, `<region>b`, …; AZ ids are
 * `<short region>-az<N>`. AWS maps names to ids per account; we use the identity
 * mapping (a → az1), a documented simplification.
 */
const DIRECTION: Record<string, string> = {
  north: 'n', south: 's', east: 'e', west: 'w', central: 'c', northeast: 'ne', northwest: 'nw',
  southeast: 'se', southwest: 'sw', gov: 'g', iso: 'i',
};

export function regionShortName(region: string): string {
  const parts = region.split('-');
  const num = parts[parts.length - 1] ?? '';
  const geo = parts[0] ?? '';
  const mid = parts.slice(1, -1).map((p) => DIRECTION[p] ?? p.slice(0, 1)).join('');
  return `${geo}${mid}${num}`;
}

export function azNames(region: string, count = 6): string[] {
  return Array.from({ length: count }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
}

/** `us-east-1b` → `use1-az2`; undefined when the name is not of this region. */
export function azIdOf(region: string, az: string): string | undefined {
  if (!az.startsWith(region) || az.length !== region.length + 1) return undefined;
  const idx = az.charCodeAt(region.length) - 96;
  if (idx < 1 || idx > 26) return undefined;
  return `${regionShortName(region)}-az${idx}`;
}

/** Whether the text looks like an AWS region name. */
export function isRegionName(s: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d$/.test(s);
}
