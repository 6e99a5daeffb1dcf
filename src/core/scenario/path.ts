/**
 * Paths of values inside a scenario or template, written the way a person
 * reads them: `Resources.WebSG.Properties.SecurityGroupIngress[0].CidrIp`.
 * Keys that would be ambiguous in that notation are quoted: `hosts["my host"]`.
 */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const PLAIN_KEY = /^[A-Za-z0-9_:\-/]+$/;

export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The inverse of formatPath; undefined for text it could not have produced. */
export function parsePath(text: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  const token = /\.?([A-Za-z0-9_:\-/]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < text.length) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m) return undefined;
    if (m[1] !== undefined) {
      if (m[0].startsWith('.') === (at === 0)) return undefined;
      out.push(m[1]);
    } else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
    at = token.lastIndex;
  }
  return out;
}
