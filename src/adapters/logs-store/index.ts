/** The CloudWatch Logs store: re-exports only. */
export { LogStore, type LogStoreOptions } from './log-store.ts';
export { LogGroup } from './log-group.ts';
export { LogStream } from './log-stream.ts';
export type { MetricFilterRecord, NewEvent, StoredEvent } from './types.ts';
