/**
 * Talking to a running `vpcflow serve` from the command line: its `/_vpcflow/*`
 * endpoints, with errors as one clear message (exit 2 for what the server
 * refused, 1 when no server answers).
 */
import { UserError } from '../user-error.ts';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4566';
/** Longer than any advance a server should take; a hung server is reported, not waited on forever. */
const TIMEOUT_MS = 10 * 60_000;

export function endpointUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`--endpoint: expected a URL such as ${DEFAULT_ENDPOINT}, found "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError(`--endpoint: expected an http:// or https:// URL, found "${text}"`);
  return url;
}

export async function callServer(endpoint: URL, path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const url = new URL(path, endpoint);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new UserError(`cannot reach vpcflow serve at ${endpoint.origin} (${cause}); start it with \`vpcflow serve\` or pass --endpoint`, 1);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`${url.href} answered ${res.status} with something other than JSON: is this vpcflow serve?`, 1);
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } }).error;
    throw new UserError(err?.message ? `${err.message}${err.code ? ` (${err.code})` : ''}` : `${url.href} answered ${res.status}`);
  }
  return json;
}
