/** The EC2 service: re-exports only. */
export { EC2_SERVICE } from './service.ts';
export { EC2_ACTIONS } from './handlers/index.ts';
