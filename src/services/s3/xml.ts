/**
 * S3's XML: responses in the 2006-03-01 namespace, the `<Error>` envelope, and
 * a small reader for the request bodies S3 takes (CreateBucketConfiguration,
 * Delete). The reader knows elements, text and entities, nothing more; any
 * other markup is `MalformedXML`.
 */
import { XML_DECLARATION, escapeXml } from '../../server/xml.ts';
import { malformedXml } from './errors.ts';

export const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** `<Name>text</Name>`, or nothing for undefined. */
export function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function document(root: string, inner: string): string {
  return `${XML_DECLARATION}\n<${root} xmlns="${S3_NS}">${inner}</${root}>`;
}

export function errorXml(code: string, message: string, requestId: string, extra: Record<string, string>): string {
  const more = Object.entries(extra).map(([k, v]) => el(k, v)).join('');
  return `${XML_DECLARATION}\n<Error>${el('Code', code)}${el('Message', message)}${more}${el('RequestId', requestId)}${el('HostId', requestId)}</Error>`;
}

export interface XmlNode { name: string; children: XmlNode[]; text: string }

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    const v = ENTITY[e];
    if (v === undefined) throw malformedXml();
    return v;
  });
}

const TOKEN = /<\?[^>]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gy;

/** Parses a document into its root element; local names only (prefixes dropped). */
export function parseXml(text: string): XmlNode {
  const stack: XmlNode[] = [{ name: '#document', children: [], text: '' }];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw malformedXml();
    pos = TOKEN.lastIndex;
    const [, close, rawName, , selfClose, chars] = m;
    const top = stack[stack.length - 1]!;
    if (chars !== undefined) { top.text += decodeEntities(chars); continue; }
    if (rawName === undefined) continue;
    const name = rawName.includes(':') ? rawName.slice(rawName.indexOf(':') + 1) : rawName;
    if (close) {
      if (top.name !== name || stack.length < 2) throw malformedXml();
      stack.pop();
      continue;
    }
    const node: XmlNode = { name, children: [], text: '' };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  const doc = stack[0]!;
  if (stack.length !== 1 || doc.children.length !== 1 || doc.text.trim() !== '') throw malformedXml();
  return doc.children[0]!;
}

export const child = (n: XmlNode, name: string): XmlNode | undefined => n.children.find((c) => c.name === name);
export const children = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => c.name === name);
