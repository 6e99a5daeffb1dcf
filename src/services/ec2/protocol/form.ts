/**
 * The flat parameters of an EC2 query request: the URL's query string and a
 * form-encoded body, decoded strictly (a broken `%` escape or invalid UTF-8 is
 * `MalformedQueryString`, a name given twice is refused).
 */
import { Ec2Error } from '../../../core/ec2/errors.ts';

/** Parameters of the signature and transport, never passed to an action. */
const AUTH_PARAMS = new Set([
  'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Security-Token', 'X-Amz-Expires',
  'AWSAccessKeyId', 'SignatureVersion', 'SignatureMethod', 'Signature', 'Timestamp', 'Expires', 'SecurityToken',
]);

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw new Ec2Error('MalformedQueryString', `The query string is malformed: '${part.slice(0, 60)}' is not valid percent-encoded UTF-8.`);
  }
}

function parseInto(out: Map<string, string>, text: string): void {
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    if (!name) throw new Ec2Error('MalformedQueryString', 'The query string is malformed: a parameter has no name.');
    if (out.has(name)) throw new Ec2Error('InvalidParameterValue', `The parameter ${name} was given more than once.`);
    out.set(name, value);
  }
}

export function readForm(query: string, body: string): Map<string, string> {
  const out = new Map<string, string>();
  parseInto(out, query.replace(/^\?/, ''));
  parseInto(out, body);
  for (const k of AUTH_PARAMS) out.delete(k);
  return out;
}
