/** CloudWatch alarms and SNS notifications during `vpcflow run`. */
export { type RunMonitor, type RunMonitorOptions, createRunMonitor } from './run-monitor.ts';
export { type NotificationEntry } from './deliver.ts';
export { type PostOutcome, type Poster, makePoster } from './http-post.ts';
