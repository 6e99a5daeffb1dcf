/**
 * Which S3 action a REST request is: method, whether it names a bucket and a
 * key, and its subresource (`?policy`, `?delete`, `?list-type=2`…). Known S3
 * subresources this emulator lacks answer `NotImplemented` (501) rather than
 * being mistaken for another action.
 */
import { S3Error, notImplemented } from './errors.ts';

/** Query parameters that select another S3 action on the same path. */
const SUBRESOURCES = [
  'accelerate', 'acl', 'analytics', 'attributes', 'cors', 'encryption', 'intelligent-tiering', 'inventory',
  'legal-hold', 'lifecycle', 'logging', 'metadataTable', 'metrics', 'notification', 'object-lock', 'ownershipControls',
  'partNumber', 'policyStatus', 'publicAccessBlock', 'replication', 'requestPayment', 'restore', 'retention',
  'select', 'session', 'tagging', 'torrent', 'uploadId', 'uploads', 'versioning', 'versions', 'website',
];

function unsupported(query: URLSearchParams): string | undefined {
  return SUBRESOURCES.find((s) => query.has(s));
}

const methodNotAllowed = (method: string): S3Error =>
  new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: 'OBJECT' });

export function actionOf(method: string, bucket: string | undefined, key: string | undefined, query: URLSearchParams, copySource: boolean): string {
  if (bucket === undefined) {
    if (method === 'GET') return 'ListBuckets';
    throw methodNotAllowed(method);
  }
  const extra = unsupported(query);
  if (key === undefined) {
    if (query.has('policy')) {
      const a = ({ GET: 'GetBucketPolicy', PUT: 'PutBucketPolicy', DELETE: 'DeleteBucketPolicy' } as Record<string, string>)[method];
      if (a) return a;
      throw methodNotAllowed(method);
    }
    if (method === 'POST' && query.has('delete')) return 'DeleteObjects';
    if (extra) throw notImplemented(`the bucket's ?${extra} subresource`);
    if (method === 'GET' && query.has('location')) return 'GetBucketLocation';
    switch (method) {
      case 'PUT': return 'CreateBucket';
      case 'HEAD': return 'HeadBucket';
      case 'DELETE': return 'DeleteBucket';
      case 'GET': return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
      default: throw methodNotAllowed(method);
    }
  }
  if (extra) throw notImplemented(`the object's ?${extra} subresource (multipart uploads, tagging, ACLs…)`);
  switch (method) {
    case 'PUT':
      if (copySource) throw notImplemented('CopyObject');
      return 'PutObject';
    case 'GET': return 'GetObject';
    case 'HEAD': return 'HeadObject';
    case 'DELETE': return 'DeleteObject';
    default: throw methodNotAllowed(method);
  }
}
