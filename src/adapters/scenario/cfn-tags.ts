/** CloudFormation's short YAML tags and the long forms they stand for. */
const FUNCTION_TAGS = [
  'Sub', 'Join', 'Select', 'Split', 'GetAZs', 'Cidr', 'If', 'Equals', 'And', 'Or', 'Not', 'FindInMap', 'Base64', 'ImportValue',
];

export const CFN_TAGS = ['!Ref', '!GetAtt', '!Condition', ...FUNCTION_TAGS.map((t) => `!${t}`)];

/** The key of the long form (`!Sub` → `Fn::Sub`); undefined for a tag that is not CloudFormation's. */
export function longFormKey(tag: string): string | undefined {
  if (tag === '!Ref') return 'Ref';
  if (tag === '!Condition') return 'Condition';
  if (tag === '!GetAtt') return 'Fn::GetAtt';
  const name = tag.slice(1);
  return tag.startsWith('!') && FUNCTION_TAGS.includes(name) ? `Fn::${name}` : undefined;
}

/** `!GetAtt Web.PrivateIp` is the list form split at the first dot. */
export function getAttArgument(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const dot = v.indexOf('.');
  return dot > 0 ? [v.slice(0, dot), v.slice(dot + 1)] : v;
}
