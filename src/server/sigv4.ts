/**
 * What the server reads from a SigV4 signature: the credential scope's region
 * and service. Signatures are never checked; any credentials are accepted.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface CredentialScope { accessKeyId: string; date: string; region: string; service: string }

const SCOPE = /^([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request$/;

export function parseScope(credential: string): CredentialScope | undefined {
  const m = SCOPE.exec(credential.trim());
  return m ? { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! } : undefined;
}

/** From `Authorization: AWS4-HMAC-SHA256 Credential=…, …` or a presigned URL's `X-Amz-Credential`. */
export function credentialScope(headers: IncomingHttpHeaders, url: URL): CredentialScope | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /Credential=([^,\s]+)/.exec(auth);
    if (m) return parseScope(m[1]!);
  }
  const q = url.searchParams.get('X-Amz-Credential');
  return q ? parseScope(q) : undefined;
}
