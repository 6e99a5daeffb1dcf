/** Groups, streams and metric filters as the Describe actions return them. */
import type { LogGroup, LogStream, MetricFilterRecord } from '../../adapters/logs-store/index.ts';
import { type LogsCall, groupArn } from './context.ts';
import type { Params } from './params.ts';

export function groupView(c: LogsCall, g: LogGroup): Params {
  const arn = groupArn(c, g.name);
  return {
    logGroupName: g.name, creationTime: g.creationTime,
    ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
    metricFilterCount: g.metricFilters.length, arn: `${arn}:*`, storedBytes: g.storedBytes,
    logGroupClass: 'STANDARD', logGroupArn: arn,
  };
}

export function streamView(c: LogsCall, g: LogGroup, s: LogStream): Params {
  return {
    logStreamName: s.name, creationTime: s.creationTime,
    ...(s.firstEventTimestamp !== undefined ? {
      firstEventTimestamp: s.firstEventTimestamp, lastEventTimestamp: s.lastEventTimestamp, lastIngestionTime: s.lastIngestionTime,
    } : {}),
    uploadSequenceToken: s.uploadSequenceToken,
    arn: `${groupArn(c, g.name)}:log-stream:${s.name}`,
    // Deprecated by AWS in 2019: always zero for streams.
    storedBytes: 0,
  };
}

export function metricFilterView(g: LogGroup, f: MetricFilterRecord): Params {
  return {
    filterName: f.filterName, filterPattern: f.filterPattern, metricTransformations: f.metricTransformations,
    creationTime: f.creationTime, logGroupName: g.name, applyOnTransformedLogs: f.applyOnTransformedLogs ?? false,
  };
}
