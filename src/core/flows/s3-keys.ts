/**
 * Where AWS puts flow log objects in S3. A record goes to the file of the
 * 5-minute slot holding its `end` (AWS's example: a file stamped 1620Z holds
 * records ending 16:20:00–16:24:59 UTC), under a date folder of that slot:
 *
 *   [prefix/]AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/[<hh>/]
 *   [prefix/]AWSLogs/aws-account-id=<account>/aws-service=vpcflowlogs/aws-region=<region>/year=<yyyy>/month=<mm>/day=<dd>/[hour=<hh>/]
 *   <account>_vpcflowlogs_<region>_<flow-log-id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz   (.log.parquet for Parquet)
 *
 * AWS's <hash> is opaque; ours is 8 hex digits from the flow log id and the
 * slot, so names are stable across runs and distinct across flow logs and slots.
 */
import { parseBucketArn } from '../ec2/flow-logs.ts';
import type { FlowLog } from '../model/types.ts';
import { hash128 } from '../random.ts';

export const DELIVERY_SLOT_SECONDS = 300;

export interface S3Layout {
  /** The folder after the bucket in the destination ARN ("" for none); slashes around it are ignored. */
  prefix: string;
  account: string;
  region: string;
  hiveCompatiblePartitions: boolean;
  perHourPartition: boolean;
}

/** Start (epoch seconds) of the 5-minute delivery slot holding `end`. */
export function deliverySlot(end: number): number {
  return Math.floor(end / DELIVERY_SLOT_SECONDS) * DELIVERY_SLOT_SECONDS;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function utcParts(seconds: number): { y: string; m: string; d: string; h: string; min: string } {
  const t = new Date(seconds * 1000);
  return {
    y: String(t.getUTCFullYear()).padStart(4, '0'), m: pad2(t.getUTCMonth() + 1), d: pad2(t.getUTCDate()),
    h: pad2(t.getUTCHours()), min: pad2(t.getUTCMinutes()),
  };
}

/** The folder (ending with `/`) for objects of the slot starting at `slot` (epoch seconds). */
export function s3KeyPrefix(layout: S3Layout, slot: number): string {
  const { y, m, d, h } = utcParts(slot);
  const folder = layout.prefix.replace(/^\/+|\/+$/g, '');
  const head = folder ? `${folder}/AWSLogs/` : 'AWSLogs/';
  if (layout.hiveCompatiblePartitions) {
    return `${head}aws-account-id=${layout.account}/aws-service=vpcflowlogs/aws-region=${layout.region}/year=${y}/month=${m}/day=${d}/${layout.perHourPartition ? `hour=${h}/` : ''}`;
  }
  return `${head}${layout.account}/vpcflowlogs/${layout.region}/${y}/${m}/${d}/${layout.perHourPartition ? `${h}/` : ''}`;
}

/** 8 hex digits standing in for AWS's opaque file hash. */
export function s3FileHash(flowLogId: string, slot: number): string {
  return hash128(`${flowLogId}\u0000${slot}`)[0].toString(16).padStart(8, '0');
}

export function s3FileName(account: string, region: string, flowLogId: string, slot: number, fileFormat: 'plain-text' | 'parquet'): string {
  const { y, m, d, h, min } = utcParts(slot);
  const ext = fileFormat === 'parquet' ? '.log.parquet' : '.log.gz';
  return `${account}_vpcflowlogs_${region}_${flowLogId}_${y}${m}${d}T${h}${min}Z_${s3FileHash(flowLogId, slot)}${ext}`;
}

/** The key of the object holding a record whose `end` is given (epoch seconds). */
export function s3KeyFor(layout: S3Layout, flowLogId: string, fileFormat: 'plain-text' | 'parquet', end: number): string {
  const slot = deliverySlot(end);
  return s3KeyPrefix(layout, slot) + s3FileName(layout.account, layout.region, flowLogId, slot, fileFormat);
}

/** A flow log's S3 bucket and layout, from its destination ARN and destination options. */
export function s3LayoutOf(fl: FlowLog, account: string, region: string): S3Layout & { bucket: string } {
  const b = parseBucketArn(fl.logDestination);
  if (!b) throw new Error(`flow log ${fl.id}: ${JSON.stringify(fl.logDestination)} is not an S3 bucket ARN`);
  return {
    bucket: b.bucket, prefix: b.prefix, account, region,
    hiveCompatiblePartitions: fl.hiveCompatiblePartitions, perHourPartition: fl.perHourPartition,
  };
}

/**
 * Bucket and key of the object for a record of `fl` ending at `time` (epoch
 * seconds; the start of its 5-minute slot gives the same answer).
 */
export function s3ObjectKey(fl: FlowLog, account: string, region: string, time: number): { bucket: string; key: string } {
  const layout = s3LayoutOf(fl, account, region);
  return { bucket: layout.bucket, key: s3KeyFor(layout, fl.id, fl.fileFormat, time) };
}
