/** What the CloudWatch Logs store keeps: groups, their streams and the streams' events. */

/** One event as a stream holds it; `seq` orders events of equal timestamp by arrival. */
export interface StoredEvent {
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
  readonly seq: number;
}

/** An event to append: the ingestion time defaults to the store's clock. */
export interface NewEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime?: number;
}

/** A metric filter as PutMetricFilter stores it (the transformations are kept as sent). */
export interface MetricFilterRecord {
  readonly filterName: string;
  readonly filterPattern: string;
  readonly metricTransformations: readonly Record<string, unknown>[];
  readonly creationTime: number;
  readonly applyOnTransformedLogs?: boolean;
}

/** What `.group.json` holds beside a group's streams. */
export interface GroupMeta {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  tags: Record<string, string>;
  metricFilters: MetricFilterRecord[];
  /** Stream name → creation time. */
  streams: Record<string, number>;
}
