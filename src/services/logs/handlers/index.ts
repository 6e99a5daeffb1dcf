/** Every CloudWatch Logs action the server implements, by name. */
import type { LogsActionTable } from '../action.ts';
import { FILTER_EVENTS_ACTIONS } from './filter-events.ts';
import { GET_EVENTS_ACTIONS } from './get-events.ts';
import { GROUP_ACTIONS } from './groups.ts';
import { METRIC_FILTER_ACTIONS } from './metric-filters.ts';
import { PUT_EVENTS_ACTIONS } from './put-events.ts';
import { QUERY_ACTIONS } from './queries.ts';
import { STREAM_ACTIONS } from './streams.ts';
import { TAG_ACTIONS } from './tags.ts';

export const LOGS_ACTIONS: LogsActionTable = {
  ...GROUP_ACTIONS, ...STREAM_ACTIONS, ...PUT_EVENTS_ACTIONS, ...GET_EVENTS_ACTIONS, ...FILTER_EVENTS_ACTIONS,
  ...QUERY_ACTIONS, ...METRIC_FILTER_ACTIONS, ...TAG_ACTIONS,
};
