/** The CloudWatch Logs service: re-exports only. */
export { LOGS_SERVICE, LOGS_TARGET_PREFIX } from './service.ts';
export { LOGS_ACTIONS } from './handlers/index.ts';
export { configureLogsData, logStoreOf } from './context.ts';
