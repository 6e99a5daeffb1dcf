/**
 * The bucket policy AWS writes when a flow log to S3 is created (VPC User
 * Guide, "Amazon S3 bucket permissions for flow logs"): the log delivery
 * service may put objects under `[prefix/]AWSLogs/<account>/` (Hive layout:
 * `AWSLogs/aws-account-id=<account>/`) and read the bucket's ACL and listing,
 * with the confused-deputy conditions AWS adds.
 *
 * The policy is merged into the one the bucket has: the delivery statements
 * are added or widened (one more `Resource` path per destination, as AWS
 * appends for each new flow log), every other statement is kept. The 2023 VPC
 * guide says the policy "overwrites" an existing one, but the same guide has
 * AWS appending paths flow log after flow log, and the CloudWatch Logs guide
 * (log delivery to S3) appends the statements to an existing policy; dropping a
 * user's statements is the surprise we avoid. docs/LIMITATIONS.md says so.
 */
import type { S3Store } from '../../adapters/s3-store/index.ts';

export const LOG_DELIVERY_PRINCIPAL = 'delivery.logs.amazonaws.com';
export const WRITE_SID = 'AWSLogDeliveryWrite';
export const ACL_CHECK_SID = 'AWSLogDeliveryAclCheck';
/** The statement id newer AWS pages give the ACL check; a bucket policy with it is not given a second one. */
const ACL_CHECK_SIDS = [ACL_CHECK_SID, 'AWSLogDeliveryCheck'];

/** One flow log's destination, as the policy needs it. */
export interface DeliveryGrant {
  bucket: string;
  /** The "folder" of the destination ARN, without slashes at its ends; '' for none. */
  prefix: string;
  /** `DestinationOptions.HiveCompatiblePartitions`. */
  hive: boolean;
  account: string;
  region: string;
}

type Json = Record<string, unknown>;

/** The objects delivery may write: `arn:aws:s3:::bucket/[prefix/]AWSLogs/[aws-account-id=]<account>/*`. */
export function deliveryObjectArn(g: DeliveryGrant): string {
  const folder = g.prefix ? `${g.prefix}/` : '';
  return `arn:aws:s3:::${g.bucket}/${folder}AWSLogs/${g.hive ? 'aws-account-id=' : ''}${g.account}/*`;
}

const sourceArn = (g: DeliveryGrant): string => `arn:aws:logs:${g.region}:${g.account}:*`;

function writeStatement(g: DeliveryGrant): Json {
  return {
    Sid: WRITE_SID, Effect: 'Allow', Principal: { Service: LOG_DELIVERY_PRINCIPAL }, Action: 's3:PutObject',
    Resource: deliveryObjectArn(g),
    Condition: {
      StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': g.account },
      ArnLike: { 'aws:SourceArn': sourceArn(g) },
    },
  };
}

function aclCheckStatement(g: DeliveryGrant): Json {
  return {
    Sid: ACL_CHECK_SID, Effect: 'Allow', Principal: { Service: LOG_DELIVERY_PRINCIPAL }, Action: ['s3:GetBucketAcl', 's3:ListBucket'],
    Resource: `arn:aws:s3:::${g.bucket}`,
    Condition: { StringEquals: { 'aws:SourceAccount': g.account }, ArnLike: { 'aws:SourceArn': sourceArn(g) } },
  };
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** IAM's wildcards in a resource: `*` any run of characters, `?` one. */
function covers(pattern: unknown, arn: string): boolean {
  if (typeof pattern !== 'string') return false;
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(arn);
}

/** Adds `value` to a policy element that is a string or a list of strings, keeping a single value a string. */
function withValue(current: unknown, value: string): unknown {
  const list = asList(current);
  if (list.includes(value)) return current;
  return list.length === 0 ? value : [...list, value];
}

/** Widens a condition the statement already has to this account and region; a condition the user removed stays removed. */
function widenCondition(st: Json, g: DeliveryGrant): void {
  const cond = st.Condition as Json | undefined;
  if (!cond || typeof cond !== 'object') return;
  const eq = cond.StringEquals as Json | undefined;
  if (eq && typeof eq === 'object' && 'aws:SourceAccount' in eq) eq['aws:SourceAccount'] = withValue(eq['aws:SourceAccount'], g.account);
  const like = cond.ArnLike as Json | undefined;
  if (like && typeof like === 'object' && 'aws:SourceArn' in like) like['aws:SourceArn'] = withValue(like['aws:SourceArn'], sourceArn(g));
}

/**
 * The bucket policy after a flow log to `g` is created: `policy` (the
 * bucket's JSON text, if any) with the delivery statements added or widened.
 * A path already covered by the write statement (`arn:aws:s3:::bucket/*`,
 * say) is not added again, as AWS's troubleshooting page describes.
 */
export function withDeliveryGrant(policy: string | undefined, g: DeliveryGrant): string {
  const doc: Json = policy === undefined ? { Version: '2012-10-17', Id: 'AWSLogDeliveryWrite20150319' } : JSON.parse(policy) as Json;
  const statements = asList(doc.Statement) as Json[];
  const write = statements.find((s) => s.Sid === WRITE_SID);
  if (!write) {
    statements.push(writeStatement(g));
  } else {
    const arn = deliveryObjectArn(g);
    if (!asList(write.Resource).some((r) => covers(r, arn))) write.Resource = withValue(write.Resource, arn);
    widenCondition(write, g);
  }
  const acl = statements.find((s) => ACL_CHECK_SIDS.includes(String(s.Sid)));
  if (!acl) statements.push(aclCheckStatement(g));
  else widenCondition(acl, g);
  doc.Statement = statements;
  return JSON.stringify(doc);
}

/** Writes the delivery policy for `g` into the bucket, which must exist. */
export function grantLogDelivery(store: S3Store, g: DeliveryGrant): void {
  store.setBucketPolicy(g.bucket, withDeliveryGrant(store.getBucketPolicy(g.bucket), g));
}
