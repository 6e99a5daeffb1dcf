/** The S3 service: re-exports only. The object store it serves is `src/adapters/s3-store/`. */
export { S3_SERVICE } from './service.ts';
export { S3_ACTIONS } from './handlers/index.ts';
export { s3StoreOf } from './context.ts';
