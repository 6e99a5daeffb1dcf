/** The template language of Fn::Sub: `${Name}`, `${Resource.Attribute}`, and `${!Literal}` for a literal `${Literal}`. */
export type SubPart = { text: string } | { name: string };

export function parseSub(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('${', at);
    const close = open < 0 ? -1 : template.indexOf('}', open + 2);
    // An opening brace with no closing one is plain text, as in CloudFormation.
    if (open < 0 || close < 0) {
      text += template.slice(at);
      break;
    }
    text += template.slice(at, open);
    const inner = template.slice(open + 2, close);
    if (inner.startsWith('!')) text += `\${${inner.slice(1)}}`;
    else {
      if (text) parts.push({ text });
      text = '';
      parts.push({ name: inner.trim() });
    }
    at = close + 1;
  }
  if (text) parts.push({ text });
  return parts;
}

/** `Res.Attr` splits at the first dot (attribute names may have dots of their own). */
export function splitAttributeRef(name: string): [string, string] | undefined {
  const dot = name.indexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : undefined;
}
