/** CloudWatch metric filters, alarms and their SNS notifications over simulated time. */
export { Monitor, type LogEvent, type MonitorEnv } from './monitor.ts';
export type { AlarmHistoryItem } from './history.ts';
export type { MetricDatum } from './metric-store.ts';
export { type Delivery, type NotifyEnv, type Publication, DELIVERED_PROTOCOLS, deliveriesFor } from './notification.ts';
export { type StateValue, evaluate, evaluationRange } from './evaluate.ts';
export { STATISTICS, percentileOf } from './stats.ts';
export { seededUuid } from './ids.ts';
